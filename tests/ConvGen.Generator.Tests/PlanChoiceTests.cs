using ConvGen.Generator.Tests.Support;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>
/// Which axis the forward pass vectorises, read from the plan the generated file states: output channels
/// when a group has a multiple of 8 of them and the rows are short (fixed output narrower than 16 columns)
/// or strided along the width; output columns otherwise.
/// </summary>
public class PlanChoiceTests
{
    private const string Channels = "// Forward: vectorised over output channels";

    private static string Plan(string attribute) =>
        GeneratorHarness.GeneratedText($"using ConvGen;\nnamespace Demo;\n[ConvLayer({attribute})] public partial class Layer {{ }}\n");

    private const string Held = "weights held in registers across the row";

    [Theory]
    // Benchmark S7 (depthwise 3x3, padding 1) and S3 (one channel, 3x3): 2 rows x 3 vectors, 6 accumulators + 9 weights + 1.
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Groups = 32, Padding = 1, InputHeight = 112, InputWidth = 112", 9, 3)]
    [InlineData("3, 3, InputHeight = 256, InputWidth = 256", 9, 3)]
    // Input size at run time: the same step, its columns bounded at run time.
    [InlineData("3, 3", 9, 3)]
    // 2 taps (a 2x1 kernel): the 6-vector step, now with its 2 weights held.
    [InlineData("2, 1, InputHeight = 256, InputWidth = 256", 2, 6)]
    // 6 taps: (16 - 1 - 6) / 2 = 4 vectors.
    [InlineData("2, 3, InputHeight = 20, InputWidth = 40", 6, 4)]
    public void SingleChannelRowStepsHoldTheirWeights(string attribute, int taps, int vectors)
    {
        string text = Plan(attribute);
        Assert.Contains($"// Forward: 2 output rows x {vectors} column vectors per step ({2 * vectors} accumulators, the {taps} {Held};", text);
        Assert.Contains($"private static int ForwardItemTile1Rows2x{vectors}<TOps, TVec>(", text);
        Assert.Contains($"for (; j + {vectors} * TOps.Count <= j1; j += {vectors} * TOps.Count)", text);
        // Each weight broadcast once, outside the column loop.
        for (int t = 0; t < taps; t++)
            Assert.Contains($"TVec h{t} = TOps.Broadcast(Unsafe.Add(ref w, {t}));", text);
        // The input gradient (one output channel per input plane) holds them too.
        Assert.Contains($"private static int InputGradItemTile1Rows2x{vectors}<TOps, TVec>(", text);
    }

    [Theory]
    // 25 taps leave no room: (16 - 1 - 25) / 2 < 3.
    [InlineData("5, 5, InputHeight = 28, InputWidth = 28")]
    // Two input channels per output plane: 18 weights.
    [InlineData("3, 3, InChannels = 2, InputHeight = 40, InputWidth = 40")]
    // Several output planes: the planes tile has no row step.
    [InlineData("3, 3, OutChannels = 4, InputHeight = 40, InputWidth = 40")]
    public void OtherRowStepsBroadcastFromMemory(string attribute)
    {
        string text = Plan(attribute);
        Assert.DoesNotContain(Held, text);
        Assert.DoesNotContain("TVec h0 = ", text);
    }

    [Theory]
    // LeNet C3 (benchmark S5): 10 x 10 outputs, 16 channels.
    [InlineData("5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14", 6, 2)]
    [InlineData("3, 3, InChannels = 3, OutChannels = 8, Padding = 1, InputHeight = 9, InputWidth = 11", 8, 1)]
    [InlineData("3, 3, InChannels = 2, OutChannels = 24, Bias = false, InputHeight = 7, InputWidth = 6", 4, 3)]
    [InlineData("3, 3, InChannels = 4, OutChannels = 32, Groups = 2, Padding = 1, InputHeight = 8, InputWidth = 8", 6, 2)]
    // 32 channels per group: two tiles of 16.
    [InlineData("3, 3, InChannels = 2, OutChannels = 64, Groups = 2, InputHeight = 6, InputWidth = 7", 6, 2)]
    // Four output pixels: the tile shrinks to them.
    [InlineData("3, 3, OutChannels = 8, InputHeight = 4, InputWidth = 4", 4, 1)]
    // Strided along the width, input size given at run time.
    [InlineData("3, 3, InChannels = 3, OutChannels = 16, Stride = 2, Padding = 1", 6, 2)]
    [InlineData("3, 2, InChannels = 2, OutChannels = 8, StrideWidth = 2, Dilation = 2, Bias = false", 8, 1)]
    // Output 15 wide: still short.
    [InlineData("3, 3, OutChannels = 16, InputHeight = 20, InputWidth = 17", 6, 2)]
    public void ShortOrStridedRowsWithChannelsInEights(string attribute, int pixels, int blocks)
    {
        string text = Plan(attribute);
        Assert.Contains(Channels, text);
        Assert.Contains($"register tiles of {pixels} output pixel{(pixels > 1 ? "s" : "")} x {blocks} block{(blocks > 1 ? "s" : "")} of 8 channels", text);
        Assert.Contains("private static void ForwardItem<TBlk, TAcc>(", text);
        Assert.Contains($"ForwardItem{pixels}x{blocks}<TBlk, TAcc>(", text);
        Assert.Contains("case ConvPath.Vector256: ForwardBatch<Block256, Vector256<float>>(", text);
        Assert.DoesNotContain("ForwardItemTile", text);
    }

    private const string ChannelWeightGrad = "// Backward, weight gradient: vectorised over output channels like the forward pass";
    private const string GatheredInputGrad = "// Backward, input gradient: products, then a gather (no frame)";

    [Theory]
    // Stride 1 (fixed size, as the channel plan then needs): the input gradient as products and a gather too;
    // zero padding wide enough to write the caller's span, or a work buffer (reflect padding, rows narrower than 8).
    [InlineData("5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14", true, "written straight into the input's gradient.")]
    [InlineData("3, 3, InChannels = 2, OutChannels = 16, Dilation = 2, Padding = 2, InputHeight = 9, InputWidth = 10", true, "written straight into the input's gradient.")]
    [InlineData("3, 3, InChannels = 4, OutChannels = 32, Groups = 2, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 8, InputWidth = 8", true, "rows of 10 in a work buffer, then folded onto the input.")]
    [InlineData("3, 3, InChannels = 2, OutChannels = 24, Bias = false, InputHeight = 7, InputWidth = 6", true, "rows of 8 in a work buffer, then copied onto the input.")]
    // Strided: the weight gradient only; the input gradient stays the framed correlation.
    [InlineData("3, 3, InChannels = 3, OutChannels = 16, Stride = 2, Padding = 1", false, "")]
    [InlineData("3, 2, InChannels = 3, OutChannels = 8, StrideHeight = 2, PaddingWidth = 1, InputHeight = 9, InputWidth = 5", false, "")]
    public void ChannelPlanLayersTakeTheChannelBackward(string attribute, bool gathered, string target)
    {
        string text = Plan(attribute);
        Assert.Contains(ChannelWeightGrad, text);
        Assert.Contains("private static void WeightGradItem<TBlk, TAcc>(", text);
        Assert.DoesNotContain("WeightGradTile", text);
        Assert.Contains("BackwardBatch<Simd256, Vector256<float>, Reduce256, Vector256<float>, Block256", text); // then Block256, Vector256<float> for 16-channel groups (the weight gradient's second block type)
        if (gathered)
        {
            Assert.Contains(GatheredInputGrad, text);
            Assert.Contains(target, text);
            Assert.Contains("private static void InputGradItem<TBlk, TAcc", text); // then TWide, TWideAcc where the products have 16-pixel steps
            Assert.DoesNotContain("InputGradItemTile", text);
        }
        else
        {
            Assert.DoesNotContain(GatheredInputGrad, text);
            Assert.Contains("InputGradItemTile", text);
        }
    }

    [Theory]
    // Output 16 wide: two full vectors per row, the column plan.
    [InlineData("3, 3, OutChannels = 16, InputHeight = 20, InputWidth = 18")]
    // 12 channels per group: not whole blocks of 8.
    [InlineData("5, 5, InChannels = 6, OutChannels = 12, InputHeight = 14, InputWidth = 14")]
    // 16 channels in 4 groups: 4 per group, less than a block of 8.
    [InlineData("3, 3, InChannels = 4, OutChannels = 16, Groups = 4, InputHeight = 8, InputWidth = 8")]
    // Stride 1 with the width given at run time: the row length is unknown, the column plan.
    [InlineData("5, 5, InChannels = 6, OutChannels = 16")]
    // Benchmarks S4, S7 (S6 is Winograd, below).
    [InlineData("5, 5, OutChannels = 6, Padding = 2, InputHeight = 28, InputWidth = 28")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Groups = 32, Padding = 1, InputHeight = 112, InputWidth = 112")]
    public void OtherwiseColumns(string attribute)
    {
        string text = Plan(attribute);
        Assert.DoesNotContain(Channels, text);
        Assert.Contains("ForwardItemTile", text);
        Assert.DoesNotContain("IBlock8", text);
        Assert.DoesNotContain(ChannelWeightGrad, text);
        Assert.DoesNotContain(GatheredInputGrad, text);
    }

    private const string InPlace = "// Input: the forward pass reads it in place";

    [Theory]
    // Benchmark S7: depthwise, padding 1.
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Groups = 32, Padding = 1, InputHeight = 112, InputWidth = 112")]
    // One channel, 'same' with an even kernel (no top padding), two input channels per group, padding 3.
    [InlineData("5, 5, Padding = 2, InputHeight = 28, InputWidth = 28")]
    [InlineData("2, 4, PaddingKind = PaddingKind.Same, InputHeight = 10, InputWidth = 33")]
    [InlineData("3, 3, InChannels = 4, OutChannels = 2, Groups = 2, Padding = 1, InputHeight = 7, InputWidth = 30")]
    [InlineData("7, 7, Padding = 3, Bias = false, InputHeight = 8, InputWidth = 40")]
    // Output 24 wide: one 8-lane vector between the two edges, the narrowest that qualifies.
    [InlineData("3, 3, InChannels = 2, OutChannels = 2, Groups = 2, Padding = 1, InputHeight = 9, InputWidth = 24")]
    public void FixedZeroPaddedSinglePlaneLayersReadTheInputInPlace(string attribute)
    {
        string text = Plan(attribute);
        Assert.Contains(InPlace, text);
        Assert.Contains("FillForwardBorder(input, work);", text);
        Assert.Contains("private readonly WorkBuffer _forwardBorder", text);
        Assert.DoesNotContain("Planes.PadInterior(input.Slice(n * inItem + g * groupItem", text);
        // The edge columns read the input in place too: no strip is copied.
        Assert.Contains("ForwardItemEdges<TOps, TVec>(ref x, ref w", text);
        Assert.Contains("x = EdgeLoad.Row<TOps, TVec>(ref q0, j - 1, ", text);
        Assert.DoesNotContain("strip", text);
    }

    [Fact]
    public void PaddingOnOneAxisGetsBandsOrEdgeStepsOnly()
    {
        string rows = Plan("3, 3, PaddingHeight = 1, InputHeight = 9, InputWidth = 30");
        Assert.Contains(InPlace, rows);
        Assert.Contains("FillForwardBorder(input, work);", rows);
        Assert.DoesNotContain("ForwardItemEdges", rows);
        string columns = Plan("3, 3, PaddingWidth = 1, InputHeight = 9, InputWidth = 30");
        Assert.Contains(InPlace, columns);
        Assert.Contains("ForwardItemEdges<TOps, TVec>(ref x, ref w", columns);
        Assert.Contains("_forwardBorder = new(0)", columns);
        Assert.DoesNotContain("FillForwardBorder", columns);
    }

    [Theory]
    // Two output channels per group (S4's six too): the tile spans several planes, padded copy.
    [InlineData("3, 3, InChannels = 4, OutChannels = 8, Groups = 4, Padding = 1, InputHeight = 11, InputWidth = 40")]
    [InlineData("5, 5, OutChannels = 6, Padding = 2, InputHeight = 28, InputWidth = 28")]
    // Other padding modes, run-time sizes, strides, dilation, no padding.
    [InlineData("3, 3, InChannels = 2, OutChannels = 2, Groups = 2, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 9, InputWidth = 30")]
    [InlineData("3, 3, InChannels = 2, OutChannels = 2, Groups = 2, Padding = 1, PaddingMode = PaddingMode.Replicate, InputHeight = 9, InputWidth = 30")]
    [InlineData("3, 3, InChannels = 2, OutChannels = 2, Groups = 2, Padding = 1, PaddingMode = PaddingMode.Circular, InputHeight = 9, InputWidth = 30")]
    [InlineData("3, 3, InChannels = 4, OutChannels = 4, Groups = 4, Padding = 1")]
    [InlineData("3, 3, Stride = 2, Padding = 1, InputHeight = 40, InputWidth = 40")]
    [InlineData("3, 3, StrideHeight = 2, Padding = 1, InputHeight = 40, InputWidth = 40")]
    [InlineData("3, 3, Dilation = 2, Padding = 2, InputHeight = 40, InputWidth = 40")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Groups = 32, InputHeight = 114, InputWidth = 114")]
    // Output 23 wide: less than one 8-lane vector between the edges.
    [InlineData("3, 3, InChannels = 2, OutChannels = 2, Groups = 2, Padding = 1, InputHeight = 9, InputWidth = 23")]
    public void OtherLayersKeepThePaddedCopyOrNone(string attribute)
    {
        string text = Plan(attribute);
        Assert.DoesNotContain(InPlace, text);
        Assert.DoesNotContain("FillForwardBorder", text);
        Assert.DoesNotContain("_forwardBorder", text);
    }

    [Theory]
    // LeNet C3 / benchmark S5: 16 channels, one 16-channel block, 8 pixels a step; 32 channels at a run-time size and
    // stride 2: two blocks a step; 16 channels per group in two groups.
    [InlineData("5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14", "ForwardItemWide8x1", "8 output pixels x 1 block")]
    [InlineData("3, 3, InChannels = 3, OutChannels = 32, Stride = 2, Padding = 1", "ForwardItemWide6x2", "6 output pixels x 2 blocks")]
    [InlineData("3, 3, InChannels = 4, OutChannels = 32, Groups = 2, Padding = 1, InputHeight = 8, InputWidth = 8", "ForwardItemWide8x1", "8 output pixels x 1 block")]
    public void ChannelPlansOfSixteenChannelGroupsHaveVector512Steps(string attribute, string step, string tile)
    {
        string text = Plan(attribute);
        Assert.Contains("case ConvPath.Vector512: ForwardBatch<Block512, Vector512<float>>(", text);
        Assert.Contains($"private static void {step}<TBlk, TAcc>(", text);
        Assert.Contains("if (TBlk.Lanes == 16)", text);
        Assert.Contains($"//   Vector512 (AVX-512): blocks of 16 channels in one register, tiles of {tile}, the same chains (so the same bits).", text);
        // The backward pass: the weight gradient's steps over 16-channel blocks (a second block type), the rest the Vector256 code.
        Assert.Contains("case ConvPath.Vector512: BackwardBatch<Simd256, Vector256<float>, Reduce256, Vector256<float>, Block256, Block512, Vector512<float>>(", text);
        Assert.Contains("case ConvPath.Vector256: BackwardBatch<Simd256, Vector256<float>, Reduce256, Vector256<float>, Block256, Block256, Vector256<float>>(", text);
        Assert.Contains("WeightGradItem<TWide, TWideAcc>(", text);
        Assert.Contains("private static void WeightGradStepWide", text);
        // Stride 1 on fixed planes of at least 16 pixels: the input gradient's products over 16-pixel blocks too.
        Assert.Equal(!attribute.Contains("Stride = 2"), text.Contains("private static void InputGradProductsWide", StringComparison.Ordinal));
        Assert.Equal(!attribute.Contains("Stride = 2"), text.Contains("//   Vector512: the products over blocks of 16 pixels", StringComparison.Ordinal));
        Assert.Contains(" of 16 on Vector512", text);
        Assert.DoesNotContain("no 512-bit kernels here", text);
    }

    [Theory]
    // A channel plan of 24 channels (not a multiple of 16), a column plan, a Winograd layer.
    [InlineData("3, 3, InChannels = 2, OutChannels = 24, Bias = false, InputHeight = 7, InputWidth = 6")]
    [InlineData("3, 3")]
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, Padding = 1")]
    public void OtherLayersRunTheVector256CodeOnVector512(string attribute)
    {
        string text = Plan(attribute);
        Assert.DoesNotContain("Block512", text);
        Assert.DoesNotContain("ForwardItemWide", text);
        Assert.DoesNotContain("WeightGradStepWide", text);
        Assert.DoesNotContain("InputGradProductsWide", text);
        Assert.Contains("; Vector512 runs the Vector256 code;", text);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(text, @"case ConvPath.Vector512: // no 512-bit kernels here: the Vector256 code\r?\n\s*case ConvPath.Vector256: ").Count);
    }

    private const string Winograd = "// Forward: Winograd F(2x2, 3x3)";

    [Theory]
    // Benchmark S6; the fewest channels; run-time sizes, no padding, no bias; reflect padding; the smallest fixed output (4 x 4).
    [InlineData("3, 3, InChannels = 64, OutChannels = 64, Padding = 1, InputHeight = 56, InputWidth = 56", 6, 2)]
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, Padding = 1", 6, 2)]
    [InlineData("3, 3, InChannels = 24, OutChannels = 24, Bias = false", 4, 3)]
    [InlineData("3, 3, InChannels = 16, OutChannels = 48, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 16, InputWidth = 10", 4, 3)]
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, InputHeight = 6, InputWidth = 6", 6, 2)]
    public void WinogradFor3x3StrideOneWithManyChannels(string attribute, int tiles, int blocks)
    {
        string text = Plan(attribute);
        Assert.Contains(Winograd, text);
        Assert.Contains($"register tiles of {tiles} tiles x {blocks} block{(blocks > 1 ? "s" : "")} of 8 on Vector256", text);
        Assert.Contains("WinogradF23.TransformWeights(_weight, ", text);
        Assert.Contains("WinogradF23.InputTile<TBlk, TAcc>(", text);
        Assert.Contains("WinogradF23.OutputTile<TBlk, TAcc>(", text);
        Assert.Contains($"Product{tiles}x{blocks}<TBlk, TAcc>(", text);
        Assert.Contains("case ConvPath.Vector256: ForwardBatch<Block256, Vector256<float>>(", text);
        Assert.DoesNotContain("ForwardItemTile", text);
        Assert.DoesNotContain(Channels, text);
    }

    [Fact]
    public void WinogradCopiesAZeroPaddedInputChannelLastInOnePass()
    {
        // S6: zero padding, only the Winograd weight gradient: the copy writes the padding, and no padded buffer is used.
        string s6 = Plan("3, 3, InChannels = 64, OutChannels = 64, Padding = 1, InputHeight = 56, InputWidth = 56");
        Assert.Contains("WinogradF23.ToChannelLast(item, 64, height, width, channelLast, ch, cw, 1, 1); // the copy writes the zero padding", s6);
        Assert.Contains("WinogradF23.ToChannelLast(item, 64, height, width, inputLast, 2 * th + 2, 2 * tw + 2, 1, 1);", s6);
        Assert.DoesNotContain("Planes.PadInterior", s6);
        Assert.DoesNotContain("_paddedInput.Ensure(", s6);
        Assert.Contains("private readonly WorkBuffer _paddedInput = new(0);", s6);
        // A small fixed layer keeps the direct weight gradient for calls with few tiles: it pads only there.
        string small = Plan("3, 3, InChannels = 16, OutChannels = 16, Padding = 1, InputHeight = 6, InputWidth = 6");
        Assert.Contains("WinogradF23.ToChannelLast(item, 16, height, width, channelLast, ch, cw, 1, 1);", small);
        Assert.Contains("else\n            {\n                Planes.PadInterior(item, 16, height, width, padded, 1, 1, 1, 1);", small.Replace("\r\n", "\n"));
        // Reflect padding still pads first.
        string reflect = Plan("3, 3, InChannels = 16, OutChannels = 48, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 16, InputWidth = 10");
        Assert.Contains("Planes.Pad(item, 16, height, width, padded, 1, 1, 1, 1, PaddingMode.Reflect);", reflect);
        Assert.Contains("WinogradF23.ToChannelLast(padded, 16, xh, xw, channelLast, ch, cw);", reflect);
    }

    [Theory]
    // Fewer than 16 channels either way; not whole blocks of 8; stride, dilation, groups, other kernels; a fixed output 3 rows high.
    [InlineData("3, 3, InChannels = 8, OutChannels = 64, Padding = 1")]
    [InlineData("3, 3, InChannels = 64, OutChannels = 8, Padding = 1")]
    [InlineData("3, 3, InChannels = 20, OutChannels = 32, Padding = 1")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 36, Padding = 1")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Stride = 2, Padding = 1")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, StrideHeight = 2, Padding = 1")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Dilation = 2, Padding = 2")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Groups = 2, Padding = 1")]
    [InlineData("5, 5, InChannels = 32, OutChannels = 32, Padding = 2")]
    [InlineData("3, 1, InChannels = 32, OutChannels = 32")]
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, InputHeight = 5, InputWidth = 20")]
    public void OtherwiseNoWinograd(string attribute)
    {
        string text = Plan(attribute);
        Assert.DoesNotContain(Winograd, text);
        Assert.DoesNotContain("WinogradF23", text);
    }
}
