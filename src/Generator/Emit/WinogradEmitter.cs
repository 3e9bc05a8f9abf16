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

    /// <summary>The work buffer: the band's transformed input, then its products (the input gradient's band may be longer).</summary>
    public static int WorkLength(LayerPlan plan) =>
        16 * System.Math.Max(plan.Winograd!.Band, System.Math.Max(plan.WinogradInputGrad?.Band ?? 0, plan.WinogradWeightGrad?.Band ?? 0)) *
        (plan.Spec.InChannels + plan.Spec.OutChannels);

    /// <summary>
    /// Fixed size: the channel-last staging buffer's length, one item's output for the forward pass, or with the Winograd
    /// weight gradient the output gradient in whole 2x2 tiles (2 · tiles rows and columns, one more of each past an odd output).
    /// </summary>
    private static int StagingLength(LayerPlan plan, int oh, int ow) =>
        plan.Spec.OutChannels * (plan.WinogradWeightGrad is null ? oh * ow : (oh + 1) / 2 * 2 * ((ow + 1) / 2 * 2));

    /// <summary>
    /// One use of the transforms and products: the forward pass (sum over input channels, vectorised over output
    /// channels, plus the bias) or the input gradient (sum over output channels, vectorised over input channels).
    /// </summary>
    /// <param name="Item">The per-item method's name.</param>
    /// <param name="Product">The product driver's name; its step methods are named after it.</param>
    /// <param name="Sum">Channels the products sum over (the transformed side).</param>
    /// <param name="Channels">Channels the products are vectorised over (the result's).</param>
    /// <param name="Bias">Whether the bias is added to the result.</param>
    /// <param name="Rows">For a fixed size, the result's rows and columns; else null (given at run time).</param>
    private sealed record Pass(string Item, string Product, int Sum, int Channels, WinogradPlan Plan, bool Bias, int[]? Rows);

    private static Pass ForwardPass(LayerPlan plan)
    {
        var s = plan.Spec;
        var f = BatchLoops.FixedForwardSizes(plan);
        return new Pass("ForwardItem", "Product", s.InChannels, s.OutChannels, plan.Winograd!, s.HasBias, f is null ? null : new[] { f[2], f[3] });
    }

    /// <summary>The input gradient's pass; with as many input as output channels it shares the forward pass's products (the same code).</summary>
    private static Pass InputGradPass(LayerPlan plan)
    {
        var s = plan.Spec;
        string product = s.InChannels == s.OutChannels ? "Product" : "InputGradProduct";
        return new Pass("InputGradItem", product, s.OutChannels, s.InChannels, plan.WinogradInputGrad!, false,
                        s.IsFixedSize ? new[] { s.InputHeight, s.InputWidth } : null);
    }

    public static void Fields(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        var f = BatchLoops.FixedForwardSizes(plan);
        w.Line("// Winograd forward pass: the transformed weights (per call), the channel-last input, one band's transformed input and products, one item's output, channel-last.");
        w.Line($"private readonly WorkBuffer _winogradWeight = new({16 * s.InChannels * s.OutChannels}); // [16][{s.InChannels}][{s.OutChannels}]");
        if (f is null)
            w.Line("private readonly WorkBuffer _winogradInput = new(0);");
        else
        {
            var c = ChannelLastSize(f[2], f[3]);
            w.Line($"private readonly WorkBuffer _winogradInput = new({c[0] * c[1] * s.InChannels}); // [{c[0]}][{c[1]}][{s.InChannels}]");
        }
        int band = WorkLength(plan) / (16 * (s.InChannels + s.OutChannels)); // the longest band of the passes that use it
        w.Line($"private readonly WorkBuffer _winogradWork = new({WorkLength(plan)}); // [16][{band}][{s.InChannels}], then [16][{band}][{s.OutChannels}]");
        w.Line($"private readonly WorkBuffer _channelLastOutput = new({(f is null ? 0 : StagingLength(plan, f[2], f[3]))});");
        if (plan.WinogradInputGrad is not null)
            w.Line("// The Winograd input gradient uses _winogradWeight and _winogradWork too, _spreadGrad for the framed output gradient and _paddedInputGrad for its result, both channel-last.");
        if (plan.WinogradWeightGrad is not null)
        {
            w.Line("// The Winograd weight gradient: dU summed over a call's tiles (its own buffer: the input gradient holds its turned kernels in _winogradWeight");
            w.Line("// meanwhile); it uses _winogradWork too, _winogradInput for the channel-last input and _channelLastOutput for the output gradient in 2x2 tiles.");
            w.Line($"private readonly WorkBuffer _winogradWeightGrad = new({16 * s.InChannels * s.OutChannels}); // [16][{s.InChannels}][{s.OutChannels}]");
        }
    }

    public static void Batch(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        bool fixedSize = s.IsFixedSize;
        w.Doc("Runs <see cref=\"ForwardItem\"/> over the batch on one instruction-set path (<typeparamref name=\"TBlk\"/>: eight channels per block).");
        w.Block("private void ForwardBatch<TBlk, TAcc>(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int oh, int ow)", () =>
        {
            BatchLoops.ItemSizes(w, plan, pads: plan.PadsInput && !plan.FramesWinogradInput);
            w.Line("// The 2x2 output tiles read 4x4 patches of a channel-last copy of the (padded) input, 2 · tiles + 2 pixels each way:");
            w.Line("// past an odd output one more row or column, zero.");
            w.Line("int ch = (oh + 1) / 2 * 2 + 2, cw = (ow + 1) / 2 * 2 + 2;");
            w.Line($"Span<float> channelLast = _winogradInput.Ensure({Expr.Mul("ch * cw", s.InChannels)});");
            w.Line("Span<float> staged = _channelLastOutput.Ensure(outItem);");
            w.Line("// The kernels to U = G g G^T, per call: the weights are a public mutable span, so no copy outlives a call.");
            w.Line($"WinogradF23.TransformWeights(_weight, {s.OutChannels}, {s.InChannels}, _winogradWeight.Span);");
            w.Line("ref float u = ref _winogradWeight.Start;");
            if (s.HasBias)
                w.Line("ref float bias = ref MemoryMarshal.GetArrayDataReference(_bias);");
            w.Line("ref float work = ref _winogradWork.Start;");
            w.Line("ref float x = ref MemoryMarshal.GetReference(channelLast);");
            w.Line("ref float t = ref MemoryMarshal.GetReference(staged);");
            w.Block("for (int n = 0; n < batch; n++)", () =>
            {
                w.Line("ReadOnlySpan<float> item = input.Slice(n * inItem, inItem);");
                ChannelLastInput(w, plan, "channelLast", "ch", "cw");
                w.Line(fixedSize
                    ? $"ForwardItem<TBlk, TAcc>(ref x, ref u{(s.HasBias ? ", ref bias" : "")}, ref work, ref t);"
                    : $"ForwardItem<TBlk, TAcc>(ref x, ref u{(s.HasBias ? ", ref bias" : "")}, ref work, ref t, oh, ow);");
                w.Line($"Transpose.Matrix(staged, oh * ow, {s.OutChannels}, output.Slice(n * outItem, outItem));");
            });
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    /// <summary>
    /// In the backward batch loop, before the items: the input gradient's buffers and transformed kernels. The spread
    /// and padded-gradient buffers of the direct input gradient hold the framed output gradient and the result, both channel-last.
    /// </summary>
    public static void InputGradSetup(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        var frame = InputGradFrame.For(s);
        w.Line("// The input gradient by Winograd F(2x2, 3x3): a stride-1 correlation of the output gradient, framed by the kernel's reach");
        w.Line($"// less the zero padding ({frame.Top}/{frame.Bottom}/{frame.Left}/{frame.Right} rows and columns), with the kernels turned by 180 degrees, summed over output channels.");
        w.Line("// The framed gradient is copied channel-last with 2 · tiles + 2 pixels each way (past an odd input one more zero row or column).");
        w.Line("bool wantInputGrad = !inputGrad.IsEmpty;");
        w.Line("int ch = (height + 1) / 2 * 2 + 2, cw = (width + 1) / 2 * 2 + 2;");
        w.Line($"Span<float> framed = wantInputGrad ? _spreadGrad.Ensure({Expr.Mul("ch * cw", s.OutChannels)}) : default;");
        w.Line("Span<float> stagedGrad = wantInputGrad ? _paddedInputGrad.Ensure(inItem) : default; // one item's input gradient, channel-last");
        w.Line("// The turned kernels to U' = G rot180(g) G^T, [16][out][in], per call, into the forward pass's buffer (free during Backward).");
        w.Line("if (wantInputGrad)");
        w.Line($"    WinogradF23.TransformWeightsForInputGradient(_weight, {s.OutChannels}, {s.InChannels}, _winogradWeight.Span);");
        w.Line("ref float turned = ref _winogradWeight.Start;");
        w.Line("ref float work = ref _winogradWork.Start;");
    }

    /// <summary>
    /// In the backward batch loop, before the items: the weight gradient's buffers. The forward pass's channel-last input
    /// and staging buffers are free during Backward (the input gradient uses the spread and padded-gradient buffers), so they
    /// hold the item's channel-last input and output gradient; dU is zeroed, as each call's gradient is added into WeightGrad at the end.
    /// </summary>
    public static void WeightGradSetup(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        w.Line("// The weight gradient by Winograd F(2x2, 3x3): dU = sum over every item's tiles of V * dM, V = B^T d B of the input patches (as the");
        w.Line("// forward pass), dM = A dY A^T of the output gradient's 2x2 tiles, [16][in][out] from zero per call; after the batch dW += G^T dU G.");
        w.Line("// The input is copied channel-last as for the forward pass, the output gradient channel-last in whole 2x2 tiles (zero past an odd output).");
        w.Line("int th = (oh + 1) / 2, tw = (ow + 1) / 2; // output tiles");
        if (!plan.WinogradWeightGradOnly)
        {
            w.Line($"// Calls with fewer than {WinogradPlan.MinWeightGradTiles} tiles in all take the direct weight gradient (Winograd's rounding is not within its bound for few products).");
            w.Line($"bool winogradWeightGrad = batch * th * tw >= {WinogradPlan.MinWeightGradTiles};");
        }
        w.Line($"Span<float> inputLast = _winogradInput.Ensure({Expr.Mul("(2 * th + 2) * (2 * tw + 2)", s.InChannels)});");
        w.Line($"Span<float> gradLast = _channelLastOutput.Ensure({Expr.Mul("4 * th * tw", s.OutChannels)});");
        WhenWinograd(w, plan, "_winogradWeightGrad.Span.Clear();");
        w.Line("ref float du = ref _winogradWeightGrad.Start;");
        if (plan.WinogradInputGrad is null)
            w.Line("ref float work = ref _winogradWork.Start;");
    }

    /// <summary>
    /// The channel-last copy of batch item <c>item</c> into <paramref name="destination"/> (<paramref name="height"/> x <paramref name="width"/> pixels):
    /// with zero padding the copy writes the padding itself; other modes pad into the padded buffer first; no padding, as is.
    /// </summary>
    private static void ChannelLastInput(CodeWriter w, LayerPlan plan, string destination, string height, string width)
    {
        var s = plan.Spec;
        if (plan.FramesWinogradInput)
            w.Line($"WinogradF23.ToChannelLast(item, {s.InChannels}, height, width, {destination}, {height}, {width}, {s.PadTop}, {s.PadLeft}); // the copy writes the zero padding");
        else if (plan.PadsInput)
        {
            w.Line(BatchLoops.PadCall(plan, "item", s.InChannels));
            w.Line($"WinogradF23.ToChannelLast(padded, {s.InChannels}, xh, xw, {destination}, {height}, {width});");
        }
        else
            w.Line($"WinogradF23.ToChannelLast(item, {s.InChannels}, xh, xw, {destination}, {height}, {width});");
    }

    /// <summary>In the backward batch loop, per item: the channel-last copies of the input (see <see cref="ChannelLastInput"/>) and the output gradient, then the kernel; or the direct kernel.</summary>
    public static void WeightGradItemCall(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        // Without framing the batch loop has padded the item already (ItemInput).
        string source = plan.PadsInput ? "padded" : "item";
        void Winograd()
        {
            if (plan.FramesWinogradInput)
                ChannelLastInput(w, plan, "inputLast", "2 * th + 2", "2 * tw + 2");
            else
                w.Line($"WinogradF23.ToChannelLast({source}, {s.InChannels}, xh, xw, inputLast, 2 * th + 2, 2 * tw + 2);");
            w.Line($"WinogradF23.ToChannelLast(dyItem, {s.OutChannels}, oh, ow, gradLast, 2 * th, 2 * tw);");
            w.Line(s.IsFixedSize
                ? "WinogradWeightGradItem<TBlk, TAcc>(ref MemoryMarshal.GetReference(inputLast), ref MemoryMarshal.GetReference(gradLast), ref du, ref work);"
                : "WinogradWeightGradItem<TBlk, TAcc>(ref MemoryMarshal.GetReference(inputLast), ref MemoryMarshal.GetReference(gradLast), ref du, ref work, oh, ow);");
        }
        if (plan.WinogradWeightGradOnly)
        {
            Winograd();
            return;
        }
        w.Block("if (winogradWeightGrad)", Winograd);
        string direct = s.IsFixedSize
            ? "WeightGradItem<TRed, TAcc>(ref MemoryMarshal.GetReference(" + source + "), ref MemoryMarshal.GetReference(dyItem), ref weightGrad);"
            : "WeightGradItem<TRed, TAcc>(ref MemoryMarshal.GetReference(" + source + "), xh, xw, ref MemoryMarshal.GetReference(dyItem), oh, ow, ref weightGrad);";
        if (plan.FramesWinogradInput)
            w.Block("else", () =>
            {
                w.Line(BatchLoops.PadCall(plan, "item", s.InChannels));
                w.Line(direct);
            });
        else
        {
            w.Line("else");
            w.Line("    " + direct);
        }
    }

    /// <summary>After the batch loop: dW += G^T dU G.</summary>
    public static void WeightGradFinish(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        w.Line("// The call's weight gradient back from the Winograd domain, dW += G^T dU G per kernel.");
        WhenWinograd(w, plan, $"WinogradF23.AddWeightGradient(_winogradWeightGrad.Span, {s.OutChannels}, {s.InChannels}, _weightGrad);");
    }

    /// <summary>A statement of the Winograd weight gradient: as is when it is the only one generated, else under the per-call choice.</summary>
    private static void WhenWinograd(CodeWriter w, LayerPlan plan, string statement)
    {
        if (plan.WinogradWeightGradOnly)
        {
            w.Line(statement);
            return;
        }
        w.Line("if (winogradWeightGrad)");
        w.Line("    " + statement);
    }

    /// <summary>In the backward batch loop, per item: frame the output gradient channel-last, run the kernel, transpose the result to planes.</summary>
    public static void InputGradItemCall(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        var frame = InputGradFrame.For(s);
        w.Line($"WinogradF23.ToChannelLast(dyItem, {s.OutChannels}, oh, ow, framed, ch, cw, {frame.Top}, {frame.Left});");
        w.Line(s.IsFixedSize
            ? "InputGradItem<TBlk, TAcc>(ref MemoryMarshal.GetReference(framed), ref turned, ref work, ref MemoryMarshal.GetReference(stagedGrad));"
            : "InputGradItem<TBlk, TAcc>(ref MemoryMarshal.GetReference(framed), ref turned, ref work, ref MemoryMarshal.GetReference(stagedGrad), height, width);");
        w.Line($"Transpose.Matrix(stagedGrad, height * width, {s.InChannels}, inputGrad.Slice(n * inItem, inItem));");
    }

    public static void Emit(CodeWriter w, LayerPlan plan)
    {
        var forward = ForwardPass(plan);
        var inputGrad = plan.WinogradInputGrad is null ? null : InputGradPass(plan);
        bool shared = inputGrad?.Product == forward.Product;
        Item(w, forward);
        Products(w, forward, shared);
        if (inputGrad is not null)
        {
            Item(w, inputGrad);
            if (!shared)
                Products(w, inputGrad, shared: false);
        }
        if (plan.WinogradWeightGrad is not null)
            WeightGradient(w, plan);
    }

    /// <summary>The weight gradient's per-item method, its product driver and one step method per register tile.</summary>
    private static void WeightGradient(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        var wp = plan.WinogradWeightGrad!;
        int cin = s.InChannels, cout = s.OutChannels, band = wp.Band;
        var f = BatchLoops.FixedForwardSizes(plan);
        w.Doc("Adds one batch item's weight gradient in the Winograd domain into <c>du</c> (<c>[16][in][out]</c>): <c>x</c> is the channel-last (padded) input, " +
              "<c>dy</c> the channel-last output gradient in whole 2x2 tiles, <c>work</c> one band's transformed input <c>[16][band][in]</c> and output gradient <c>[16][band][out]</c>.");
        w.Block($"private static void WinogradWeightGradItem<TBlk, TAcc>(ref float x, ref float dy, ref float du, ref float work{(f is null ? ", int oh, int ow" : "")})", () =>
        {
            if (f is not null)
                w.Line($"const int oh = {f[2]}, ow = {f[3]};");
            w.Line($"const int band = {band};");
            w.Line("int tw = (ow + 1) / 2, tiles = (oh + 1) / 2 * tw;");
            w.Line($"int row = {Expr.Mul("(2 * tw + 2)", cin)}; // one row of the channel-last input");
            w.Line($"int gradRow = {Expr.Mul("2 * tw", cout)}; // one row of the channel-last output gradient");
            w.Line("ref float v = ref work;");
            w.Line($"ref float m = ref Unsafe.Add(ref work, {16 * band * cin});");
            w.Block("for (int t0 = 0; t0 < tiles; t0 += band)", () =>
            {
                w.Line("int count = Math.Min(band, tiles - t0);");
                w.Line("// The band's 4x4 input patches to V = B^T d B, its 2x2 output-gradient tiles to dM = A dY A^T.");
                w.Block("for (int q = 0; q < count; q++)", () =>
                {
                    InputPatch(w, cin, band);
                    w.Line($"ref float g = ref Unsafe.Add(ref dy, 2 * i * gradRow + {Expr.Mul("2 * j", cout)});");
                    w.Line($"for (int o = 0; o < {cout}; o += 8)");
                    w.Line($"    WinogradF23.OutputGradientTile<TBlk, TAcc>(ref Unsafe.Add(ref g, o), {cout}, gradRow, ref Unsafe.Add(ref m, {Expr.Mul("q", cout)} + o), {band * cout});");
                });
                w.Line("// The 16 products dU += V^T dM, one per transformed position, over the band's tiles in order.");
                w.Line("for (int xi = 0; xi < 16; xi++)");
                w.Line($"    WeightGradProduct<TBlk, TAcc>(ref Unsafe.Add(ref v, xi * {band * cin}), ref Unsafe.Add(ref m, xi * {band * cout}), ref Unsafe.Add(ref du, xi * {cin * cout}), count);");
            });
        }, ChannelForwardEmitter.Constraints);
        w.Line();

        var branches = ChannelForwardEmitter.Branches(wp.Tiles);
        var steps = new List<(int Channels, int Blocks)>();
        w.Doc("One transformed position's product over the band's <paramref name=\"count\"/> tiles: <c>du[in][out] += Σ_tile v[tile][in] · m[tile][out]</c>, " +
              "in register tiles of input channels × output blocks for this path's width.");
        w.Block("private static void WeightGradProduct<TBlk, TAcc>(ref float v, ref float m, ref float du, int count)", () =>
        {
            ChannelForwardEmitter.PerPath(w, branches, tile =>
            {
                int p = tile.Pixels, rest = cin % p, whole = cin - rest;
                steps.Add((p, tile.Blocks));
                if (rest > 0)
                    steps.Add((rest, tile.Blocks));
                w.LoopOrConst("o", cout, tile.Blocks * ChannelTile.Lanes, () =>
                {
                    w.Line("ref float mo = ref Unsafe.Add(ref m, o);");
                    w.Line("ref float duo = ref Unsafe.Add(ref du, o);");
                    w.Line(p == 1 ? $"for (int k = 0; k < {whole}; k++)" : $"for (int k = 0; k < {whole}; k += {p})");
                    w.Line($"    WeightGradProduct{p}x{tile.Blocks}<TBlk, TAcc>(ref Unsafe.Add(ref v, k), ref mo, ref Unsafe.Add(ref duo, {Expr.Mul("k", cout)}), count);");
                    if (rest > 0)
                        w.Line($"WeightGradProduct{rest}x{tile.Blocks}<TBlk, TAcc>(ref Unsafe.Add(ref v, {whole}), ref mo, ref Unsafe.Add(ref duo, {whole * cout}), count); // the last {rest} input channels");
                });
            });
        }, ChannelForwardEmitter.Constraints);
        w.Line();
        foreach (var (channels, blocks) in steps.Distinct())
            WeightGradStep(w, cin, cout, channels, blocks);
    }

    private static void WeightGradStep(CodeWriter w, int cin, int cout, int channels, int blocks)
    {
        int lanes = ChannelTile.Lanes;
        w.Doc($"{channels} input channel{(channels > 1 ? "s" : "")} × {blocks * lanes} output channels of one product: {channels * blocks} accumulator{(channels * blocks > 1 ? "s" : "")} of {lanes} channels, " +
              "loaded from <c>du</c>, each continuing its chain of fused multiply-adds over the band's tiles in order, stored back.");
        w.Block($"private static void WeightGradProduct{channels}x{blocks}<TBlk, TAcc>(ref float v, ref float m, ref float du, int count)", () =>
        {
            for (int p = 0; p < channels; p++)
                w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"a{p}_{b} = TBlk.Load(ref du, {p * cout + b * lanes})")) + ";");
            w.Block("for (int q = 0; q < count; q++)", () =>
            {
                w.Line($"ref float vq = ref Unsafe.Add(ref v, {Expr.Mul("q", cin)});");
                w.Line($"ref float mq = ref Unsafe.Add(ref m, {Expr.Mul("q", cout)});");
                w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"g{b} = TBlk.Load(ref mq, {b * lanes})")) + ";");
                for (int p = 0; p < channels; p++)
                {
                    w.Line($"TAcc x{p} = TBlk.Broadcast(Unsafe.Add(ref vq, {p}));");
                    for (int b = 0; b < blocks; b++)
                        w.Line($"TBlk.Fma(ref a{p}_{b}, x{p}, g{b});");
                }
            });
            for (int p = 0; p < channels; p++)
                for (int b = 0; b < blocks; b++)
                    w.Line($"TBlk.Store(a{p}_{b}, ref du, {p * cout + b * lanes});");
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    /// <summary>The product driver and one step method per register tile (and the 1-tile step for short bands).</summary>
    private static void Products(CodeWriter w, Pass pass, bool shared)
    {
        var branches = ChannelForwardEmitter.Branches(pass.Plan.Tiles);
        Product(w, pass, branches, shared);
        var steps = new List<(int Pixels, int Blocks)>();
        foreach (var (_, tile) in branches)
        {
            steps.Add((tile.Pixels, tile.Blocks));
            if (tile.Pixels > 1)
                steps.Add((1, tile.Blocks));
        }
        foreach (var (pixels, blocks) in steps.Distinct())
            Step(w, pass, pixels, blocks);
    }

    private static void Item(CodeWriter w, Pass pass)
    {
        int cin = pass.Sum, cout = pass.Channels, band = pass.Plan.Band;
        var f = pass.Rows;
        bool forward = pass.Item == "ForwardItem";
        // The result's rows and columns: the output's, or the input's for its gradient.
        string oh = forward ? "oh" : "height", ow = forward ? "ow" : "width";
        w.Doc(forward
            ? "Forward pass for one batch item: <c>x</c> is the channel-last (padded) input, <c>u</c> the transformed weights <c>[16][in][out]</c>, " +
              "<c>work</c> one band's transformed input <c>[16][band][in]</c> and products <c>[16][band][out]</c>; the output <c>t</c> is written channel-last (<c>[pixel][channel]</c>)."
            : "Input gradient for one batch item: <c>x</c> is the channel-last framed output gradient, <c>u</c> the transformed turned kernels <c>[16][out][in]</c>, " +
              "<c>work</c> one band's transformed output gradient <c>[16][band][out]</c> and products <c>[16][band][in]</c>; the input's gradient <c>t</c> is written channel-last (<c>[pixel][channel]</c>).");
        string sizes = f is null ? $", int {oh}, int {ow}" : "";
        w.Block($"private static void {pass.Item}<TBlk, TAcc>(ref float x, ref float u{(pass.Bias ? ", ref float bias" : "")}, ref float work, ref float t{sizes})", () =>
        {
            if (f is not null)
                w.Line($"const int {oh} = {f[0]}, {ow} = {f[1]};");
            w.Line($"const int band = {band};");
            w.Line($"int tw = ({ow} + 1) / 2, tiles = ({oh} + 1) / 2 * tw;");
            w.Line($"int row = {Expr.Mul("(2 * tw + 2)", cin)}; // one row of the channel-last {(forward ? "input" : "framed output gradient")}");
            w.Line("ref float v = ref work;");
            w.Line($"ref float m = ref Unsafe.Add(ref work, {16 * band * cin});");
            w.Block("for (int t0 = 0; t0 < tiles; t0 += band)", () =>
            {
                w.Line("int count = Math.Min(band, tiles - t0);");
                w.Line($"// The band's 4x4 {(forward ? "input" : "output gradient")} patches (rows and columns 2i .. 2i + 3, 2j .. 2j + 3) to V = B^T d B.");
                w.Block("for (int q = 0; q < count; q++)", () =>
                {
                    InputPatch(w, cin, band);
                });
                w.Line("// The 16 products M = V U, one per transformed position.");
                w.Line("for (int xi = 0; xi < 16; xi++)");
                w.Line($"    {pass.Product}<TBlk, TAcc>(ref Unsafe.Add(ref v, xi * {band * cin}), ref Unsafe.Add(ref u, xi * {cin * cout}), ref Unsafe.Add(ref m, xi * {band * cout}), count);");
                bool even = f is not null && f[0] % 2 == 0 && f[1] % 2 == 0;
                string what = forward ? "y = A^T M A + bias" : "dx = A^T M A";
                string odd = forward ? "an odd output's" : "an odd input's";
                w.Line($"// {what}, tile by tile" + (even ? "." : $"; {odd} last row and column of tiles write only their first row or column."));
                w.Block("for (int q = 0; q < count; q++)", () =>
                {
                    w.Line("int i = (t0 + q) / tw, j = t0 + q - i * tw;");
                    if (!even)
                        w.Line($"bool right = 2 * j + 1 < {ow}, bottom = 2 * i + 1 < {oh};");
                    w.Line($"ref float y = ref Unsafe.Add(ref t, {Expr.Mul($"(2 * i * {ow} + 2 * j)", cout)});");
                    w.Line($"for (int o = 0; o < {cout}; o += 8)");
                    string bias = pass.Bias ? "TBlk.Load(ref bias, o)" : "TBlk.Zero";
                    string edges = even ? "true, true" : "right, bottom";
                    w.Line($"    WinogradF23.OutputTile<TBlk, TAcc>(ref Unsafe.Add(ref m, {Expr.Mul("q", cout)} + o), {band * cout}, {bias}, ref Unsafe.Add(ref y, o), {cout}, {Expr.Mul(ow, cout)}, {edges});");
                });
            });
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    /// <summary>Inside a band's tile loop (<c>q</c>): the tile's 4x4 patch of the channel-last <c>x</c> to V = B^T d B, at <c>v[ξ][q][channel]</c>.</summary>
    private static void InputPatch(CodeWriter w, int cin, int band)
    {
        w.Line("int i = (t0 + q) / tw, j = t0 + q - i * tw;");
        w.Line($"ref float d = ref Unsafe.Add(ref x, 2 * i * row + {Expr.Mul("2 * j", cin)});");
        w.Line($"for (int k = 0; k < {cin}; k += 8)");
        w.Line($"    WinogradF23.InputTile<TBlk, TAcc>(ref Unsafe.Add(ref d, k), {cin}, row, ref Unsafe.Add(ref v, {Expr.Mul("q", cin)} + k), {band * cin});");
    }

    private static string StepName(Pass pass, int pixels, int blocks) => $"{pass.Product}{pixels}x{blocks}";

    private static void Product(CodeWriter w, Pass pass, List<(string? Condition, ChannelTile Tile)> branches, bool shared)
    {
        w.Doc((pass.Item == "ForwardItem"
            ? "One transformed position's product over the band's <paramref name=\"count\"/> tiles: <c>m[tile][out] = Σ_in v[tile][in] · u[in][out]</c>, in register tiles for this path's width."
            : "One transformed position's product over the band's <paramref name=\"count\"/> tiles: <c>m[tile][in] = Σ_out v[tile][out] · u[out][in]</c>, in register tiles for this path's width.") +
            (shared ? " With as many input as output channels the input gradient runs it too, with the roles of in and out swapped." : ""));
        w.Block($"private static void {pass.Product}<TBlk, TAcc>(ref float v, ref float u, ref float m, int count)", () =>
        {
            void TileLoops(ChannelTile tile)
            {
                int p = tile.Pixels, tileChannels = tile.Blocks * ChannelTile.Lanes;
                string Call(int pixels, string q) => $"{StepName(pass, pixels, tile.Blocks)}<TBlk, TAcc>(ref v, ref uo, ref mo, {q});";
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
                w.LoopOrConst("o", pass.Channels, tileChannels, ChannelTileBody);
            }
            ChannelForwardEmitter.PerPath(w, branches, TileLoops);
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    private static void Step(CodeWriter w, Pass pass, int pixels, int blocks)
    {
        int cin = pass.Sum, cout = pass.Channels, lanes = ChannelTile.Lanes;
        var (result, summed) = pass.Item == "ForwardItem" ? ("output", "input") : ("input", "output");
        w.Doc((pixels == 1 ? "Tile q" : $"Tiles q .. q + {pixels - 1}") + $" × {blocks * lanes} {result} channels of one product: {pixels * blocks} accumulators of {lanes} channels, " +
              $"each a chain of fused multiply-adds from zero over the {summed} channels in order.");
        w.Block($"private static void {StepName(pass, pixels, blocks)}<TBlk, TAcc>(ref float v, ref float u, ref float m, int q)", () =>
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
                    w.Line($"// {summed} channel k + {r}");
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
