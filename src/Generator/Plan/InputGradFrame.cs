using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>
/// The zero frame the input gradient spreads the output gradient into (rows above and below, columns
/// left and right). The stride-1 correlation of the framed gradient with the flipped kernel gives the
/// gradient of every position it covers. With the kernel's full reach as the frame it covers the whole
/// padded input, which is then folded back onto the input. With zero padding and stride 1 the border's
/// gradient is simply dropped, so a frame narrower by the padding on each side (<see cref="Direct"/>)
/// makes the correlation cover exactly the input: it writes the caller's span, with no work buffer,
/// no fold and no border positions computed.
/// </summary>
/// <remarks>
/// <see cref="Flat"/>: for a fixed input narrower than <see cref="FlatBelowWidth"/> (so a row holds too few
/// vectors for the correlation's register tiles, which then run on one or two FMA chains and wait on
/// their latency), each framed plane is correlated as one long row: output position i · wq + j reads
/// i · wq + j + u · wq + v, exactly the row-by-row taps, so every kept element has the same bits. The
/// wq - width columns between rows are computed and dropped when the rows are copied into the
/// caller's span.
/// <para>
/// <see cref="RowSteps"/>: a flat frame of one input channel per group whose rows, widened on the right by at
/// most 7 zero columns, are a whole number (4 to 6) of 8-lane vectors: the correlation then steps over the
/// framed rows two at a time (output rows i and i + 1 share kernel-row input rows, so each input vector loaded
/// once feeds both), each step covering whole framed rows of wq columns, the extra columns computed and
/// dropped as in the flat layout. A long flat row has no neighbouring row to share loads with.
/// </para>
/// </remarks>
internal readonly record struct InputGradFrame(int Top, int Bottom, int Left, int Right, bool Direct, bool Flat, bool RowSteps = false)
{
    /// <summary>Input widths below this take the <see cref="Flat"/> layout.</summary>
    public const int FlatBelowWidth = 32;

    /// <summary>Vectors of 8 lanes a framed row must hold for <see cref="RowSteps"/> (2 rows × 4 vectors: 8 FMA chains).</summary>
    public const int MinRowVectors = 4;

    public static InputGradFrame For(LayerSpec s)
    {
        int rh = s.ReachHeight - 1, rw = s.ReachWidth - 1;
        bool direct = s.PaddingMode == PaddingModeValue.Zeros && s.StrideHeight == 1 && s.StrideWidth == 1 &&
                      s.PadTop <= rh && s.PadBottom <= rh && s.PadLeft <= rw && s.PadRight <= rw;
        bool flat = direct && s.IsFixedSize && s.InputWidth < FlatBelowWidth;
        if (!direct)
            return new InputGradFrame(rh, rh, rw, rw, Direct: false, Flat: false);
        int left = rw - s.PadLeft, right = rw - s.PadRight;
        if (flat && s.InPerGroup == 1 && s.DilationHeight == 1 && s.KernelHeight >= 2)
        {
            int wq = s.OutputWidth(s.InputWidth) + left + right;
            int widened = (wq + 7) / 8 * 8;
            if (widened / 8 >= MinRowVectors && widened / 8 <= Tile.MaxAccumulators / 2)
                return new InputGradFrame(rh - s.PadTop, rh - s.PadBottom, left, right + widened - wq, Direct: true, Flat: true, RowSteps: true);
        }
        return new InputGradFrame(rh - s.PadTop, rh - s.PadBottom, left, right, Direct: true, Flat: flat);
    }

    /// <summary>Columns of a framed row for a fixed-size layer with stride 1 (<see cref="Direct"/>).</summary>
    public int Width(LayerSpec s) => s.OutputWidth(s.InputWidth) + Left + Right;

    /// <summary>Zero columns <see cref="RowSteps"/> added on the right to make a framed row whole vectors (0 to 7).</summary>
    public int Widened(LayerSpec s) => Right - (s.ReachWidth - 1 - s.PadRight);
}
