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
/// </remarks>
internal readonly record struct InputGradFrame(int Top, int Bottom, int Left, int Right, bool Direct, bool Flat)
{
    /// <summary>Input widths below this take the <see cref="Flat"/> layout.</summary>
    public const int FlatBelowWidth = 32;

    public static InputGradFrame For(LayerSpec s)
    {
        int rh = s.ReachHeight - 1, rw = s.ReachWidth - 1;
        bool direct = s.PaddingMode == PaddingModeValue.Zeros && s.StrideHeight == 1 && s.StrideWidth == 1 &&
                      s.PadTop <= rh && s.PadBottom <= rh && s.PadLeft <= rw && s.PadRight <= rw;
        bool flat = direct && s.IsFixedSize && s.InputWidth < FlatBelowWidth;
        return direct
            ? new InputGradFrame(rh - s.PadTop, rh - s.PadBottom, rw - s.PadLeft, rw - s.PadRight, Direct: true, Flat: flat)
            : new InputGradFrame(rh, rh, rw, rw, Direct: false, Flat: false);
    }
}
