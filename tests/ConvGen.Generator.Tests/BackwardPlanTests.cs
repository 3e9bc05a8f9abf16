using System.Text.RegularExpressions;
using ConvGen.Generator.Tests.Support;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>
/// The backward plan as the generated file states it and as its code follows it: two gradient rows per
/// weight-gradient step where rows share input rows, the input gradient's framed-row steps for narrow
/// single-channel layers, and the bias gradient's four accumulators.
/// </summary>
public class BackwardPlanTests
{
    private const string TwoRows = "two gradient rows per step";

    private static string Generated(string attribute) =>
        GeneratorHarness.GeneratedText($"using ConvGen;\nnamespace Demo;\n[ConvLayer({attribute})] public partial class Layer {{ }}\n");

    [Theory]
    // Benchmark S3: one channel, 3x3, 256 columns.
    [InlineData("3, 3, InputHeight = 256, InputWidth = 256")]
    // Input size at run time; a 9x13 kernel in chunks of 10 taps (partial kernel rows).
    [InlineData("3, 3")]
    [InlineData("9, 13, Bias = false")]
    // Three output channels: a 2-channel tile and a 1-channel remainder, which takes the two rows.
    [InlineData("5, 5, InChannels = 2, OutChannels = 3, InputHeight = 9, InputWidth = 13, Padding = 2")]
    public void WeightGradientTakesTwoRowsWhenRowsShareInput(string attribute)
    {
        string text = Generated(attribute);
        Assert.Contains(TwoRows, text);
        Assert.Contains("TAcc d0 = TRed.Load(ref Unsafe.Add(ref g0, j)), e0 = TRed.Load(ref Unsafe.Add(ref g0, j + ow));", text);
    }

    [Theory]
    // Stride 2 along the height, dilation 2 along the height, a 1-high kernel: rows share no input rows.
    [InlineData("3, 3, Stride = 2, Padding = 1")]
    [InlineData("3, 2, StrideHeight = 1, StrideWidth = 3, PaddingWidth = 2, DilationHeight = 2")]
    [InlineData("1, 7")]
    // Two output channels: the 2-channel tile has no registers left for a second row's gradient blocks.
    [InlineData("3, 3, InChannels = 3, OutChannels = 2")]
    // A fixed output narrower than one block: each row one masked block, one row at a time.
    [InlineData("3, 3, InputHeight = 9, InputWidth = 8")]
    public void WeightGradientStaysOneRowOtherwise(string attribute)
    {
        string text = Generated(attribute);
        Assert.DoesNotContain(TwoRows, text);
        Assert.DoesNotContain("e0 = TRed.Load", text);
    }

    [Theory]
    // Benchmark S1 (the chapter): 7 columns; row 5's block from its start would end one past the 42-element gradient plane.
    [InlineData("1, 2, Bias = false, InputHeight = 6, InputWidth = 8", 7, "0 for rows 0..4, 1 for row 5")]
    // 6 columns, 7 rows: row 6 shifts by 2 (the gradient plane's end, and the input plane's for tap (2, 2)).
    [InlineData("3, 3, InputHeight = 9, InputWidth = 8", 6, "0 for rows 0..5, 2 for row 6")]
    // Zero padding 2: the padded input is 11x10, the gradient plane 7x6.
    [InlineData("5, 5, Padding = 2, InputHeight = 7, InputWidth = 6", 6, "0 for rows 0..5, 2 for row 6")]
    public void FixedNarrowRowsAreEachOneMaskedBlock(string attribute, int ow, string shifts)
    {
        string text = Generated(attribute);
        Assert.Contains($"each {ow}-column row one block with column j in partial sum j + d and the other lanes masked to zero (d = {shifts});", text);
        Assert.Contains($"TAcc m = TRed.Mask(0, {ow});", text);
        Assert.DoesNotContain("stackalloc float[16]", text); // no zero-padded copies
    }

    [Theory]
    // 13 columns: whole blocks, then the tail; no row is short.
    [InlineData("3, 3, InputHeight = 15, InputWidth = 15", "the lanes already counted masked to zero);")]
    // 16 columns: whole blocks only.
    [InlineData("3, 3, InputHeight = 18, InputWidth = 18", "(column j in partial sum j mod 8); the 16-column rows have no tail;")]
    public void FixedRowsOfABlockOrMoreStateTheirTail(string attribute, string header)
    {
        string text = Generated(attribute);
        Assert.Contains(header, text);
        Assert.DoesNotContain("shorter than 8", text);
        Assert.DoesNotContain("zero-padded to one block", text);
    }

    private const string RowsWrittenOut = "written out at constant columns (no column loop).";

    [Theory]
    // Benchmark S4 (LeNet C1): 28 columns, 3 whole blocks and the masked tail, one row at a time (two output channels per tile).
    [InlineData("5, 5, OutChannels = 6, Padding = 2, InputHeight = 28, InputWidth = 28", 28, "3 whole blocks and its tail")]
    // One channel, 16 columns: 2 blocks, no tail, two rows per step.
    [InlineData("3, 3, InputHeight = 18, InputWidth = 18", 16, "2 blocks")]
    // One channel, 39 columns (the widest written out): 4 whole blocks and the tail, two rows per step.
    [InlineData("3, 3, InputHeight = 41, InputWidth = 41", 39, "4 whole blocks and its tail")]
    // 8 columns: 1 block.
    [InlineData("3, 3, InChannels = 2, OutChannels = 2, InputHeight = 10, InputWidth = 10", 8, "1 block")]
    public void ShortFixedRowsAreWrittenOut(string attribute, int ow, string blocks)
    {
        string text = Generated(attribute);
        Assert.Contains($"Each row's {blocks} {RowsWrittenOut}", text);
        // The whole blocks at constant columns, in order, and no column loop.
        for (int j = 0; j + 8 <= ow; j += 8)
            Assert.Contains($"const int j = {j};", text);
        Assert.DoesNotContain($"const int j = {ow / 8 * 8 + (ow % 8 == 0 ? 0 : 8)};", text);
        Assert.DoesNotContain("for (; j + 8 <= ow; j += 8)", text);
        if (ow % 8 != 0)
            Assert.Contains("const int j = ow - 8;", text);
        else
            Assert.DoesNotContain("j = ow - 8;", text);
    }

    [Theory]
    // 40 columns: the loop stays.
    [InlineData("3, 3, InputHeight = 42, InputWidth = 42")]
    // Sizes at run time.
    [InlineData("5, 5, OutChannels = 6, Padding = 2")]
    // Strided columns are gathered into blocks: the gather's loop stays.
    [InlineData("3, 3, Stride = 2, InputHeight = 40, InputWidth = 40")]
    public void OtherRowsKeepTheColumnLoop(string attribute)
    {
        string text = Generated(attribute);
        Assert.DoesNotContain(RowsWrittenOut, text);
        Assert.DoesNotContain("const int j = 0;", text);
    }

    [Theory]
    // LeNet C3 (benchmark S5): 10-pixel rows written out in the channel plan's weight-gradient steps.
    [InlineData("5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14", true)]
    // Strided along the width, so vectorised over channels, but with 19-pixel rows: the pixel loop stays.
    [InlineData("3, 3, InChannels = 2, OutChannels = 16, Stride = 2, InputHeight = 40, InputWidth = 40", false)]
    public void ChannelPlansWriteOutShortFixedPixelRows(string attribute, bool writtenOut)
    {
        string text = Generated(attribute);
        Assert.Contains("vectorised over output channels like the forward pass", text);
        Assert.Equal(writtenOut, text.Contains("each output row's pixels written out (no pixel loop);"));
        Assert.Equal(writtenOut, text.Contains("const int j = 9;")); // the 10th pixel of a row
        Assert.Equal(!writtenOut, text.Contains("for (int j = 0; j < ow; j++)"));
    }

    [Theory]
    // 6 gradient elements per plane: no 8-lane block fits inside it, so the rows are copied into zero-padded blocks.
    [InlineData("1, 1, InputHeight = 2, InputWidth = 3", "each 3-column row zero-padded to one block (column j in partial sum j);")]
    // Run-time sizes: the shifts are not known when the code is generated.
    [InlineData("1, 2, Bias = false", "the lanes already counted masked to zero), rows shorter than 8 zero-padded;")]
    public void OtherShortRowsAreCopiedIntoZeroPaddedBlocks(string attribute, string header)
    {
        string text = Generated(attribute);
        Assert.Contains(header, text);
        Assert.DoesNotContain("TRed.Mask(0,", text);
        Assert.Contains("// A row shorter than one block, zero-padded to 8 lanes (0 · 0 adds nothing).", text);
    }

    [Theory]
    // Benchmark S4 (LeNet C1): framed rows of 28 + 4 = 32 columns, 2 rows x 4 vectors.
    [InlineData("5, 5, OutChannels = 6, Padding = 2, InputHeight = 28, InputWidth = 28", 32, 4, 0)]
    // 27 + 2 = 29 columns widened to 32.
    [InlineData("3, 3, OutChannels = 2, Padding = 1, InputHeight = 13, InputWidth = 27", 32, 4, 3)]
    // 26 + 8 = 34 columns widened to 40: 2 rows x 5 vectors.
    [InlineData("5, 5, Bias = false, InputHeight = 12, InputWidth = 30", 40, 5, 6)]
    public void NarrowSingleChannelInputGradientStepsOverFramedRows(string attribute, int width, int vectors, int widened)
    {
        string text = Generated(attribute);
        Assert.Contains($"into rows of {width} columns (whole vectors", text);
        if (widened > 0)
            Assert.Contains($"widened on the right by {widened} zero columns,", text);
        else
            Assert.DoesNotContain("widened on the right", text);
        Assert.Contains($"(2 rows x {vectors} vectors per step", text);
        Assert.Contains($"InputGradItemTile1Rows2x{vectors}<TOps, TVec>(ref xi, xw, xPlane, ref w, ref yi, ow, rowTileEnd);", text);
        Assert.Contains($"const int xw = {width}, xPlane = ", text);
    }

    [Theory]
    // Framed rows of 19 + 2 = 21 columns would widen to 3 vectors only: the flat long row, 8 vectors for one plane.
    [InlineData("3, 3, InChannels = 4, OutChannels = 8, Groups = 4, Padding = 1, InputHeight = 11, InputWidth = 19", "tiles of 1 x 8 vectors")]
    // Six input channels per group: the flat long row with channel tiles. (With 16 output channels, LeNet's C3, the
    // channel plan takes the input gradient instead: see PlanChoiceTests.)
    [InlineData("5, 5, InChannels = 6, OutChannels = 12, InputHeight = 14, InputWidth = 14", "tiles of 4 x 3 vectors")]
    public void OtherNarrowLayersKeepTheFlatRow(string attribute, string tiles)
    {
        string text = Generated(attribute);
        Assert.Contains("runs over each plane as one row", text);
        Assert.Contains($"correlation with the flipped kernel ({tiles}, taps unrolled)", text);
        Assert.DoesNotContain("InputGradItemTile1Rows2x", text);
    }

    [Fact]
    public void BiasGradientUsesFourAccumulatorsInTheStatedOrder()
    {
        string text = Generated("3, 3, OutChannels = 2, InputHeight = 256, InputWidth = 256");
        Assert.Contains("Backward, bias gradient: each plane summed in 4 accumulators of 8 partial sums", text);
        Assert.Contains("Unsafe.Add(ref db, o) += (TRed.Sum(a0) + TRed.Sum(a1)) + (TRed.Sum(a2) + TRed.Sum(a3));", text);
        Assert.DoesNotContain("Backward, bias gradient", Generated("3, 3, Bias = false"));
    }

    [Theory]
    // S3; S7 (depthwise: one channel in and out per group); run-time sizes; 5 taps in one column.
    [InlineData("3, 3, InputHeight = 256, InputWidth = 256")]
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Groups = 32, Padding = 1, InputHeight = 112, InputWidth = 112")]
    [InlineData("3, 3")]
    [InlineData("5, 1")]
    public void OneChannelLayersSumTheBiasGradientInTheWeightGradient(string attribute)
    {
        string text = Generated(attribute);
        Assert.Contains("// Backward, bias gradient: summed in the weight gradient's step from the gradient blocks it loads", text);
        Assert.DoesNotContain("BiasGradItem", text);
        Assert.Contains("b = TRed.Add(TRed.Add(d0, e0), b);", text); // two rows per step
        Assert.Contains("b = TRed.Add(d0, b);", text); // an odd last row alone
        // Once per output channel: in the first chunk of taps only, which takes db.
        Assert.Single(Regex.Matches(text, @"db \+= TRed\.Sum\(b\);"));
        Assert.Contains("ref weightGrad, ref biasGrad);", text);
    }

    [Theory]
    // 10 taps (chunks of 10: no register left for the bias), two input channels (the first chunk runs once per input
    // channel), two output planes per tile, stride 2 along the height and fixed rows narrower than a block (one row
    // per step), no bias.
    [InlineData("2, 5, InputHeight = 32, InputWidth = 32", true)]
    [InlineData("3, 3, InputHeight = 8, InputWidth = 8", true)]
    [InlineData("3, 3, InChannels = 2", true)]
    [InlineData("3, 3, OutChannels = 2", true)]
    [InlineData("3, 3, StrideHeight = 2", true)]
    [InlineData("3, 3, Bias = false", false)]
    public void OtherLayersSumTheBiasGradientApart(string attribute, bool hasBias)
    {
        string text = Generated(attribute);
        Assert.Equal(hasBias, text.Contains("BiasGradItem<TRed, TAcc>(ref dy, ", StringComparison.Ordinal));
        Assert.DoesNotContain("TRed.Add(d0, b)", text);
        Assert.DoesNotContain("summed in the weight gradient's step", text);
    }

    [Fact]
    public void FixedSizeSpreadsWithoutClearingAndRunTimeSizesClear()
    {
        // Two input channels per group: the input gradient has two planes per group, so it spreads (no in-place plan).
        Assert.Contains("Planes.SpreadInterior(dyItem, 1, oh, ow, 1, 1, 2, 2, spread, hq, wq); // the frame stays zero", Generated("3, 3, InChannels = 2, InputHeight = 256, InputWidth = 256"));
        Assert.Contains("Planes.Spread(dyItem, 1, oh, ow, 1, 1, 2, 2, spread, hq, wq);", Generated("3, 3"));
    }

    [Theory]
    // Benchmark S3: no padding, so a frame of 2 on every side: bands of 2 + 2 rows, edges of 2 columns.
    [InlineData("3, 3, InputHeight = 256, InputWidth = 256", "2/2/2/2", 1, 258 * 4 * 2)]
    // Benchmark S7: depthwise, padding 1, so a frame of 1: one band row each side of the 112-wide plane, per group.
    [InlineData("3, 3, InChannels = 32, OutChannels = 32, Groups = 32, Padding = 1, InputHeight = 112, InputWidth = 112", "1/1/1/1", 32, 114 * 3 * 2)]
    // Two output channels summed into each input plane, and a frame on the rows only (padding 0 along the height, 2 along the width).
    [InlineData("3, 3, InChannels = 1, OutChannels = 2, PaddingHeight = 0, PaddingWidth = 2, InputHeight = 40, InputWidth = 40", "2/2/0/0", 1, 2 * 42 * 4 * 2)]
    public void OneChannelPerGroupReadsTheOutputGradientInPlace(string attribute, string frame, int groups, int bandFloats)
    {
        string text = Generated(attribute);
        Assert.Contains($"// Backward, input gradient: a stride-1 correlation of the output gradient, framed by {frame} zero rows and columns", text);
        Assert.DoesNotContain("Planes.SpreadInterior", text);
        Assert.DoesNotContain("_spreadGrad.Ensure", text);
        Assert.Contains("private readonly WorkBuffer _spreadGrad = new(0);", text);
        Assert.Contains($"private readonly WorkBuffer _inputGradBorder = new({bandFloats});", text);
        Assert.Contains($"for (int g = 0; g < {groups}; g++)\n                    InputGradItem<TOps, TVec>(dyItem.Slice(g * groupGrad, groupGrad), gradBorder, ref weight, ref dx, g);", text.Replace("\r\n", "\n"));
        Assert.Contains("private static void FillInputGradBorder(ReadOnlySpan<float> x, Span<float> border)", text);
        Assert.Contains("private static void InputGradItemRegion<TOps, TVec>(", text);
        bool columns = !frame.EndsWith("0/0");
        Assert.Equal(columns, text.Contains("private static void InputGradItemEdges<TOps, TVec>("));
        Assert.Equal(columns, text.Contains("x = EdgeLoad.Row<TOps, TVec>(", System.StringComparison.Ordinal) && text.Contains("InputGradItemLeftEdge0Rows"));
    }

    private const string WinogradInputGrad = "// Backward, input gradient: Winograd F(2x2, 3x3) as the forward pass";

    [Theory]
    // Benchmark S6 (as many input as output channels: the input gradient shares the forward pass's products).
    [InlineData("3, 3, InChannels = 64, OutChannels = 64, Padding = 1, InputHeight = 56, InputWidth = 56", "1/1/1/1", 6, 2, "Product")]
    // More input than output channels, no padding, no bias, run-time sizes: its own products, vectorised over the 24 input channels.
    [InlineData("3, 3, InChannels = 24, OutChannels = 16, Bias = false", "2/2/2/2", 4, 3, "InputGradProduct")]
    // Odd fixed input, zero padding 0 along the height and 2 along the width (the frame is 2 - padding on each side).
    [InlineData("3, 3, InChannels = 16, OutChannels = 24, PaddingHeight = 0, PaddingWidth = 2, InputHeight = 9, InputWidth = 13", "2/2/0/0", 6, 2, "InputGradProduct")]
    public void WinogradLayersWithZeroPaddingTakeTheWinogradInputGradient(string attribute, string frame, int tiles, int blocks, string product)
    {
        string text = Generated(attribute);
        Assert.Contains(WinogradInputGrad + $", on the output gradient framed by {frame} zero rows and columns", text);
        Assert.Contains($"vectorised over input channels in register tiles of {tiles} tiles x {blocks} block{(blocks > 1 ? "s" : "")} of 8 on Vector256", text);
        Assert.Contains("WinogradF23.TransformWeightsForInputGradient(_weight, ", text);
        Assert.Contains($"    {product}<TBlk, TAcc>(ref Unsafe.Add(ref v, ", text);
        Assert.Contains($"private static void {product}{tiles}x{blocks}<TBlk, TAcc>(", text);
        Assert.Contains("case ConvPath.Vector256: BackwardBatch<Simd256, Vector256<float>, Reduce256, Vector256<float>, Block256>(", text);
        // The direct input gradient's kernel is not generated.
        Assert.DoesNotContain("InputGradItemTile", text);
        Assert.DoesNotContain("Planes.Spread", text);
    }

    [Theory]
    // Reflect padding folds the border's gradient back: the forward pass is Winograd, the input gradient direct.
    [InlineData("3, 3, InChannels = 16, OutChannels = 48, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 16, InputWidth = 10")]
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, Padding = 1, PaddingMode = PaddingMode.Circular")]
    // Zero padding beyond the kernel's reach: the padded border's gradient would need folding too.
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, Padding = 3")]
    public void OtherWinogradLayersKeepTheDirectInputGradient(string attribute)
    {
        string text = Generated(attribute);
        Assert.Contains("// Forward: Winograd F(2x2, 3x3)", text);
        Assert.DoesNotContain(WinogradInputGrad, text);
        Assert.DoesNotContain("TransformWeightsForInputGradient", text);
        Assert.Contains("InputGradItem<TOps, TVec>(", text);
    }

    private const string WinogradWeightGrad = "// Backward, weight gradient: Winograd F(2x2, 3x3), the forward pass's transforms run backwards";

    [Theory]
    // Benchmark S6: 64 output channels, so 6 input channels x 2 blocks on Vector256, the last 4 input channels in one 4 x 2 step.
    [InlineData("3, 3, InChannels = 64, OutChannels = 64, Padding = 1, InputHeight = 56, InputWidth = 56", 6, 2, 4)]
    // Run-time sizes, no padding, no bias: 24 input channels in whole 6 x 2 tiles.
    [InlineData("3, 3, InChannels = 24, OutChannels = 16, Bias = false", 6, 2, 0)]
    // Every padding mode: the weight gradient reads the padded input as the forward pass does, nothing to fold.
    [InlineData("3, 3, InChannels = 16, OutChannels = 48, Padding = 1, PaddingMode = PaddingMode.Reflect, InputHeight = 16, InputWidth = 10", 4, 3, 0)]
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, Padding = 1, PaddingMode = PaddingMode.Circular", 6, 2, 4)]
    [InlineData("3, 3, InChannels = 16, OutChannels = 16, Padding = 3", 6, 2, 4)]
    public void WinogradLayersTakeTheWinogradWeightGradient(string attribute, int channels, int blocks, int rest)
    {
        string text = Generated(attribute);
        Assert.Contains(WinogradWeightGrad, text);
        Assert.Contains($"in register tiles of {channels} input channels{(rest > 0 ? $" (the last {rest} in one narrower step)" : "")} x {blocks} block{(blocks > 1 ? "s" : "")} of 8 output channels on Vector256", text);
        Assert.Contains("then per band of 24 tiles", text);
        Assert.Contains("WinogradF23.OutputGradientTile<TBlk, TAcc>(", text);
        Assert.Contains("WinogradF23.AddWeightGradient(_winogradWeightGrad.Span, ", text);
        Assert.Contains($"private static void WeightGradProduct{channels}x{blocks}<TBlk, TAcc>(", text);
        if (rest > 0)
            Assert.Contains($"private static void WeightGradProduct{rest}x{blocks}<TBlk, TAcc>(", text);
        Assert.Contains("BackwardBatch<Simd256, Vector256<float>, Reduce256, Vector256<float>, Block256>(", text);
        if (attribute.Contains("InputHeight = 56"))
        {
            // S6 has 784 tiles per item: the direct weight gradient's kernels are not generated.
            Assert.DoesNotContain("WeightGradTile", text);
            Assert.DoesNotContain("ref float weightGrad", text);
            Assert.DoesNotContain("bool winogradWeightGrad", text);
        }
        else
        {
            // Fewer than 64 tiles per item, or sizes given at run time: each call chooses, the direct kernels are kept for small calls.
            Assert.Contains("bool winogradWeightGrad = batch * th * tw >= 64;", text);
            Assert.Contains("take the direct weight gradient instead:", text);
            Assert.Contains("    WeightGradItem<TRed, TAcc>(ref MemoryMarshal.GetReference(", text);
        }
    }

    [Fact]
    public void LayersWithoutWinogradForwardKeepTheirInputGradient()
    {
        // S6 with stride 2: direct forward, and the direct input gradient.
        string text = Generated("3, 3, InChannels = 64, OutChannels = 64, Stride = 2, Padding = 1, InputHeight = 56, InputWidth = 56");
        Assert.DoesNotContain(WinogradInputGrad, text);
        Assert.DoesNotContain("WinogradF23", text);
    }
}
