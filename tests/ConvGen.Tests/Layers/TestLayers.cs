using ConvGen;
using ConvGen.Reference;
using Xunit;

namespace ConvGen.Tests.Layers;

// Single-channel, stride 1, no padding: the seed's family, kernel sides 1..16, with and without bias.
[ConvLayer(1, 1)] internal partial class K1x1 { }
[ConvLayer(1, 2, Bias = false)] internal partial class K1x2NoBias { }
[ConvLayer(2, 1)] internal partial class K2x1 { }
[ConvLayer(2, 2, Bias = false)] internal partial class K2x2NoBias { }
[ConvLayer(3, 3)] internal partial class K3x3 { }
[ConvLayer(3, 5, Bias = false)] internal partial class K3x5NoBias { }
[ConvLayer(5, 3)] internal partial class K5x3 { }
[ConvLayer(5, 5)] internal partial class K5x5 { }
[ConvLayer(1, 7)] internal partial class K1x7 { }
[ConvLayer(7, 1, Bias = false)] internal partial class K7x1NoBias { }
[ConvLayer(4, 6)] internal partial class K4x6 { }
[ConvLayer(1, 16)] internal partial class K1x16 { }
[ConvLayer(16, 1)] internal partial class K16x1 { }
[ConvLayer(9, 13, Bias = false)] internal partial class K9x13NoBias { }
[ConvLayer(16, 16)] internal partial class K16x16 { }

// Beyond the seed (the Conv2d issue extends these): channels, stride, padding, dilation, groups, fixed size.
[ConvLayer(3, 3, InChannels = 3, OutChannels = 2)] internal partial class C3to2K3x3 { }
// 4-channel register tiles (3 vectors; the rows' ends back off to two 2-vector steps): forward with 5 output channels, input gradient with 6 input channels.
[ConvLayer(3, 3, InChannels = 2, OutChannels = 5)] internal partial class C2to5K3x3 { }
[ConvLayer(3, 3, InChannels = 6, OutChannels = 2, Padding = 1)] internal partial class C6to2K3x3Padded { }
[ConvLayer(3, 3, Stride = 2, Padding = 1)] internal partial class Strided { }
[ConvLayer(3, 2, StrideHeight = 1, StrideWidth = 3, PaddingWidth = 2, DilationHeight = 2)] internal partial class MixedAxes { }
[ConvLayer(3, 3, InChannels = 4, OutChannels = 8, Groups = 4, Padding = 1)] internal partial class Depthwise2x { }
[ConvLayer(2, 4, InChannels = 2, OutChannels = 2, PaddingKind = PaddingKind.Same)] internal partial class SameEven { }
[ConvLayer(3, 3, Padding = 2, PaddingMode = PaddingMode.Reflect)] internal partial class ReflectPad { }
[ConvLayer(3, 3, Padding = 1, PaddingMode = PaddingMode.Replicate, Bias = false)] internal partial class ReplicatePad { }
[ConvLayer(2, 3, Padding = 3, PaddingMode = PaddingMode.Circular)] internal partial class CircularPad { }
[ConvLayer(5, 5, InChannels = 2, OutChannels = 3, InputHeight = 9, InputWidth = 13, Padding = 2)] internal partial class Fixed9x13 { }
// Fixed size, grouped and zero-padded: the forward pass pads one group at a time, writing only the buffer's interior.
[ConvLayer(3, 3, InChannels = 4, OutChannels = 8, Groups = 4, Padding = 1, InputHeight = 11, InputWidth = 19)] internal partial class FixedDepthwise { }
// Fixed size, zero-padded, one output channel per group, stride 1: the forward pass reads the input in place (the edge
// columns through loads that zero the lanes in the padding) and computes the top and bottom rows from copies of the
// border's rows (bands). Odd and even heights and widths; an interior exactly one vector wide (24 columns); no top padding
// ('same' with an even kernel, 1 column left and 2 right); two input channels per group; padding 3 (wider than a scalar
// "vector", so an edge takes several steps there); a single channel with two-row tiles; padding 5 (two Vector128 steps per
// edge, five scalar ones) with 5 rows between the bands in 4-row edge steps (the last overlapping).
[ConvLayer(3, 3, InChannels = 3, OutChannels = 3, Groups = 3, Padding = 1, InputHeight = 14, InputWidth = 71)] internal partial class BorderDepthwise { }
[ConvLayer(3, 3, InChannels = 2, OutChannels = 2, Groups = 2, Padding = 1, Bias = false, InputHeight = 9, InputWidth = 24)] internal partial class BorderNarrow { }
[ConvLayer(2, 4, PaddingKind = PaddingKind.Same, InputHeight = 10, InputWidth = 33)] internal partial class BorderSameEven { }
[ConvLayer(3, 3, InChannels = 4, OutChannels = 2, Groups = 2, Padding = 1, InputHeight = 7, InputWidth = 30)] internal partial class BorderTwoInputs { }
[ConvLayer(7, 7, Padding = 3, Bias = false, InputHeight = 8, InputWidth = 40)] internal partial class BorderPad3 { }
[ConvLayer(5, 5, Padding = 2, InputHeight = 13, InputWidth = 64)] internal partial class BorderSingle5x5 { }
[ConvLayer(11, 11, Padding = 5, InputHeight = 15, InputWidth = 30)] internal partial class BorderPad5 { }
// Padding on one axis only: bands and no edge steps; edge steps and no bands.
[ConvLayer(3, 3, PaddingHeight = 1, InputHeight = 9, InputWidth = 30)] internal partial class BorderRowsOnly { }
[ConvLayer(3, 3, PaddingWidth = 1, InputHeight = 9, InputWidth = 30)] internal partial class BorderColumnsOnly { }
// 324 taps: too many to unroll several rows, so the edges take one-row steps.
[ConvLayer(18, 18, Padding = 4, Bias = false, InputHeight = 20, InputWidth = 40)] internal partial class BorderBig18 { }
// The same shape with reflect padding stays with the padded copy.
[ConvLayer(3, 3, InChannels = 2, OutChannels = 2, Groups = 2, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 9, InputWidth = 30)] internal partial class ReflectDepthwiseFixed { }
// The input gradient reads the output gradient in place (one input channel per group, 32 or more columns): a full frame of 2
// (no padding, like S3), a frame on the rows only with two output channels summed, and two groups of two output channels with a
// 1-row, 3-column frame (a 3x5 kernel, padding 1) around an odd width.
[ConvLayer(3, 3, InputHeight = 12, InputWidth = 40)] internal partial class GradInPlaceValid { }
[ConvLayer(3, 3, InChannels = 1, OutChannels = 2, PaddingHeight = 0, PaddingWidth = 2, InputHeight = 9, InputWidth = 36)] internal partial class GradInPlaceRowsOnly { }
[ConvLayer(3, 5, InChannels = 2, OutChannels = 4, Groups = 2, Padding = 1, InputHeight = 10, InputWidth = 33)] internal partial class GradInPlaceGrouped { }
// Fixed size, one input channel, rows narrower than 32: the input gradient steps over framed rows two at a time,
// 28 + 4 = 32 columns (benchmark S4, 28 rows) and 27 + 2 = 29 widened to 32 (13 rows: a last row alone).
[ConvLayer(5, 5, OutChannels = 6, Padding = 2, InputHeight = 28, InputWidth = 28)] internal partial class LeNetC1 { }
[ConvLayer(3, 3, OutChannels = 2, Padding = 1, InputHeight = 13, InputWidth = 27)] internal partial class FramedRowsOdd { }

// Fixed size, output rows narrower than 8: the weight gradient reads each gradient row as one masked 8-lane block, shifted
// left (lanes d..) for the last rows where a block from the row's start would run past the plane's end. The chapter's
// 6x8 input with [1, -1]; two output channels per tile plus a remainder; zero padding; reflect padding with dilation;
// a stride along the height; grouped one-column rows; and a plane smaller than one block (zero-padded copies instead).
[ConvLayer(1, 2, Bias = false, InputHeight = 6, InputWidth = 8)] internal partial class NarrowChapter { }
[ConvLayer(3, 3, InChannels = 2, OutChannels = 3, InputHeight = 9, InputWidth = 5)] internal partial class NarrowC2to3 { }
[ConvLayer(5, 5, Padding = 2, InputHeight = 7, InputWidth = 6)] internal partial class NarrowPadded5x5 { }
[ConvLayer(3, 3, Padding = 1, PaddingMode = PaddingMode.Reflect, Dilation = 2, InputHeight = 8, InputWidth = 9)] internal partial class NarrowReflectDilated { }
[ConvLayer(3, 2, StrideHeight = 2, Bias = false, InputHeight = 11, InputWidth = 3)] internal partial class NarrowStrideHeight { }
[ConvLayer(3, 3, InChannels = 2, OutChannels = 4, Groups = 2, InputHeight = 10, InputWidth = 3)] internal partial class NarrowGrouped { }
[ConvLayer(1, 1, InputHeight = 2, InputWidth = 3)] internal partial class NarrowTinyPlane { }

// Forward vectorised over output channels (a multiple of 8 per group, with short rows or a stride along the width):
// every channel tile (1, 2 and 3 blocks of 8), two channel tiles per group, pixel tiles that end overlapped or exactly,
// fewer pixels than a tile (run-time sizes), padding, groups, stride and dilation.
[ConvLayer(5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14)] internal partial class LeNetC3 { }
[ConvLayer(3, 3, InChannels = 3, OutChannels = 8, Padding = 1, InputHeight = 9, InputWidth = 11)] internal partial class Out8Padded { }
[ConvLayer(3, 3, InChannels = 2, OutChannels = 24, Bias = false, InputHeight = 7, InputWidth = 6)] internal partial class Out24NoBias { }
[ConvLayer(3, 3, InChannels = 4, OutChannels = 32, Groups = 2, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 8, InputWidth = 8)] internal partial class Groups16Reflect { }
[ConvLayer(3, 3, InChannels = 2, OutChannels = 64, Groups = 2, InputHeight = 6, InputWidth = 7)] internal partial class Groups32 { }
[ConvLayer(3, 3, InChannels = 1, OutChannels = 8, InputHeight = 4, InputWidth = 4)] internal partial class Out8Tiny { }
[ConvLayer(3, 3, InChannels = 3, OutChannels = 16, Stride = 2, Padding = 1)] internal partial class Stride2Out16 { }
[ConvLayer(3, 2, InChannels = 2, OutChannels = 8, StrideWidth = 2, Dilation = 2, Bias = false)] internal partial class StrideWidthDilatedOut8 { }
// The backward pass on the channel plan: stride 1 with dilation and zero padding (the gather writes the caller's span
// through lane masks), three groups of 8, replicate padding with padded rows narrower than 8 (a work buffer of
// 8-float rows, then folded), and a stride along the height only (the weight gradient on channels, the framed input gradient).
[ConvLayer(3, 3, InChannels = 2, OutChannels = 16, Dilation = 2, Padding = 2, InputHeight = 9, InputWidth = 10)] internal partial class DilatedOut16 { }
[ConvLayer(3, 3, InChannels = 3, OutChannels = 24, Groups = 3, Padding = 1, InputHeight = 6, InputWidth = 9)] internal partial class Groups3Out8 { }
[ConvLayer(2, 3, OutChannels = 8, Padding = 1, PaddingMode = PaddingMode.Replicate, Bias = false, InputHeight = 5, InputWidth = 4)] internal partial class ReplicateNarrowOut8 { }
[ConvLayer(3, 2, InChannels = 3, OutChannels = 8, StrideHeight = 2, PaddingWidth = 1, InputHeight = 9, InputWidth = 5)] internal partial class StrideHeightOut8 { }

// Forward as Winograd F(2x2, 3x3) (3x3, stride 1, no dilation, one group, at least 16 channels each way in multiples of 8):
// run-time sizes (odd and even outputs down to 1x1: the last tiles' right column and bottom row dropped), padding 0 and 1,
// reflect padding, no bias, fixed odd and even outputs, 2, 3 and 6 output-channel blocks (register tiles of 2 and 3 blocks),
// more tiles than a band (the last band partial). The input gradient is Winograd too except with reflect padding:
// as many, more and fewer input than output channels, frames of 1, 2 and 0 zero rows or columns, odd fixed inputs.
[ConvLayer(3, 3, InChannels = 16, OutChannels = 16, Padding = 1)] internal partial class WinogradPadded { }
[ConvLayer(3, 3, InChannels = 24, OutChannels = 16, Bias = false)] internal partial class WinogradValidNoBias { }
[ConvLayer(3, 3, InChannels = 16, OutChannels = 24, Padding = 1, InputHeight = 9, InputWidth = 13)] internal partial class WinogradOdd { }
[ConvLayer(3, 3, InChannels = 16, OutChannels = 48, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 16, InputWidth = 10)] internal partial class WinogradReflect { }
// Zero padding 2 along the height and 0 along the width, odd fixed input: the Winograd input gradient's frame is 0 rows and 2 columns each side.
[ConvLayer(3, 3, InChannels = 16, OutChannels = 16, PaddingHeight = 2, PaddingWidth = 0, InputHeight = 7, InputWidth = 11)] internal partial class WinogradUneven { }

/// <summary>A generated layer under test with its configuration written out independently, for the reference.</summary>
public sealed record LayerCase(string Name, Func<int, IConvLayer> Create, ConvSpec Spec, int FixedHeight = 0, int FixedWidth = 0)
{
    public override string ToString() => Name;
}

/// <summary>Every layer declared above, with the <see cref="ConvSpec"/> the reference uses for it.</summary>
public static class LayerCatalog
{
    public static readonly LayerCase[] SingleChannel =
    [
        new("K1x1", s => new K1x1(s), new ConvSpec(1, 1)),
        new("K1x2NoBias", s => new K1x2NoBias(s), new ConvSpec(1, 2, HasBias: false)),
        new("K2x1", s => new K2x1(s), new ConvSpec(2, 1)),
        new("K2x2NoBias", s => new K2x2NoBias(s), new ConvSpec(2, 2, HasBias: false)),
        new("K3x3", s => new K3x3(s), new ConvSpec(3, 3)),
        new("K3x5NoBias", s => new K3x5NoBias(s), new ConvSpec(3, 5, HasBias: false)),
        new("K5x3", s => new K5x3(s), new ConvSpec(5, 3)),
        new("K5x5", s => new K5x5(s), new ConvSpec(5, 5)),
        new("K1x7", s => new K1x7(s), new ConvSpec(1, 7)),
        new("K7x1NoBias", s => new K7x1NoBias(s), new ConvSpec(7, 1, HasBias: false)),
        new("K4x6", s => new K4x6(s), new ConvSpec(4, 6)),
        new("K1x16", s => new K1x16(s), new ConvSpec(1, 16)),
        new("K16x1", s => new K16x1(s), new ConvSpec(16, 1)),
        new("K9x13NoBias", s => new K9x13NoBias(s), new ConvSpec(9, 13, HasBias: false)),
        new("K16x16", s => new K16x16(s), new ConvSpec(16, 16)),
    ];

    public static readonly LayerCase[] General =
    [
        new("C3to2K3x3", s => new C3to2K3x3(s), new ConvSpec(3, 3, InChannels: 3, OutChannels: 2)),
        new("C2to5K3x3", s => new C2to5K3x3(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 5)),
        new("C6to2K3x3Padded", s => new C6to2K3x3Padded(s), new ConvSpec(3, 3, InChannels: 6, OutChannels: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1)),
        new("Strided", s => new Strided(s), new ConvSpec(3, 3, StrideHeight: 2, StrideWidth: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1)),
        new("MixedAxes", s => new MixedAxes(s), new ConvSpec(3, 2, StrideHeight: 1, StrideWidth: 3, PadLeft: 2, PadRight: 2, DilationHeight: 2)),
        new("Depthwise2x", s => new Depthwise2x(s), new ConvSpec(3, 3, InChannels: 4, OutChannels: 8, Groups: 4, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1)),
        // 'same' with a 2x4 kernel: total padding 1 and 3, the extra row/column at the bottom/right.
        new("SameEven", s => new SameEven(s), new ConvSpec(2, 4, InChannels: 2, OutChannels: 2, PadTop: 0, PadBottom: 1, PadLeft: 1, PadRight: 2)),
        new("ReflectPad", s => new ReflectPad(s), new ConvSpec(3, 3, PadTop: 2, PadBottom: 2, PadLeft: 2, PadRight: 2, PaddingMode: PaddingMode.Reflect)),
        new("ReplicatePad", s => new ReplicatePad(s), new ConvSpec(3, 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1, HasBias: false, PaddingMode: PaddingMode.Replicate)),
        new("CircularPad", s => new CircularPad(s), new ConvSpec(2, 3, PadTop: 3, PadBottom: 3, PadLeft: 3, PadRight: 3, PaddingMode: PaddingMode.Circular)),
        new("Fixed9x13", s => new Fixed9x13(s), new ConvSpec(5, 5, InChannels: 2, OutChannels: 3, PadTop: 2, PadBottom: 2, PadLeft: 2, PadRight: 2), 9, 13),
        new("FixedDepthwise", s => new FixedDepthwise(s), new ConvSpec(3, 3, InChannels: 4, OutChannels: 8, Groups: 4, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 11, 19),
        new("BorderDepthwise", s => new BorderDepthwise(s), new ConvSpec(3, 3, InChannels: 3, OutChannels: 3, Groups: 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 14, 71),
        new("BorderNarrow", s => new BorderNarrow(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 2, Groups: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1, HasBias: false), 9, 24),
        // 'same' with a 2x4 kernel: padding 0 on top, 1 at the bottom, 1 left, 2 right.
        new("BorderSameEven", s => new BorderSameEven(s), new ConvSpec(2, 4, PadTop: 0, PadBottom: 1, PadLeft: 1, PadRight: 2), 10, 33),
        new("BorderTwoInputs", s => new BorderTwoInputs(s), new ConvSpec(3, 3, InChannels: 4, OutChannels: 2, Groups: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 7, 30),
        new("BorderPad3", s => new BorderPad3(s), new ConvSpec(7, 7, PadTop: 3, PadBottom: 3, PadLeft: 3, PadRight: 3, HasBias: false), 8, 40),
        new("BorderSingle5x5", s => new BorderSingle5x5(s), new ConvSpec(5, 5, PadTop: 2, PadBottom: 2, PadLeft: 2, PadRight: 2), 13, 64),
        new("BorderPad5", s => new BorderPad5(s), new ConvSpec(11, 11, PadTop: 5, PadBottom: 5, PadLeft: 5, PadRight: 5), 15, 30),
        new("BorderRowsOnly", s => new BorderRowsOnly(s), new ConvSpec(3, 3, PadTop: 1, PadBottom: 1), 9, 30),
        new("BorderColumnsOnly", s => new BorderColumnsOnly(s), new ConvSpec(3, 3, PadLeft: 1, PadRight: 1), 9, 30),
        new("BorderBig18", s => new BorderBig18(s), new ConvSpec(18, 18, PadTop: 4, PadBottom: 4, PadLeft: 4, PadRight: 4, HasBias: false), 20, 40),
        new("ReflectDepthwiseFixed", s => new ReflectDepthwiseFixed(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 2, Groups: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1, PaddingMode: PaddingMode.Reflect), 9, 30),
        new("GradInPlaceValid", s => new GradInPlaceValid(s), new ConvSpec(3, 3), 12, 40),
        new("GradInPlaceRowsOnly", s => new GradInPlaceRowsOnly(s), new ConvSpec(3, 3, OutChannels: 2, PadLeft: 2, PadRight: 2), 9, 36),
        new("GradInPlaceGrouped", s => new GradInPlaceGrouped(s), new ConvSpec(3, 5, InChannels: 2, OutChannels: 4, Groups: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 10, 33),
        new("LeNetC1", s => new LeNetC1(s), new ConvSpec(5, 5, OutChannels: 6, PadTop: 2, PadBottom: 2, PadLeft: 2, PadRight: 2), 28, 28),
        new("FramedRowsOdd", s => new FramedRowsOdd(s), new ConvSpec(3, 3, OutChannels: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 13, 27),
    ];

    /// <summary>Fixed-size layers with output rows narrower than 8 (the weight gradient's masked one-block rows).</summary>
    public static readonly LayerCase[] Narrow =
    [
        new("NarrowChapter", s => new NarrowChapter(s), new ConvSpec(1, 2, HasBias: false), 6, 8),
        new("NarrowC2to3", s => new NarrowC2to3(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 3), 9, 5),
        new("NarrowPadded5x5", s => new NarrowPadded5x5(s), new ConvSpec(5, 5, PadTop: 2, PadBottom: 2, PadLeft: 2, PadRight: 2), 7, 6),
        new("NarrowReflectDilated", s => new NarrowReflectDilated(s), new ConvSpec(3, 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1, DilationHeight: 2, DilationWidth: 2, PaddingMode: PaddingMode.Reflect), 8, 9),
        new("NarrowStrideHeight", s => new NarrowStrideHeight(s), new ConvSpec(3, 2, StrideHeight: 2, HasBias: false), 11, 3),
        new("NarrowGrouped", s => new NarrowGrouped(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 4, Groups: 2), 10, 3),
        new("NarrowTinyPlane", s => new NarrowTinyPlane(s), new ConvSpec(1, 1), 2, 3),
    ];

    /// <summary>Layers whose forward pass vectorises over output channels (the generated file's plan says so; see the generator's plan tests).</summary>
    public static readonly LayerCase[] ChannelVectorised =
    [
        new("LeNetC3", s => new LeNetC3(s), new ConvSpec(5, 5, InChannels: 6, OutChannels: 16), 14, 14),
        new("Out8Padded", s => new Out8Padded(s), new ConvSpec(3, 3, InChannels: 3, OutChannels: 8, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 9, 11),
        new("Out24NoBias", s => new Out24NoBias(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 24, HasBias: false), 7, 6),
        new("Groups16Reflect", s => new Groups16Reflect(s), new ConvSpec(3, 3, InChannels: 4, OutChannels: 32, Groups: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1, PaddingMode: PaddingMode.Reflect), 8, 8),
        new("Groups32", s => new Groups32(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 64, Groups: 2), 6, 7),
        new("Out8Tiny", s => new Out8Tiny(s), new ConvSpec(3, 3, OutChannels: 8), 4, 4),
        new("Stride2Out16", s => new Stride2Out16(s), new ConvSpec(3, 3, InChannels: 3, OutChannels: 16, StrideHeight: 2, StrideWidth: 2, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1)),
        new("StrideWidthDilatedOut8", s => new StrideWidthDilatedOut8(s), new ConvSpec(3, 2, InChannels: 2, OutChannels: 8, StrideWidth: 2, DilationHeight: 2, DilationWidth: 2, HasBias: false)),
        new("DilatedOut16", s => new DilatedOut16(s), new ConvSpec(3, 3, InChannels: 2, OutChannels: 16, DilationHeight: 2, DilationWidth: 2, PadTop: 2, PadBottom: 2, PadLeft: 2, PadRight: 2), 9, 10),
        new("Groups3Out8", s => new Groups3Out8(s), new ConvSpec(3, 3, InChannels: 3, OutChannels: 24, Groups: 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 6, 9),
        new("ReplicateNarrowOut8", s => new ReplicateNarrowOut8(s), new ConvSpec(2, 3, OutChannels: 8, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1, HasBias: false, PaddingMode: PaddingMode.Replicate), 5, 4),
        new("StrideHeightOut8", s => new StrideHeightOut8(s), new ConvSpec(3, 2, InChannels: 3, OutChannels: 8, StrideHeight: 2, PadLeft: 1, PadRight: 1), 9, 5),
    ];

    /// <summary>Layers whose forward pass is Winograd F(2x2, 3x3), and with zero padding their input gradient too (the generated file's plan says so; see the generator's plan tests).</summary>
    public static readonly LayerCase[] Winograd =
    [
        new("WinogradPadded", s => new WinogradPadded(s), new ConvSpec(3, 3, InChannels: 16, OutChannels: 16, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1)),
        new("WinogradValidNoBias", s => new WinogradValidNoBias(s), new ConvSpec(3, 3, InChannels: 24, OutChannels: 16, HasBias: false)),
        new("WinogradOdd", s => new WinogradOdd(s), new ConvSpec(3, 3, InChannels: 16, OutChannels: 24, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1), 9, 13),
        new("WinogradReflect", s => new WinogradReflect(s), new ConvSpec(3, 3, InChannels: 16, OutChannels: 48, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1, PaddingMode: PaddingMode.Reflect), 16, 10),
        new("WinogradUneven", s => new WinogradUneven(s), new ConvSpec(3, 3, InChannels: 16, OutChannels: 16, PadTop: 2, PadBottom: 2), 7, 11),
    ];

    public static IEnumerable<LayerCase> All => SingleChannel.Concat(General).Concat(Narrow).Concat(ChannelVectorised).Concat(Winograd);

    public static TheoryData<string> Names(IEnumerable<LayerCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases) data.Add(c.Name);
        return data;
    }

    public static LayerCase Get(string name) => All.Single(c => c.Name == name);
}
