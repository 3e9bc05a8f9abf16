using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the Winograd F(2×2, 3×3) forward pass (<see cref="LayerPlan.Winograd"/>): the batch loop (weight
/// transform per call; per item the channel-last copy, the kernel, the transpose to planes), the kernel over
/// bands of output tiles, the 16 products' drivers and one step method per register tile. The transforms
/// themselves are runtime code (<c>ConvGen.Internal.WinogradF23</c>), the same for every layer.
/// </summary>
internal static class WinogradEmitter
{
    /// <summary>The products' k loop is unrolled this many input channels (the channel counts are multiples of 8).</summary>
    private const int Unroll = 4;

    /// <summary>Fixed size: rows and columns of the channel-last copy (2 · tiles + 2 each way).</summary>
    public static int[] ChannelLastSize(int oh, int ow) => new[] { (oh + 1) / 2 * 2 + 2, (ow + 1) / 2 * 2 + 2 };

    /// <summary>The work buffer: the band's transformed input, then its products.</summary>
    public static int WorkLength(LayerPlan plan) => 16 * plan.Winograd!.Band * (plan.Spec.InChannels + plan.Spec.OutChannels);

    public static void Fields(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        var f = BatchLoops.FixedForwardSizes(plan);
        w.Line("// Winograd forward pass: the transformed weights (per call), the channel-last input, one band's transformed input and products, one item's output, channel-last.");
        w.Line($"private readonly float[] _winogradWeight = new float[{16 * s.InChannels * s.OutChannels}]; // [16][{s.InChannels}][{s.OutChannels}]");
        if (f is null)
            w.Line("private float[] _winogradInput = Array.Empty<float>();");
        else
        {
            var c = ChannelLastSize(f[2], f[3]);
            w.Line($"private float[] _winogradInput = new float[{c[0] * c[1] * s.InChannels}]; // [{c[0]}][{c[1]}][{s.InChannels}]");
        }
        w.Line($"private readonly float[] _winogradWork = new float[{WorkLength(plan)}]; // [16][{plan.Winograd!.Band}][{s.InChannels}], then [16][{plan.Winograd!.Band}][{s.OutChannels}]");
        w.Line($"private float[] _channelLastOutput = {(f is null ? "Array.Empty<float>()" : $"new float[{s.OutChannels * f[2] * f[3]}]")};");
    }

    public static void Batch(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        bool fixedSize = s.IsFixedSize;
        w.Doc("Runs <see cref=\"ForwardItem\"/> over the batch on one instruction-set path (<typeparamref name=\"TBlk\"/>: eight channels per block).");
        w.Block("private void ForwardBatch<TBlk, TAcc>(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int oh, int ow)", () =>
        {
            BatchLoops.ItemSizes(w, plan);
            w.Line("// The 2x2 output tiles read 4x4 patches of a channel-last copy of the (padded) input, 2 · tiles + 2 pixels each way:");
            w.Line("// past an odd output one more row or column, zero.");
            w.Line("int ch = (oh + 1) / 2 * 2 + 2, cw = (ow + 1) / 2 * 2 + 2;");
            w.Line($"Span<float> channelLast = Scratch.Ensure(ref _winogradInput, {Expr.Mul("ch * cw", s.InChannels)});");
            w.Line("Span<float> staged = Scratch.Ensure(ref _channelLastOutput, outItem);");
            w.Line("// The kernels to U = G g G^T, per call: the weights are a public mutable span, so no copy outlives a call.");
            w.Line($"WinogradF23.TransformWeights(_weight, {s.OutChannels}, {s.InChannels}, _winogradWeight);");
            w.Line("ref float u = ref MemoryMarshal.GetArrayDataReference(_winogradWeight);");
            if (s.HasBias)
                w.Line("ref float bias = ref MemoryMarshal.GetArrayDataReference(_bias);");
            w.Line("ref float work = ref MemoryMarshal.GetArrayDataReference(_winogradWork);");
            w.Line("ref float x = ref MemoryMarshal.GetReference(channelLast);");
            w.Line("ref float t = ref MemoryMarshal.GetReference(staged);");
            w.Block("for (int n = 0; n < batch; n++)", () =>
            {
                w.Line("ReadOnlySpan<float> item = input.Slice(n * inItem, inItem);");
                string source = "item";
                if (plan.PadsInput)
                {
                    w.Line(BatchLoops.PadCall(plan, "item", s.InChannels));
                    source = "padded";
                }
                w.Line($"WinogradF23.ToChannelLast({source}, {s.InChannels}, xh, xw, channelLast, ch, cw);");
                w.Line(fixedSize
                    ? $"ForwardItem<TBlk, TAcc>(ref x, ref u{(s.HasBias ? ", ref bias" : "")}, ref work, ref t);"
                    : $"ForwardItem<TBlk, TAcc>(ref x, ref u{(s.HasBias ? ", ref bias" : "")}, ref work, ref t, oh, ow);");
                w.Line($"Transpose.Matrix(staged, oh * ow, {s.OutChannels}, output.Slice(n * outItem, outItem));");
            });
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    public static void Emit(CodeWriter w, LayerPlan plan)
    {
        var branches = ChannelForwardEmitter.Branches(plan.Winograd!.Tiles);
        Item(w, plan);
        Product(w, plan, branches);
        var steps = new List<(int Pixels, int Blocks)>();
        foreach (var (_, tile) in branches)
        {
            steps.Add((tile.Pixels, tile.Blocks));
            if (tile.Pixels > 1)
                steps.Add((1, tile.Blocks));
        }
        foreach (var (pixels, blocks) in steps.Distinct())
            Step(w, plan, pixels, blocks);
    }

    private static void Item(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        int cin = s.InChannels, cout = s.OutChannels, band = plan.Winograd!.Band;
        var f = BatchLoops.FixedForwardSizes(plan);
        w.Doc("Forward pass for one batch item: <c>x</c> is the channel-last (padded) input, <c>u</c> the transformed weights <c>[16][in][out]</c>, " +
              "<c>work</c> one band's transformed input <c>[16][band][in]</c> and products <c>[16][band][out]</c>; the output <c>t</c> is written channel-last (<c>[pixel][channel]</c>).");
        string sizes = f is null ? ", int oh, int ow" : "";
        w.Block($"private static void ForwardItem<TBlk, TAcc>(ref float x, ref float u{(s.HasBias ? ", ref float bias" : "")}, ref float work, ref float t{sizes})", () =>
        {
            if (f is not null)
                w.Line($"const int oh = {f[2]}, ow = {f[3]};");
            w.Line($"const int band = {band};");
            w.Line("int tw = (ow + 1) / 2, tiles = (oh + 1) / 2 * tw;");
            w.Line($"int row = {Expr.Mul("(2 * tw + 2)", cin)}; // one row of the channel-last input");
            w.Line("ref float v = ref work;");
            w.Line($"ref float m = ref Unsafe.Add(ref work, {16 * band * cin});");
            w.Block("for (int t0 = 0; t0 < tiles; t0 += band)", () =>
            {
                w.Line("int count = Math.Min(band, tiles - t0);");
                w.Line("// The band's 4x4 input patches (rows and columns 2i .. 2i + 3, 2j .. 2j + 3) to V = B^T d B.");
                w.Block("for (int q = 0; q < count; q++)", () =>
                {
                    w.Line("int i = (t0 + q) / tw, j = t0 + q - i * tw;");
                    w.Line($"ref float d = ref Unsafe.Add(ref x, 2 * i * row + {Expr.Mul("2 * j", cin)});");
                    w.Line($"for (int k = 0; k < {cin}; k += 8)");
                    w.Line($"    WinogradF23.InputTile<TBlk, TAcc>(ref Unsafe.Add(ref d, k), {cin}, row, ref Unsafe.Add(ref v, {Expr.Mul("q", cin)} + k), {band * cin});");
                });
                w.Line("// The 16 products M = V U, one per transformed position.");
                w.Line("for (int xi = 0; xi < 16; xi++)");
                w.Line($"    Product<TBlk, TAcc>(ref Unsafe.Add(ref v, xi * {band * cin}), ref Unsafe.Add(ref u, xi * {cin * cout}), ref Unsafe.Add(ref m, xi * {band * cout}), count);");
                bool evenOutput = f is not null && f[2] % 2 == 0 && f[3] % 2 == 0;
                w.Line("// y = A^T M A + bias, tile by tile" + (evenOutput ? "." : "; an odd output's last row and column of tiles write only their first row or column."));
                w.Block("for (int q = 0; q < count; q++)", () =>
                {
                    w.Line("int i = (t0 + q) / tw, j = t0 + q - i * tw;");
                    if (!evenOutput)
                        w.Line("bool right = 2 * j + 1 < ow, bottom = 2 * i + 1 < oh;");
                    w.Line($"ref float y = ref Unsafe.Add(ref t, {Expr.Mul("(2 * i * ow + 2 * j)", cout)});");
                    w.Line($"for (int o = 0; o < {cout}; o += 8)");
                    string bias = s.HasBias ? "TBlk.Load(ref bias, o)" : "TBlk.Zero";
                    string edges = evenOutput ? "true, true" : "right, bottom";
                    w.Line($"    WinogradF23.OutputTile<TBlk, TAcc>(ref Unsafe.Add(ref m, {Expr.Mul("q", cout)} + o), {band * cout}, {bias}, ref Unsafe.Add(ref y, o), {cout}, {Expr.Mul("ow", cout)}, {edges});");
                });
            });
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    private static string StepName(int pixels, int blocks) => $"Product{pixels}x{blocks}";

    private static void Product(CodeWriter w, LayerPlan plan, List<(string? Condition, ChannelTile Tile)> branches)
    {
        var s = plan.Spec;
        w.Doc("One transformed position's product over the band's <paramref name=\"count\"/> tiles: <c>m[tile][out] = Σ_in v[tile][in] · u[in][out]</c>, in register tiles for this path's width.");
        w.Block("private static void Product<TBlk, TAcc>(ref float v, ref float u, ref float m, int count)", () =>
        {
            void TileLoops(ChannelTile tile)
            {
                int p = tile.Pixels, tileChannels = tile.Blocks * ChannelTile.Lanes;
                string Call(int pixels, string q) => $"{StepName(pixels, tile.Blocks)}<TBlk, TAcc>(ref v, ref uo, ref mo, {q});";
                void ChannelTileBody()
                {
                    w.Line("ref float uo = ref Unsafe.Add(ref u, o);");
                    w.Line("ref float mo = ref Unsafe.Add(ref m, o);");
                    w.Line("int q = 0;");
                    w.Line(p == 1 ? "for (; q < count; q++)" : $"for (; q + {p} <= count; q += {p})");
                    w.Line("    " + Call(p, "q"));
                    if (p > 1)
                        w.Block("if (q < count)", () =>
                        {
                            w.Line($"if (count >= {p})");
                            w.Line($"    {Call(p, $"count - {p}")} // overlapped: recomputes a few tiles to the same bits");
                            w.Line("else");
                            w.Line("    for (; q < count; q++)");
                            w.Line("        " + Call(1, "q"));
                        });
                }
                w.LoopOrConst("o", s.OutChannels, tileChannels, ChannelTileBody);
            }
            if (branches.Count == 1)
            {
                TileLoops(branches[0].Tile);
                return;
            }
            w.Line("// The tile for this path's register width (TBlk.Registers is a constant to the JIT).");
            for (int i = 0; i < branches.Count; i++)
            {
                var (condition, tile) = branches[i];
                string header = condition is null ? "else" : i == 0 ? $"if ({condition})" : $"else if ({condition})";
                w.Block(header, () => TileLoops(tile));
            }
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    private static void Step(CodeWriter w, LayerPlan plan, int pixels, int blocks)
    {
        var s = plan.Spec;
        int cin = s.InChannels, cout = s.OutChannels, lanes = ChannelTile.Lanes;
        w.Doc((pixels == 1 ? "Tile q" : $"Tiles q .. q + {pixels - 1}") + $" × {blocks * lanes} output channels of one product: {pixels * blocks} accumulators of {lanes} channels, " +
              "each a chain of fused multiply-adds from zero over the input channels in order.");
        w.Block($"private static void {StepName(pixels, blocks)}<TBlk, TAcc>(ref float v, ref float u, ref float m, int q)", () =>
        {
            w.Line($"ref float vq = ref Unsafe.Add(ref v, {Expr.Mul("q", cin)});");
            for (int p = 0; p < pixels; p++)
                w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"a{p}_{b} = TBlk.Zero")) + ";");
            w.Block($"for (int k = 0; k < {cin}; k += {Unroll})", () =>
            {
                w.Line($"ref float uk = ref Unsafe.Add(ref u, {Expr.Mul("k", cout)});");
                w.Line("ref float vk = ref Unsafe.Add(ref vq, k);");
                for (int r = 0; r < Unroll; r++)
                {
                    w.Line($"// input channel k + {r}");
                    w.Line("{");
                    w.Line("    TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"w{b} = TBlk.Load(ref uk, {r * cout + b * lanes})")) + ";");
                    for (int p = 0; p < pixels; p++)
                    {
                        w.Line($"    TAcc x{p} = TBlk.Broadcast(Unsafe.Add(ref vk, {p * cin + r}));");
                        for (int b = 0; b < blocks; b++)
                            w.Line($"    TBlk.Fma(ref a{p}_{b}, x{p}, w{b});");
                    }
                    w.Line("}");
                }
            });
            for (int p = 0; p < pixels; p++)
                for (int b = 0; b < blocks; b++)
                    w.Line($"TBlk.Store(a{p}_{b}, ref m, {Expr.Add(Expr.Mul(Expr.Factor(Expr.Add("q", p)), cout), b * lanes)});");
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }
}
