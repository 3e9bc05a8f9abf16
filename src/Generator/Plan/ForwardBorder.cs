using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>
/// The forward pass of a fixed-size, zero-padded, stride-1, undilated single-plane layer (one output
/// channel per group, e.g. depthwise) reads its input in place instead of copying every plane into a
/// padded buffer (the copy took a fifth of a depthwise layer's time). Only the output's edge reads the
/// zero border, so only what the edge reads is copied, per input channel, into a small buffer whose zeros
/// are never overwritten (one layout for the layer's life, so they stay as allocated):
/// <list type="bullet">
/// <item>the top band: padded rows <c>0 .. Top + kh - 2</c> (the output's first <see cref="Top"/> rows read only these), full padded width;</item>
/// <item>the bottom band: the padded input's last <see cref="Bottom"/> + kh - 1 rows, full padded width;</item>
/// <item>the left strip: padded columns <c>0 .. LeftStripWidth - 1</c> of every input row: the output's first
///   vector or vectors (<see cref="Left"/> rounded up to a whole vector) read only these;</item>
/// <item>the right strip: the padded input's last <c>RightStripWidth</c> columns of every input row.</item>
/// </list>
/// The strips are wide enough for the widest path (<see cref="WidestLanes"/> lanes), so their layout does
/// not depend on the path. Every output element is still the same chain of fused multiply-adds from the
/// bias over every tap, zeros included (read from the bands and strips), so the bits are those of the
/// padded-copy plan on every path.
/// </summary>
internal sealed record ForwardBorder(int Top, int Bottom, int Left, int Right, int KernelHeight, int KernelWidth, int Height, int Width)
{
    /// <summary>Lanes of the widest path (Vector256): the edge strips hold one such vector's reach.</summary>
    public const int WidestLanes = 8;

    public int PaddedWidth => Width + Left + Right;
    public int PaddedHeight => Height + Top + Bottom;
    public int OutputHeight => PaddedHeight - KernelHeight + 1;
    public int OutputWidth => PaddedWidth - KernelWidth + 1;

    /// <summary>Rows of the top band (0 without top padding).</summary>
    public int TopBandRows => Top > 0 ? Top + KernelHeight - 1 : 0;
    /// <summary>Rows of the bottom band (0 without bottom padding).</summary>
    public int BottomBandRows => Bottom > 0 ? Bottom + KernelHeight - 1 : 0;
    /// <summary>Columns of the left strip: the left padding rounded up to the widest vector, plus the kernel's reach (0 without left padding).</summary>
    public int LeftStripWidth => Left > 0 ? RoundUp(Left) + KernelWidth - 1 : 0;
    /// <summary>Columns of the right strip (0 without right padding).</summary>
    public int RightStripWidth => Right > 0 ? RoundUp(Right) + KernelWidth - 1 : 0;

    public int TopBandOffset => 0;
    public int BottomBandOffset => TopBandRows * PaddedWidth;
    public int LeftStripOffset => BottomBandOffset + BottomBandRows * PaddedWidth;
    public int RightStripOffset => LeftStripOffset + Height * LeftStripWidth;
    /// <summary>One input channel's bands and strips.</summary>
    public int ChannelLength => RightStripOffset + Height * RightStripWidth;

    /// <summary>The padded column where the right strip starts: output column j is strip column j - this.</summary>
    public int RightStripStart => PaddedWidth - RightStripWidth;

    private static int RoundUp(int columns) => (columns + WidestLanes - 1) / WidestLanes * WidestLanes;

    /// <summary>
    /// The border plan, or null where it does not apply: the layer must be fixed-size, zero-padded, stride 1
    /// and undilated on both axes, with one output channel per group and its forward pass vectorised over
    /// columns; its input at least as tall as the kernel (so the output has interior rows); and its output
    /// wide enough that, on the widest path, one whole vector lies between the two edges.
    /// </summary>
    public static ForwardBorder? For(LayerSpec s, bool vectorisedOverColumns)
    {
        if (!vectorisedOverColumns || !s.IsFixedSize || !s.HasPadding || s.PaddingMode != PaddingModeValue.Zeros) return null;
        if (s.StrideHeight != 1 || s.StrideWidth != 1 || s.DilationHeight != 1 || s.DilationWidth != 1 || s.OutPerGroup != 1) return null;
        if (s.InputHeight < s.KernelHeight || s.InputWidth < s.KernelWidth) return null;
        var b = new ForwardBorder(s.PadTop, s.PadBottom, s.PadLeft, s.PadRight, s.KernelHeight, s.KernelWidth, s.InputHeight, s.InputWidth);
        return b.OutputWidth - RoundUp(s.PadLeft) - RoundUp(s.PadRight) >= WidestLanes ? b : null;
    }
}
