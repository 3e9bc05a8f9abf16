using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Model;
using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>One kernel tap: its row and column in the kernel.</summary>
internal readonly record struct Tap(int Row, int Column);

/// <summary>
/// How the generated code computes one layer, decided from its shape alone. Plain data: the emitter
/// follows it and the generated file's leading comment prints it.
/// </summary>
/// <param name="Spec">The layer.</param>
/// <param name="Taps">The kernel taps in the canonical order every path uses (row-major).</param>
/// <param name="VectoriseForwardColumns">Forward vectorises over output columns (stride 1 along the width); otherwise one lane at a time.</param>
/// <param name="ForwardChannels">When not null, the forward pass vectorises over output channels instead, with these tiles (see <see cref="ChannelTile.For"/>).</param>
/// <param name="Winograd">When not null, the forward pass is Winograd F(2x2, 3x3) (see <see cref="WinogradPlan.For"/>); it wins over the other forward plans.</param>
/// <param name="WinogradInputGrad">When not null (with <paramref name="Winograd"/>), the input gradient is Winograd F(2x2, 3x3) too, with these tiles over input channels (see <see cref="WinogradPlan.ForInputGradient"/>).</param>
/// <param name="WinogradWeightGrad">When not null (with <paramref name="Winograd"/>), the weight gradient is computed in the Winograd domain, with these tiles of input channels × blocks of output channels (see <see cref="WinogradPlan.ForWeightGradient"/>).</param>
/// <param name="PadsInput">The input is copied into a padded buffer before the kernel runs (the backward pass; the forward pass too unless <paramref name="ForwardBorder"/> is set).</param>
/// <param name="ForwardBorder">When not null, the forward pass reads the input in place and computes the output's edge from copies of the border's neighbourhood (see <see cref="Plan.ForwardBorder"/>).</param>
/// <param name="GatherGradientColumns">The weight gradient gathers strided input columns into an 8-lane block.</param>
/// <param name="ForwardTile">The forward pass's register tile.</param>
/// <param name="InputGradTile">The input gradient's register tile.</param>
/// <param name="WeightGradTile">The weight gradient's register tile.</param>
/// <param name="WeightGradNarrowRows">When not null, fixed output rows narrower than 8 are each read as one masked block (see <see cref="NarrowGradientRows"/>).</param>
/// <param name="ChannelBackward">When not null (with <paramref name="ForwardChannels"/>), the weight gradient, and for stride 1 the input gradient, vectorise over channels and pixels instead (see <see cref="Plan.ChannelBackward"/>).</param>
internal sealed record LayerPlan(
    LayerSpec Spec,
    EquatableArray<Tap> Taps,
    bool VectoriseForwardColumns,
    ChannelTiles? ForwardChannels,
    WinogradPlan? Winograd,
    WinogradPlan? WinogradInputGrad,
    WinogradPlan? WinogradWeightGrad,
    bool PadsInput,
    ForwardBorder? ForwardBorder,
    bool GatherGradientColumns,
    Tile ForwardTile,
    Tile InputGradTile,
    GradientTile WeightGradTile,
    NarrowGradientRows? WeightGradNarrowRows,
    ChannelBackward? ChannelBackward)
{
    /// <summary>
    /// The forward pass pads one group at a time into the work buffer, just before that group's kernel
    /// reads it, so a grouped layer's padded input (1.7 MB for 32 depthwise 112x112 planes) is never
    /// written out whole and read back from a slower cache level. Not with <see cref="ForwardChannels"/>:
    /// that plan's layers have short rows, so their padded item is small.
    /// </summary>
    public bool PadsPerGroup => PadsInput && Spec.Groups > 1 && ForwardChannels is null && ForwardBorder is null;

    /// <summary>
    /// The Winograd passes copy the input channel-last with its zero padding written by the copy itself (the framed
    /// <c>WinogradF23.ToChannelLast</c>), instead of padding it into a buffer first and copying that: one pass over the
    /// input instead of two. Zero padding only; the other modes still pad first.
    /// </summary>
    public bool FramesWinogradInput => PadsInput && Spec.PaddingMode == PaddingModeValue.Zeros && Winograd is not null;

    /// <summary>
    /// The padded-input buffer is used: by the direct kernels, and by the Winograd passes unless they frame the input
    /// themselves; a Winograd layer that also keeps the direct weight gradient (chosen per call) pads for it.
    /// </summary>
    public bool UsesPaddedInput => PadsInput && !(FramesWinogradInput && WinogradWeightGradOnly);

    /// <summary>
    /// When not null, the input gradient reads the output gradient in place with the forward border plan's regions, bands and
    /// edge steps (see <see cref="ForwardBorder.ForInputGradient"/>) instead of spreading it into a zero frame first.
    /// Derived from the spec and the other input-gradient plans (channels, Winograd), which win over it.
    /// </summary>
    public ForwardBorder? InputGradBorder =>
        ChannelBackward?.InputGrad is null && WinogradInputGrad is null ? ForwardBorder.ForInputGradient(Spec, InputGradFrame.For(Spec)) : null;

    /// <summary>
    /// The weight gradient's blocks of a fixed gradient row are written out, each at a constant column, instead of looping
    /// over them: rows of 8 to 39 columns (at most 4 whole blocks and a tail), where the loop's own instructions and its
    /// exit branch are a visible share of a row's work. On S4 (28 columns: 3 blocks and a tail) Backward took about 5 % less
    /// in the harness (minimum and median). The columns go in the same order, so the bits are unchanged.
    /// </summary>
    public bool WeightGradWritesRowsOut =>
        Spec.IsFixedSize && !GatherGradientColumns && WeightGradNarrowRows is null && Spec.OutputWidth(Spec.InputWidth) is >= 8 and < 40;

    /// <summary>
    /// The bias gradient is summed in the weight gradient's first chunk of taps, from the output-gradient blocks that chunk
    /// loads anyway, instead of in a pass of its own over the output gradient: a single-channel tile taking two rows per step
    /// (one output and one input channel per group, see <see cref="SharedGradientRows"/>) with at most 9 taps, so one more
    /// accumulator keeps 14 registers live.
    /// The separate pass re-read a plane that no longer fits in L1; on S3 it was 10 % of Backward in <c>perf</c>.
    /// </summary>
    public bool WeightGradFoldsBias =>
        Spec.HasBias && ChannelBackward is null && WinogradWeightGrad is null &&
        WeightGradTile.Rows == 2 && Spec.InPerGroup == 1 && Taps.Count <= 9;

    /// <summary>
    /// The channel plan's weight gradient has steps over 16-channel blocks for the Vector512 path, so the backward batch loop
    /// takes a second block type for it (<c>TWide</c>: <c>Block512</c> there, the path's own block elsewhere).
    /// </summary>
    public bool WeightGradHasWideSteps => ChannelBackward?.WeightGrad.Vector512 is not null;

    /// <summary>
    /// The input gradient's products (vectorised over pixels) have steps over 16-pixel blocks for the Vector512 path too,
    /// with the Vector256 tile's taps and blocks: a layer with <see cref="WeightGradHasWideSteps"/> (so the batch loop has
    /// the second block type) whose planes hold at least 16 pixels. The gather keeps 8-lane blocks.
    /// </summary>
    public TapTile? WideProducts =>
        WeightGradHasWideSteps && ChannelBackward!.InputGrad is { } ig && ChannelInputGrad.Pixels(Spec) >= ChannelTile.WideLanes
            ? ig.Products.Vector256
            : null;

    /// <summary>The backward pass has kernels over eight-channel blocks (<c>IBlock8</c>), so its batch loop takes a block type.</summary>
    public bool BackwardUsesBlocks => ChannelBackward is not null || WinogradInputGrad is not null || WinogradWeightGrad is not null;

    /// <summary>
    /// Only the Winograd weight gradient is generated: a fixed-size layer with at least <see cref="WinogradPlan.MinWeightGradTiles"/>
    /// output tiles per item. Other Winograd layers choose per call (by the call's tiles) and keep the direct one too.
    /// </summary>
    public bool WinogradWeightGradOnly =>
        WinogradWeightGrad is not null && Spec.IsFixedSize &&
        (Spec.OutputHeight(Spec.InputHeight) + 1) / 2 * ((Spec.OutputWidth(Spec.InputWidth) + 1) / 2) >= WinogradPlan.MinWeightGradTiles;

    /// <summary>The weight gradient's tile for the channels left after whole <see cref="WeightGradTile"/>s, or null when none are left.</summary>
    public GradientTile? WeightGradRemainderTile =>
        Spec.OutPerGroup % WeightGradTile.Planes is var rest and not 0
            ? GradientTile.Choose(rest, Spec.Taps, SharedGradientRows(Spec))
            : null;

    /// <summary>The plan as comment lines for the top of the generated file.</summary>
    public IEnumerable<string> Describe()
    {
        var s = Spec;
        yield return $"Layer {s.Target.FullName}: kernel {s.KernelHeight}x{s.KernelWidth}, channels {s.InChannels} -> {s.OutChannels}, groups {s.Groups}, " +
                     $"stride {s.StrideHeight}x{s.StrideWidth}, dilation {s.DilationHeight}x{s.DilationWidth}, " +
                     $"padding top/bottom/left/right {s.PadTop}/{s.PadBottom}/{s.PadLeft}/{s.PadRight} ({s.PaddingMode.ToString().ToLowerInvariant()}), " +
                     (s.HasBias ? "bias" : "no bias") +
                     (s.IsFixedSize ? $", fixed input {s.InputHeight}x{s.InputWidth}" : ", input size given at run time") + ".";
        yield return "Paths: Vector256 (8 lanes), Vector128 (4 lanes) and scalar run one generic kernel, specialised by the JIT" +
                     (ForwardChannels?.Vector512 is not null ? " (Vector512 too, where the plan below gives 16-channel blocks; else it runs the Vector256 code);" : "; Vector512 runs the Vector256 code;");
        if (Winograd is null)
        {
            yield return "  each output element is one chain of fused multiply-adds from the bias over (input channel, kernel row, kernel column),";
            yield return "  so all paths give the same bits.";
        }
        else
        {
            yield return WinogradInputGrad is null
                ? "  the forward pass's and the weight gradient's operations and their order are fixed below (Winograd), the other gradients' as for direct convolution,"
                : "  the forward pass's, the input gradient's and the weight gradient's operations and their order are fixed below (Winograd), the bias gradient's as for direct convolution,";
            yield return "  so all paths give the same bits.";
        }
        if (ForwardBorder is { } b)
        {
            int edgeRows = b.EdgeRows;
            if (b.HasBands)
            {
                yield return "Input: the forward pass reads it in place. Per group it copies only what the output's top and bottom rows read into a small buffer";
                yield return $"  whose zero border is never written (padded rows 0 .. {b.TopBandRows - 1} and the last {b.BottomBandRows}, full width); those rows run the same steps over it.";
            }
            else
                yield return "Input: the forward pass reads it in place.";
            if (b.Left > 0 || b.Right > 0)
                yield return $"  The first and last vectors of the other rows ({edgeRows} rows x 1 vector per step) load through EdgeLoad.Row, which zeroes the lanes in the padding.";
            yield return "  Every element still sums every tap, zeros included. Backward: the input is copied into a padded buffer per batch item.";
        }
        else if (FramesWinogradInput)
        {
            yield return "Input: copied channel-last per batch item for the Winograd transforms, the copy writing the zero padding itself (one pass over the input)" +
                         (UsesPaddedInput ? ";" : ".");
            if (UsesPaddedInput)
                yield return "  the direct kernels read it copied into a padded buffer.";
        }
        else
            yield return PadsPerGroup
            ? "Input: copied into a padded buffer (forward: one group at a time, just before its kernel; backward: per batch item), so the kernels read no border cases."
            : PadsInput
            ? "Input: copied into a padded buffer per batch item, so the kernels read no border cases."
            : "Input: read in place (no padding).";
        if (Winograd is { } wg)
        {
            var t = wg.Tiles;
            yield return $"Forward: Winograd F(2x2, 3x3) (3x3, stride 1, dilation 1, one group, {s.InChannels} -> {s.OutChannels} channels: multiples of 8, at least {WinogradPlan.MinChannels}):";
            yield return "  16 multiplies per 2x2 output tile and channel pair instead of 36. Per call the kernels go to U = G g G^T, [16][in][out];";
            yield return "  per item the (padded) input is copied channel-last, then per band of " + wg.Band + " tiles: input patches to V = B^T d B ([16][tile][in]),";
            yield return $"  16 products M = V U over the input channels (each element one chain of fused multiply-adds from zero, channels in order),";
            yield return $"  vectorised over output channels in register tiles of {TileText(t.Vector256)} of 8 on Vector256, {TileText(t.Vector128)} on Vector128, {TileText(t.Scalar)} on scalar,";
            yield return "  then y = A^T M A + bias into a channel-last staging buffer, transposed to planes. The transforms are fixed sequences of";
            yield return "  float additions (and exact halvings), the same on every path, so all paths give the same bits; the rounding differs from";
            yield return "  the direct sum's (see the README).";
        }
        else if (ForwardChannels is { } c)
        {
            string why = s.StrideWidth != 1 ? $"stride {s.StrideWidth} along the width" : $"output rows of {s.OutputWidth(s.InputWidth)} < {ChannelTile.ShortRow} columns";
            static string Tile(ChannelTile t) => $"{t.Pixels} output pixel{(t.Pixels > 1 ? "s" : "")} x {t.Blocks} block{(t.Blocks > 1 ? "s" : "")}";
            yield return $"Forward: vectorised over output channels ({why}, {s.OutPerGroup} output channels per group): the weights are copied per call";
            yield return $"  into channel-last order [group][in/group][kh][kw][out/group]; a block of {ChannelTile.Lanes} channels is one register on Vector256, two on Vector128,";
            yield return $"  eight floats on scalar; register tiles of {Tile(c.Vector256)} of {ChannelTile.Lanes} channels on Vector256 ({c.Vector256.Pixels * c.Vector256.Blocks} accumulator registers), " +
                         $"{Tile(c.Vector128)} on Vector128 ({2 * c.Vector128.Pixels * c.Vector128.Blocks}), {Tile(c.Scalar)} on scalar;";
            yield return $"  pixels taken row-major across rows, the last tile overlapped; {Taps.Count} taps unrolled, each tap's weight blocks loaded once and each pixel's input broadcast;";
            yield return $"  the {s.InPerGroup} input channel{(s.InPerGroup > 1 ? "s" : "")} of a group summed in registers; results staged channel-last, then transposed to planes.";
            if (c.Vector512 is { } wide)
                yield return $"  Vector512 (AVX-512): blocks of {ChannelTile.WideLanes} channels in one register, tiles of {Tile(wide)}, the same chains (so the same bits).";
        }
        else
        {
            string held = ForwardTile.HeldWeights ? $", the {Taps.Count} weights held in registers across the row" : "";
            yield return VectoriseForwardColumns && ForwardTile.Rows > 1
                ? $"Forward: {ForwardTile.Rows} output rows x {ForwardTile.RowVectors} column vectors per step ({ForwardTile.Rows * ForwardTile.RowVectors} accumulators{held}; each input vector loaded once feeds every row that reads it), " +
                  $"then the rest of each row in tiles of {ForwardTile.Vectors} vectors and smaller, the last one overlapped (narrower rows: 4-lane vectors, or lanes); {Taps.Count} taps unrolled,"
                : VectoriseForwardColumns
                ? $"Forward: register tiles of {ForwardTile.Planes} output channel{(ForwardTile.Planes > 1 ? "s" : "")} x {ForwardTile.Vectors} column vector{(ForwardTile.Vectors > 1 ? "s" : "")} " +
                  $"({ForwardTile.Planes * ForwardTile.Vectors} accumulators), then smaller tiles, the last one overlapped (narrower rows: 4-lane vectors, or lanes); {Taps.Count} taps unrolled,"
                : $"Forward: stride {s.StrideWidth} along the width, so one output column at a time for {ForwardTile.Planes} output channel{(ForwardTile.Planes > 1 ? "s" : "")}; {Taps.Count} taps unrolled,";
            yield return $"  each input vector loaded once per tap for the tile's channels, each weight broadcast from memory{(ForwardTile.HeldWeights ? " (in the rest of each row)" : "")}; the {s.InPerGroup} input channel{(s.InPerGroup > 1 ? "s" : "")} of a group summed in registers.";
        }
        string igTiles = "(" + (InputGradTile.Rows > 1
                             ? $"{InputGradTile.Rows} rows x {InputGradTile.RowVectors} vectors per step{(InputGradTile.HeldWeights ? " with the weights held in registers" : "")}, then tiles of {InputGradTile.Vectors} vectors and smaller"
                             : $"tiles of {InputGradTile.Planes} x {InputGradTile.Vectors} vectors") + ", taps unrolled)";
        var frame = InputGradFrame.For(s);
        if (WinogradInputGrad is { } wig)
        {
            var t = wig.Tiles;
            yield return $"Backward, input gradient: Winograd F(2x2, 3x3) as the forward pass, on the output gradient framed by {frame.Top}/{frame.Bottom}/{frame.Left}/{frame.Right} zero rows and columns";
            yield return "  (top/bottom/left/right: the kernel's reach less the zero padding) with the kernels turned by 180 degrees and the channels' roles swapped:";
            yield return "  per call the turned kernels go to U' = G rot180(g) G^T, [16][out][in]; per item the framed output gradient is copied channel-last, then per band of " + wig.Band + " tiles";
            yield return $"  its patches to V = B^T d B ([16][tile][out]), 16 products M = V U' over the output channels (each element one chain of fused multiply-adds";
            yield return $"  from zero, channels in order), vectorised over input channels in register tiles of {TileText(t.Vector256)} of 8 on Vector256, {TileText(t.Vector128)} on Vector128,";
            yield return $"  {TileText(t.Scalar)} on scalar, then dx = A^T M A into a channel-last staging buffer, transposed into the input's gradient (the padded border's gradient is never computed).";
        }
        else if (ChannelBackward?.InputGrad is { } cig)
        {
            foreach (var line in cig.Describe(s))
                yield return line;
            if (WideProducts is { } wide)
                yield return $"  Vector512: the products over blocks of {ChannelTile.WideLanes} pixels ({wide.Taps} taps x {wide.Blocks} blocks), the gather in 8-lane blocks; the same chains (so the same bits).";
        }
        else if (InputGradBorder is { } igb)
        {
            yield return $"Backward, input gradient: a stride-1 correlation of the output gradient, framed by {igb.Top}/{igb.Bottom}/{igb.Left}/{igb.Right} zero rows and columns";
            yield return $"  (the kernel's reach less the padding), with the flipped kernel {igTiles}, written straight into the input's gradient.";
            yield return "  The output gradient is read in place, as the forward pass of a zero-padded layer reads its input: only what the first and last rows read";
            yield return "  is copied, per group, into a buffer whose zeros are never written" +
                         (igb.Left > 0 || igb.Right > 0 ? $"; the first and last vectors of the other rows ({igb.EdgeRows} rows x 1 vector per step) load through EdgeLoad.Row." : ".");
        }
        else if (frame.RowSteps)
        {
            int widened = frame.Widened(s);
            yield return "Backward, input gradient: the output gradient is framed by the kernel's reach less the (zero) padding" +
                         (widened > 0 ? $", widened on the right by {widened} zero column{(widened > 1 ? "s" : "")}," : ",");
            yield return $"  into rows of {frame.Width(s)} columns (whole vectors; input rows narrower than 32 columns), then a stride-1 correlation with the flipped kernel";
            yield return $"  {igTiles} runs over all {frame.Width(s)} columns of each framed row";
            yield return "  (each step covers whole rows), and the input's rows are copied out of it.";
        }
        else if (frame.Flat)
        {
            yield return "Backward, input gradient: the output gradient is framed by the kernel's reach less the (zero) padding, then a stride-1";
            yield return $"  correlation with the flipped kernel (tiles of {InputGradTile.Planes} x {InputGradTile.Vectors} vectors, taps unrolled) runs over each plane as one row";
            yield return "  (rows narrower than 32 columns), and the input's rows are copied out of it.";
        }
        else if (frame.Direct)
        {
            yield return "Backward, input gradient: the output gradient is framed by the kernel's reach less the (zero) padding, then a stride-1";
            yield return $"  correlation with the flipped kernel {igTiles} writes the input's gradient";
            yield return "  directly (the padded border's gradient is never computed).";
        }
        else
        {
            yield return "Backward, input gradient: the output gradient is spread by the stride and framed by the kernel's reach, then a stride-1";
            yield return $"  correlation with the flipped kernel {igTiles} gives the padded input's gradient,";
            yield return "  which is folded back onto the input (border positions onto the positions they were copied from).";
        }
        if (WinogradWeightGrad is { } wwg)
        {
            var t = wwg.Tiles;
            yield return "Backward, weight gradient: Winograd F(2x2, 3x3), the forward pass's transforms run backwards: per item the (padded) input is copied";
            yield return "  channel-last as for the forward pass and the output gradient channel-last in 2x2 tiles (zero past an odd output's edge), then per band of " + wwg.Band + " tiles";
            yield return "  the input patches to V = B^T d B ([16][tile][in]) and the gradient tiles to dM = A dY A^T ([16][tile][out]), and 16 products";
            yield return $"  dU[in][out] += sum over the band's tiles of V[tile][in] dM[tile][out], [16][{s.InChannels}][{s.OutChannels}], zeroed per call: each element one chain";
            yield return "  of fused multiply-adds over all tiles of all items in order (band by band, item by item; accumulators loaded from dU and stored back per band),";
            yield return $"  in register tiles of {ChannelsText(t.Vector256, s.InChannels)} x {t.Vector256.Blocks} block{(t.Vector256.Blocks > 1 ? "s" : "")} of 8 output channels on Vector256,";
            yield return $"  {ChannelsText(t.Vector128, s.InChannels)} x {t.Vector128.Blocks} on Vector128, {ChannelsText(t.Scalar, s.InChannels)} x {t.Scalar.Blocks} on scalar;";
            yield return "  after the batch dW += G^T dU G per kernel (scalar, shared by all paths). The transforms are fixed sequences of float additions,";
            yield return "  subtractions and exact halvings, so all paths give the same bits.";
            if (!WinogradWeightGradOnly)
            {
                yield return $"  Calls with fewer than {WinogradPlan.MinWeightGradTiles} output tiles in all (few products per weight, where Winograd's rounding is not within the";
                yield return "  direct sum's bound) take the direct weight gradient instead:";
                const string heading = "Backward, weight gradient: ";
                foreach (var line in DescribeWeightGradient())
                    yield return line.StartsWith(heading) ? "  " + line.Substring(heading.Length) : line;
            }
        }
        else if (ChannelBackward is { } cb)
        {
            foreach (var line in cb.DescribeWeightGradient(s))
                yield return line;
        }
        else
            foreach (var line in DescribeWeightGradient())
                yield return line;
        if (s.HasBias && ChannelBackward is not null)
            yield return "Backward, bias gradient: from the channel-last output gradient, per block of 8 channels the pixels summed in 4 accumulators " +
                         "(pixel p in accumulator p mod 4), combined as (a0 + a1) + (a2 + a3).";
        else if (WeightGradFoldsBias)
            yield return "Backward, bias gradient: summed in the weight gradient's step from the gradient blocks it loads, in 8 partial sums " +
                         "(two rows' blocks added first, the row tail's counted lanes masked to zero), combined by the 8-lane tree.";
        else if (s.HasBias)
            yield return "Backward, bias gradient: each plane summed in 4 accumulators of 8 partial sums (8-element block b in accumulator b mod 4, " +
                         "a zero-padded last block in the last), combined as (a0 + a1) + (a2 + a3), each by the 8-lane tree.";
    }

    /// <summary>The weight gradient's input channels per register tile, and the narrower step for the channels past whole tiles.</summary>
    private static string ChannelsText(ChannelTile t, int inChannels) =>
        $"{t.Pixels} input channel{(t.Pixels > 1 ? "s" : "")}" + (inChannels % t.Pixels is var rest and not 0 ? $" (the last {rest} in one narrower step)" : "");

    /// <summary>A Winograd register tile as the header states it, e.g. "6 tiles x 2 blocks".</summary>
    private static string TileText(ChannelTile t) => $"{t.Pixels} tile{(t.Pixels > 1 ? "s" : "")} x {t.Blocks} block{(t.Blocks > 1 ? "s" : "")}";

    private IEnumerable<string> DescribeWeightGradient()
    {
        yield return "Backward, weight gradient: 8 partial sums per weight on every path, combined in one fixed tree; rows read in 8-column blocks";
        var s = Spec;
        int? ow = s.IsFixedSize ? s.OutputWidth(s.InputWidth) : null;
        if (GatherGradientColumns)
            yield return "  (column j in partial sum j mod 8), strided input columns gathered into zero-padded 8-lane blocks;";
        else if (WeightGradNarrowRows is { } narrow)
            yield return $"  each {narrow.Width}-column row one block with column j in partial sum j + d and the other lanes masked to zero" +
                         $" (d = {string.Join(", ", narrow.Runs().Select(r => r.End - r.First > 1 ? $"{r.Shift} for rows {r.First}..{r.End - 1}" : $"{r.Shift} for row {r.First}"))});";
        else if (ow < 8)
            yield return $"  each {ow}-column row zero-padded to one block (column j in partial sum j);";
        else if (ow % 8 == 0)
            yield return $"  (column j in partial sum j mod 8); the {ow}-column rows have no tail;";
        else
        {
            yield return "  (column j in partial sum j mod 8), a row tail as one block ending at the row's end (column j in partial sum j - (ow - 8),";
            yield return "  the lanes already counted masked to zero)" + (ow is null ? ", rows shorter than 8 zero-padded;" : ";");
        }
        static string GradTile(GradientTile t) =>
            $"{t.Planes} output channel{(t.Planes > 1 ? "s" : "")} x {t.Taps} tap{(t.Taps > 1 ? "s" : "")}" + (t.Rows == 2 ? ", two gradient rows per step" : "");
        yield return $"  tiles of {GradTile(WeightGradTile)}" +
                     (WeightGradRemainderTile is { } rest ? $"; the last {rest.Planes} channel{(rest.Planes > 1 ? "s" : "")} of a group in tiles of {GradTile(rest)}" : "") + ".";
        if (WeightGradTile.Rows == 2 || WeightGradRemainderTile?.Rows == 2)
            yield return "  Two rows per step: each input block loaded once feeds both rows' taps; every partial sum takes row i's product, then row i + 1's; an odd last row alone.";
        if (WeightGradWritesRowsOut)
        {
            int whole = ow!.Value / 8;
            string blocks = $"{whole} {(ow % 8 == 0 ? "" : "whole ")}block{(whole > 1 ? "s" : "")}";
            yield return $"  Each row's {blocks}{(ow % 8 == 0 ? "" : " and its tail")} written out at constant columns (no column loop).";
        }
    }

    /// <summary>
    /// The input gradient's tile: 2-row steps as wide as a framed row with <see cref="InputGradFrame.RowSteps"/>;
    /// in a flat layout's one long row no rows to share, so the plain single-row tile (8 vectors for one plane);
    /// else 2-row steps when kernel rows are read without dilation, holding the weights in registers where they fit
    /// (<see cref="Tile.HoldingWeights"/>: the output gradient's channels summed per input plane, one for S3 and S7).
    /// </summary>
    private static Tile InputGradTileFor(LayerSpec spec)
    {
        var frame = InputGradFrame.For(spec);
        if (frame.RowSteps)
            return Tile.Choose(spec.InPerGroup, spec.Taps, spec.KernelHeight, maxRowVectors: frame.Width(spec) / 8);
        if (frame.Flat)
            return Tile.Choose(spec.InPerGroup, spec.Taps);
        return Tile.Choose(spec.InPerGroup, spec.Taps, spec.DilationHeight == 1 ? spec.KernelHeight : 0)
            .HoldingWeights(spec.Taps, spec.OutPerGroup);
    }

    /// <summary>
    /// Whether the weight gradient may take two gradient rows per step: neighbouring rows read shared input
    /// rows (stride 1 and no dilation along the height, a kernel at least 2 high), and rows are read in
    /// 8-column blocks (stride 1 along the width; not a fixed output narrower than one block).
    /// </summary>
    public static bool SharedGradientRows(LayerSpec spec) =>
        spec.StrideHeight == 1 && spec.DilationHeight == 1 && spec.KernelHeight >= 2 && spec.StrideWidth == 1 &&
        !(spec.IsFixedSize && spec.OutputWidth(spec.InputWidth) < 8);

    public static LayerPlan For(LayerSpec spec)
    {
        var winograd = WinogradPlan.For(spec);
        var channels = winograd is null ? ChannelTile.For(spec) : null;
        var taps = new Tap[spec.Taps];
        for (int u = 0; u < spec.KernelHeight; u++)
            for (int v = 0; v < spec.KernelWidth; v++)
                taps[u * spec.KernelWidth + v] = new Tap(u, v);
        return new LayerPlan(
            spec,
            new EquatableArray<Tap>(taps),
            VectoriseForwardColumns: spec.StrideWidth == 1,
            ForwardChannels: channels,
            Winograd: winograd,
            WinogradInputGrad: WinogradPlan.ForInputGradient(spec),
            WinogradWeightGrad: WinogradPlan.ForWeightGradient(spec),
            PadsInput: spec.HasPadding,
            ForwardBorder: winograd is null ? ForwardBorder.For(spec, vectorisedOverColumns: spec.StrideWidth == 1 && channels is null) : null,
            GatherGradientColumns: spec.StrideWidth != 1,
            ForwardTile: Tile.Choose(spec.OutPerGroup, spec.Taps,
                spec.StrideHeight == 1 && spec.DilationHeight == 1 && spec.StrideWidth == 1 ? spec.KernelHeight : 0)
                .HoldingWeights(spec.Taps, spec.InPerGroup),
            InputGradTile: InputGradTileFor(spec),
            WeightGradTile: GradientTile.Choose(spec.OutPerGroup, spec.Taps, SharedGradientRows(spec)),
            WeightGradNarrowRows: NarrowGradientRows.For(spec),
            // The channel backward shares the channel plan's buffers; a Winograd layer keeps the direct backward.
            ChannelBackward: channels is null ? null : Plan.ChannelBackward.For(spec));
    }
}
