using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>
/// The forward pass of a fixed-size, zero-padded, stride-1, undilated single-plane layer (one output
/// channel per group, e.g. depthwise) reads its input in place instead of copying every plane into a
/// padded buffer (the copy took a fifth of a depthwise layer's time).
/// <list type="bullet">
/// <item>The output's first <see cref="Top"/> and last <see cref="Bottom"/> rows read padding rows. They are computed from
///   a small buffer per input channel whose zeros are never overwritten (one layout for the layer's life, so they stay as
///   allocated): the top band, padded rows <c>0 .. Top + kh - 2</c>, and the bottom band, the padded input's last
///   <c>Bottom + kh - 1</c> rows, both full padded width.</item>
/// <item>The rows between read the input in place. Their first and last vectors (<see cref="Left"/> and <see cref="Right"/>
///   rounded up to whole vectors of the path) load through <c>EdgeLoad.Row</c>, which zeroes the lanes that fall in the
///   left or right padding and reads nothing outside the row. (Copying those columns into strips instead took a seventh
///   of a depthwise layer's time, and the strips' narrow steps another sixth.)</item>
/// </list>
/// Every output element is still the same chain of fused multiply-adds from the bias over every tap, zeros included, so
/// the bits are those of the padded-copy plan on every path.
/// </summary>
internal sealed record ForwardBorder(int Top, int Bottom, int Left, int Right, int KernelHeight, int KernelWidth, int Height, int Width)
{
    /// <summary>Lanes of the widest path (Vector256): the interior between the edge vectors must hold one such vector.</summary>
    public const int WidestLanes = 8;

    public int PaddedWidth => Width + Left + Right;
    public int PaddedHeight => Height + Top + Bottom;
    public int OutputHeight => PaddedHeight - KernelHeight + 1;
    public int OutputWidth => PaddedWidth - KernelWidth + 1;

    /// <summary>Rows of the top band (0 without top padding).</summary>
    public int TopBandRows => Top > 0 ? Top + KernelHeight - 1 : 0;
    /// <summary>Rows of the bottom band (0 without bottom padding).</summary>
    public int BottomBandRows => Bottom > 0 ? Bottom + KernelHeight - 1 : 0;
    /// <summary>Top or bottom padding: the output's first or last rows are computed from bands.</summary>
    public bool HasBands => Top > 0 || Bottom > 0;
    public int TopBandOffset => 0;
    public int BottomBandOffset => TopBandRows * PaddedWidth;
    /// <summary>One input channel's bands.</summary>
    public int ChannelLength => BottomBandOffset + BottomBandRows * PaddedWidth;

    /// <summary>
    /// Rows per edge step. An edge is one vector wide, so its steps stack output rows instead (each input vector loaded
    /// once feeds up to kh of them): up to 8, for 8 independent chains, while the accumulators, the weights an input row
    /// meets (up to kh) and the input vector leave a register spare for the edge load's shuffle (13 of 16), and the
    /// unrolled taps stay within <see cref="Tile.MaxUnrolled"/>; never more than the rows between the bands.
    /// </summary>
    public int EdgeRows
    {
        get
        {
            int rows = 8, taps = KernelHeight * KernelWidth;
            while (rows > 1 && (rows + System.Math.Min(KernelHeight, rows) + 1 > 13 || rows * taps > Tile.MaxUnrolled))
                rows--;
            return System.Math.Min(rows, OutputHeight - Top - Bottom);
        }
    }

    private static int RoundUp(int columns) => (columns + WidestLanes - 1) / WidestLanes * WidestLanes;

    /// <summary>
    /// The border plan, or null where it does not apply: the layer must be fixed-size, zero-padded, stride 1
    /// and undilated on both axes, with one output channel per group and its forward pass vectorised over
    /// columns; its input at least as tall as the kernel (so the output has interior rows) and at least one
    /// widest vector wide (what <c>EdgeLoad.Row</c> needs); and its output wide enough that, on the widest
    /// path, one whole vector lies between the two edges.
    /// </summary>
    public static ForwardBorder? For(LayerSpec s, bool vectorisedOverColumns)
    {
        if (!vectorisedOverColumns || !s.IsFixedSize || !s.HasPadding || s.PaddingMode != PaddingModeValue.Zeros) return null;
        if (s.StrideHeight != 1 || s.StrideWidth != 1 || s.DilationHeight != 1 || s.DilationWidth != 1 || s.OutPerGroup != 1) return null;
        return Of(s.PadTop, s.PadBottom, s.PadLeft, s.PadRight, s.KernelHeight, s.KernelWidth, s.InputHeight, s.InputWidth);
    }

    /// <summary>
    /// The same plan for the input gradient of a fixed-size, stride-1, undilated layer with one input channel per group:
    /// a stride-1 correlation of the output gradient, framed by <paramref name="frame"/> (the kernel's reach less the zero
    /// padding), with the flipped kernel, whose output is exactly the input's gradient. Read in place, the output gradient
    /// needs no framed copy (on S3 the copy took about an eighth of Backward). Null where the frame is empty or the
    /// geometry does not fit (as for <see cref="For"/>).
    /// </summary>
    public static ForwardBorder? ForInputGradient(LayerSpec s, InputGradFrame frame)
    {
        if (!s.IsFixedSize || !frame.Direct || frame.Flat || s.InPerGroup != 1) return null;
        if (s.DilationHeight != 1 || s.DilationWidth != 1) return null;
        if (frame.Top == 0 && frame.Bottom == 0 && frame.Left == 0 && frame.Right == 0) return null;
        return Of(frame.Top, frame.Bottom, frame.Left, frame.Right, s.KernelHeight, s.KernelWidth,
                  s.OutputHeight(s.InputHeight), s.OutputWidth(s.InputWidth));
    }

    /// <summary>The plan for a source of <paramref name="height"/> × <paramref name="width"/> with this zero padding, or null where it does not fit.</summary>
    private static ForwardBorder? Of(int top, int bottom, int left, int right, int kh, int kw, int height, int width)
    {
        if (height < kh || width < kw || width < WidestLanes) return null;
        var b = new ForwardBorder(top, bottom, left, right, kh, kw, height, width);
        return b.OutputWidth - RoundUp(left) - RoundUp(right) >= WidestLanes ? b : null;
    }
}
