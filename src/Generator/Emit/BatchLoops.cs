using ConvGen.Generator.Parse;
using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the per-batch loops between the checked public methods and the kernels: slicing the
/// batch, padding the input, spreading and folding gradients.
/// </summary>
internal static class BatchLoops
{
    /// <summary>For a fixed-size layer: padded input rows and columns, output rows and columns.</summary>
    public static int[]? FixedForwardSizes(LayerPlan plan)
    {
        var s = plan.Spec;
        if (!s.IsFixedSize) return null;
        return new[] { s.InputHeight + s.PadTop + s.PadBottom, s.InputWidth + s.PadLeft + s.PadRight,
                       s.OutputHeight(s.InputHeight), s.OutputWidth(s.InputWidth) };
    }

    /// <summary>
    /// For a fixed-size layer, the input-gradient correlation's sizes: spread gradient rows and columns,
    /// padded input-gradient rows and columns; with the flat layout one row of height · wq columns, with its
    /// row steps height rows of wq columns (the columns past the input's width computed and dropped).
    /// </summary>
    public static int[]? FixedInputGradSizes(LayerPlan plan)
    {
        var s = plan.Spec;
        if (!s.IsFixedSize) return null;
        int oh = s.OutputHeight(s.InputHeight), ow = s.OutputWidth(s.InputWidth);
        int rh = s.ReachHeight - 1, rw = s.ReachWidth - 1;
        var frame = InputGradFrame.For(s);
        int hq = (oh - 1) * s.StrideHeight + 1 + frame.Top + frame.Bottom, wq = (ow - 1) * s.StrideWidth + 1 + frame.Left + frame.Right;
        return frame.RowSteps ? new[] { hq, wq, hq - rh, wq }
             : frame.Flat ? new[] { hq, wq, 1, (hq - rh) * wq }
             : new[] { hq, wq, hq - rh, wq - rw };
    }

    /// <summary>For a fixed-size layer: the three work buffers' lengths.</summary>
    public static int[]? FixedScratch(LayerPlan plan)
    {
        var s = plan.Spec;
        var f = FixedForwardSizes(plan);
        var g = FixedInputGradSizes(plan);
        if (f is null || g is null) return null;
        var frame = InputGradFrame.For(s);
        if (plan.WinogradInputGrad is not null)
        {
            var c = WinogradEmitter.ChannelLastSize(s.InputHeight, s.InputWidth);
            return new[] { plan.UsesPaddedInput ? s.InChannels * f[0] * f[1] : 0, s.OutChannels * c[0] * c[1], s.InChannels * s.InputHeight * s.InputWidth };
        }
        if (plan.ChannelBackward?.InputGrad is { } ig)
            return new[] { plan.UsesPaddedInput ? s.InChannels * f[0] * f[1] : 0, ig.StagesOutputGrad(s) ? s.OutChannels * ig.PlaneStride : 0,
                           ig.Direct ? 0 : s.InChannels * ig.Rows * ig.Stride };
        if (plan.InputGradBorder is not null) // the output gradient read in place: no spread buffer, and the result goes straight into inputGrad
            return new[] { plan.UsesPaddedInput ? s.InChannels * f[0] * f[1] : 0, 0, 0 };
        return new[] { plan.UsesPaddedInput ? s.InChannels * f[0] * f[1] : 0, s.OutChannels * g[0] * g[1] + (frame.Flat ? s.ReachWidth - 1 : 0),
                       frame.Direct && !frame.Flat ? 0 : s.InChannels * g[2] * g[3] };
    }

    public static void Emit(CodeWriter w, LayerPlan plan)
    {
        Forward(w, plan);
        Backward(w, plan);
    }

    /// <summary>The per-item lengths, the padded input's size and, when the pass pads (<paramref name="pads"/>), its buffer.</summary>
    public static void ItemSizes(CodeWriter w, LayerPlan plan, bool? pads = null)
    {
        var s = plan.Spec;
        w.Line($"int inItem = {Expr.Mul(s.InChannels, "height * width")}, outItem = {Expr.Mul(s.OutChannels, "oh * ow")};");
        w.Line($"int xh = {Expr.Add("height", s.PadTop + s.PadBottom)}, xw = {Expr.Add("width", s.PadLeft + s.PadRight)}; // padded input");
        if (pads ?? plan.PadsInput)
            w.Line($"Span<float> padded = _paddedInput.Ensure({Expr.Mul(s.InChannels, "xh * xw")});");
    }

    /// <summary>Batch item n of the input as <c>x</c> (unless <paramref name="reference"/> is false: the span alone): in place, or copied into the padded buffer (unless <paramref name="pad"/> is false).</summary>
    private static void ItemInput(CodeWriter w, LayerPlan plan, bool reference = true, bool pad = true)
    {
        var s = plan.Spec;
        w.Line("ReadOnlySpan<float> item = input.Slice(n * inItem, inItem);");
        if (plan.PadsInput && pad)
            w.Line(PadCall(plan, "item", s.InChannels));
        if (reference)
            w.Line($"ref float x = ref MemoryMarshal.GetReference({(plan.PadsInput ? "padded" : "item")});");
    }

    /// <summary>
    /// The copy of <paramref name="source"/> into the padded buffer. A fixed-size layer with zero padding
    /// writes only the interior: its buffer has one layout for life and its border is never written, so
    /// it stays zero (see <c>Planes.PadInterior</c>).
    /// </summary>
    public static string PadCall(LayerPlan plan, string source, int channels)
    {
        var s = plan.Spec;
        return s.IsFixedSize && s.PaddingMode == PaddingModeValue.Zeros
            ? $"Planes.PadInterior({source}, {channels}, height, width, padded, {s.PadTop}, {s.PadBottom}, {s.PadLeft}, {s.PadRight}); // the border stays zero"
            : $"Planes.Pad({source}, {channels}, height, width, padded, {s.PadTop}, {s.PadBottom}, {s.PadLeft}, {s.PadRight}, PaddingMode.{s.PaddingMode});";
    }

    private static void Forward(CodeWriter w, LayerPlan plan)
    {
        if (plan.Winograd is not null)
        {
            WinogradEmitter.Batch(w, plan);
            return;
        }
        if (plan.ForwardChannels is not null)
        {
            ChannelForward(w, plan);
            return;
        }
        if (plan.ForwardBorder is not null)
        {
            BorderForwardEmitter.Batch(w, plan);
            return;
        }
        var s = plan.Spec;
        bool fixedSize = s.IsFixedSize;
        w.Doc("Runs <see cref=\"ForwardItem\"/> over the batch on one instruction-set path.");
        w.Block("private void ForwardBatch<TOps, TVec>(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int oh, int ow)", () =>
        {
            ItemSizes(w, plan);
            w.Line("ref float weight = ref MemoryMarshal.GetArrayDataReference(_weight);");
            if (s.HasBias)
                w.Line("ref float bias = ref MemoryMarshal.GetArrayDataReference(_bias);");
            w.Block("for (int n = 0; n < batch; n++)", () =>
            {
                if (plan.PadsPerGroup)
                {
                    w.Line("ref float y = ref MemoryMarshal.GetReference(output.Slice(n * outItem, outItem));");
                    w.Line($"int groupItem = {Expr.Mul(s.InPerGroup, "height * width")};");
                    w.Line("ref float x = ref MemoryMarshal.GetReference(padded);");
                    w.Block($"for (int g = 0; g < {s.Groups}; g++)", () =>
                    {
                        w.Line("// Pad this group's planes, then run its kernel while they are still in the nearest cache.");
                        w.Line(PadCall(plan, "input.Slice(n * inItem + g * groupItem, groupItem)", s.InPerGroup));
                        w.Line(fixedSize
                            ? $"ForwardItem<TOps, TVec>(ref x, ref weight{(s.HasBias ? ", ref bias" : "")}, ref y, g, g + 1);"
                            : $"ForwardItem<TOps, TVec>(ref x, xh, xw, ref weight{(s.HasBias ? ", ref bias" : "")}, ref y, oh, ow, g, g + 1);");
                    });
                    return;
                }
                ItemInput(w, plan);
                w.Line("ref float y = ref MemoryMarshal.GetReference(output.Slice(n * outItem, outItem));");
                w.Line(fixedSize
                    ? $"ForwardItem<TOps, TVec>(ref x, ref weight{(s.HasBias ? ", ref bias" : "")}, ref y);"
                    : $"ForwardItem<TOps, TVec>(ref x, xh, xw, ref weight{(s.HasBias ? ", ref bias" : "")}, ref y, oh, ow);");
            });
        }, CorrelationEmitter.Constraints);
        w.Line();
    }

    /// <summary>
    /// The batch loop of the forward pass that vectorises over output channels: the weights copied into
    /// channel-last order once per call (they are a public mutable span, so no copy outlives a call), then
    /// per item the kernel into the channel-last staging buffer and a transpose into the output planes.
    /// </summary>
    private static void ChannelForward(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        bool fixedSize = s.IsFixedSize;
        int groupWeights = s.WeightLength / s.Groups;
        w.Doc("Runs <see cref=\"ForwardItem\"/> over the batch on one instruction-set path (<typeparamref name=\"TBlk\"/>: eight output channels per block).");
        w.Block("private void ForwardBatch<TBlk, TAcc>(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int oh, int ow)", () =>
        {
            ItemSizes(w, plan);
            w.Line($"// Weights [out, in/groups, kh, kw] to channel-last [group][in/groups][kh][kw][out/groups]: per group a {s.OutPerGroup} x {s.InPerGroup * s.Taps} transpose.");
            w.Line("Span<float> packed = _channelLastWeight.Span;");
            if (s.Groups == 1)
                w.Line($"Transpose.Matrix(_weight, {s.OutPerGroup}, {s.InPerGroup * s.Taps}, packed);");
            else
            {
                w.Line($"for (int g = 0; g < {s.Groups}; g++)");
                w.Line($"    Transpose.Matrix(_weight.AsSpan(g * {groupWeights}, {groupWeights}), {s.OutPerGroup}, {s.InPerGroup * s.Taps}, packed.Slice(g * {groupWeights}, {groupWeights}));");
            }
            w.Line("Span<float> staged = _channelLastOutput.Ensure(outItem);");
            w.Line("ref float weight = ref MemoryMarshal.GetReference(packed);");
            if (s.HasBias)
                w.Line("ref float bias = ref MemoryMarshal.GetArrayDataReference(_bias);");
            w.Line("ref float t = ref MemoryMarshal.GetReference(staged);");
            w.Block("for (int n = 0; n < batch; n++)", () =>
            {
                ItemInput(w, plan);
                w.Line(fixedSize
                    ? $"ForwardItem<TBlk, TAcc>(ref x, ref weight{(s.HasBias ? ", ref bias" : "")}, ref t);"
                    : $"ForwardItem<TBlk, TAcc>(ref x, xh, xw, ref weight{(s.HasBias ? ", ref bias" : "")}, ref t, oh, ow);");
                w.Line($"Transpose.Matrix(staged, oh * ow, {s.OutChannels}, output.Slice(n * outItem, outItem));");
            });
        }, ChannelForwardEmitter.Constraints);
        w.Line();
    }

    private static void Backward(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        bool fixedSize = s.IsFixedSize;
        int rh = s.ReachHeight - 1, rw = s.ReachWidth - 1;
        var frame = InputGradFrame.For(s);
        var channels = plan.ChannelBackward;
        var cig = channels?.InputGrad;
        int groupWeights = s.WeightLength / s.Groups;
        w.Doc("Runs the gradient kernels over the batch on one instruction-set path" +
              (!plan.BackwardUsesBlocks ? "." : " (<typeparamref name=\"TBlk\"/>: eight channels or pixels per block, for the kernels vectorised over channels)."));
        var wig = plan.WinogradInputGrad;
        string typeParameters = plan.BackwardUsesBlocks ? "TOps, TVec, TRed, TAcc, TBlk" : "TOps, TVec, TRed, TAcc";
        if (plan.WeightGradHasWideSteps)
            typeParameters += ", TWide, TWideAcc";
        w.Block($"private void BackwardBatch<{typeParameters}>(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, int height, int width, int oh, int ow)", () =>
        {
            ItemSizes(w, plan, pads: plan.UsesPaddedInput);
            if (channels is not null)
            {
                w.Line("// The call's weight gradient, summed channel-last, [group][in/groups][kh][kw][out/groups], from zero; after the batch");
                w.Line($"// added, transposed, into _weightGrad (per group {s.InPerGroup * s.Taps} x {s.OutPerGroup}). Each item's output gradient is transposed channel-last, [pixel][channel], into dyT.");
                w.Line("Span<float> dwT = _channelLastWeightGrad.Span;");
                w.Line("dwT.Clear();");
                w.Line("Span<float> dyT = _channelLastOutput.Ensure(outItem);");
            }
            if (cig is not null)
            {
                w.Line("// The input gradient: per input channel the products Z[tap][pixel] of the output gradient and the weights, then each input row gathered from them.");
                w.Line("bool wantInputGrad = !inputGrad.IsEmpty;");
                w.Line($"ref float z = ref Unsafe.Add(ref _inputGradProducts.Start, {cig.Front});");
                if (cig.StagesOutputGrad(s))
                    w.Line($"Span<float> staged = _spreadGrad.Span; // the output gradient in planes of {cig.PlaneStride}: fewer pixels than a block; the floats past them stay zero");
                if (!cig.Direct)
                    w.Line($"Span<float> full = _paddedInputGrad.Span; // the gather's rows of {cig.Stride}");
            }
            else if (wig is not null)
                WinogradEmitter.InputGradSetup(w, plan);
            else if (plan.InputGradBorder is { } igb)
            {
                w.Line($"// The input gradient: a correlation of the output gradient, framed by {igb.Top}/{igb.Bottom}/{igb.Left}/{igb.Right} zero rows and columns (the kernel's reach less");
                w.Line("// the padding), with the flipped kernel, straight into inputGrad. The output gradient is read in place as the forward pass of a");
                w.Line("// zero-padded layer reads its input: only each group's top and bottom bands are copied, into a buffer whose zeros are never written.");
                w.Line("bool wantInputGrad = !inputGrad.IsEmpty;");
                w.Line("Span<float> gradBorder = _inputGradBorder.Span;");
                w.Line($"int groupGrad = {Expr.Mul(s.OutPerGroup, "oh * ow")};");
            }
            else if (frame.RowSteps)
            {
                w.Line("// The input gradient: spread the output gradient inside a frame as wide as the kernel's reach less the padding,");
                w.Line($"// {(frame.Widened(s) > 0 ? $"widened on the right by {frame.Widened(s)} zero columns to" : "in rows of")} {frame.Width(s)} columns (whole vectors), then correlate with the flipped kernel over the framed rows,");
                w.Line("// two at a time, computing all wq columns of each (the same taps for every kept element), and copy each row's");
                w.Line($"// first width columns into inputGrad. The spread buffer has {s.ReachWidth - 1} spare floats at the end for the last dropped columns' reads.");
            }
            else if (frame.Flat)
            {
                w.Line("// The input gradient: spread the output gradient inside a frame as wide as the kernel's reach less the padding,");
                w.Line("// then correlate each plane with the flipped kernel as one row of height · wq columns (rows too short for the");
                w.Line("// register tiles; the same taps for every kept element), and copy its rows' first width columns into inputGrad.");
                w.Line($"// The spread buffer has {s.ReachWidth - 1} spare floats at the end for the last dropped columns' reads.");
            }
            else if (frame.Direct)
            {
                w.Line("// The input gradient: spread the output gradient inside a frame as wide as the kernel's reach less the padding,");
                w.Line("// then correlate with the flipped kernel straight into inputGrad (rows hq - reach = height, columns wq - reach = width):");
                w.Line("// with zero padding the padded border's gradient is dropped, so it is never computed.");
            }
            else
            {
                w.Line("// The input gradient: spread the output gradient by the stride inside a frame as wide as the kernel's reach,");
                w.Line("// correlate with the flipped kernel (rows hq - reach, columns wq - reach), then fold back onto the input.");
            }
            if (cig is null && wig is null && plan.InputGradBorder is null)
            {
            w.Line("bool wantInputGrad = !inputGrad.IsEmpty;");
            w.Line($"int hq = {Expr.Add(Expr.Mul("(oh - 1)", s.StrideHeight), 1 + frame.Top + frame.Bottom)}, wq = {Expr.Add(Expr.Mul("(ow - 1)", s.StrideWidth), 1 + frame.Left + frame.Right)};");
            w.Line($"int hf = {(rh == 0 ? "hq" : $"hq - {rh}")}, wf = {(rw == 0 ? "wq" : $"wq - {rw}")};");
            w.Line($"Span<float> spread = wantInputGrad ? _spreadGrad.Ensure({Expr.Add(Expr.Mul(s.OutChannels, "hq * wq"), frame.Flat ? rw : 0)}) : default;");
            if (!frame.Direct || frame.Flat)
                w.Line($"Span<float> full = wantInputGrad ? _paddedInputGrad.Ensure({Expr.Mul(s.InChannels, frame.Flat ? "hf * wq" : "hf * wf")}) : default;");
            }
            var wwg = plan.WinogradWeightGrad;
            if (wwg is not null)
                WinogradEmitter.WeightGradSetup(w, plan);
            if (wig is null)
                w.Line("ref float weight = ref MemoryMarshal.GetArrayDataReference(_weight);");
            if (!plan.WinogradWeightGradOnly)
                w.Line(channels is null
                    ? "ref float weightGrad = ref MemoryMarshal.GetArrayDataReference(_weightGrad);"
                    : "ref float weightGrad = ref MemoryMarshal.GetReference(dwT);");
            if (s.HasBias)
                w.Line("ref float biasGrad = ref MemoryMarshal.GetArrayDataReference(_biasGrad);");
            w.Block("for (int n = 0; n < batch; n++)", () =>
            {
                // With the Winograd weight gradient the (padded) item goes on as a span: copied channel-last, or to the direct fallback
                // (which pads it there when the Winograd copy frames the input itself).
                ItemInput(w, plan, reference: wwg is null, pad: !(wwg is not null && plan.FramesWinogradInput));
                w.Line("ReadOnlySpan<float> dyItem = outputGrad.Slice(n * outItem, outItem);");
                if (s.HasBias || wwg is null)
                    w.Line("ref float dy = ref MemoryMarshal.GetReference(dyItem);");
                if (s.HasBias && channels is null && !plan.WeightGradFoldsBias)
                    w.Line(fixedSize ? "BiasGradItem<TRed, TAcc>(ref dy, ref biasGrad);" : "BiasGradItem<TRed, TAcc>(ref dy, oh, ow, ref biasGrad);");
                if (wwg is not null)
                    WinogradEmitter.WeightGradItemCall(w, plan);
                else if (channels is null)
                {
                    string db = plan.WeightGradFoldsBias ? ", ref biasGrad" : "";
                    w.Line(fixedSize
                        ? $"WeightGradItem<TRed, TAcc>(ref x, ref dy, ref weightGrad{db});"
                        : $"WeightGradItem<TRed, TAcc>(ref x, xh, xw, ref dy, oh, ow, ref weightGrad{db});");
                }
                else
                {
                    w.Line($"Transpose.Matrix(dyItem, {s.OutChannels}, oh * ow, dyT);");
                    if (s.HasBias)
                        w.Line(fixedSize
                            ? "BiasGradItem<TBlk, TAcc>(ref MemoryMarshal.GetReference(dyT), ref biasGrad);"
                            : "BiasGradItem<TBlk, TAcc>(ref MemoryMarshal.GetReference(dyT), oh * ow, ref biasGrad);");
                    // The weight gradient's block type: Block512 on the Vector512 path when it has 16-channel steps, else TBlk.
                    string blocks = plan.WeightGradHasWideSteps ? "TWide, TWideAcc" : "TBlk, TAcc";
                    w.Line(fixedSize
                        ? $"WeightGradItem<{blocks}>(ref x, ref MemoryMarshal.GetReference(dyT), ref weightGrad);"
                        : $"WeightGradItem<{blocks}>(ref x, xh, xw, ref MemoryMarshal.GetReference(dyT), oh, ow, ref weightGrad);");
                }
                if (wig is not null)
                {
                    w.Block("if (wantInputGrad)", () => WinogradEmitter.InputGradItemCall(w, plan));
                    return;
                }
                if (plan.InputGradBorder is not null)
                {
                    w.Block("if (wantInputGrad)", () =>
                    {
                        w.Line("ref float dx = ref MemoryMarshal.GetReference(inputGrad.Slice(n * inItem, inItem));");
                        w.Line($"for (int g = 0; g < {s.Groups}; g++)");
                        w.Line("    InputGradItem<TOps, TVec>(dyItem.Slice(g * groupGrad, groupGrad), gradBorder, ref weight, ref dx, g);");
                    });
                    return;
                }
                if (cig is not null)
                {
                    w.Block("if (wantInputGrad)", () =>
                    {
                        string dyRef = "dy";
                        if (cig.StagesOutputGrad(s))
                        {
                            w.Line($"Planes.CopyRows(dyItem, oh * ow, staged, {cig.PlaneStride}, {s.OutChannels}, oh * ow);");
                            dyRef = "MemoryMarshal.GetReference(staged)";
                        }
                        string target = cig.Direct ? "MemoryMarshal.GetReference(inputGrad.Slice(n * inItem, inItem))" : "MemoryMarshal.GetReference(full)";
                        w.Line($"InputGradItem<TBlk, TAcc{(plan.WideProducts is not null ? ", TWide, TWideAcc" : "")}>(ref {dyRef}, ref weight, ref z, ref {target});");
                        if (!cig.Direct)
                        {
                            bool zeros = s.PaddingMode == PaddingModeValue.Zeros;
                            w.Line($"Planes.Fold(full, {s.InChannels}, {cig.Rows}, {cig.Columns}, {cig.Stride}, inputGrad.Slice(n * inItem, inItem), height, width, " +
                                   $"{(zeros ? 0 : s.PadTop)}, {(zeros ? 0 : s.PadLeft)}, PaddingMode.{s.PaddingMode});");
                        }
                    });
                    return;
                }
                w.Block("if (wantInputGrad)", () =>
                {
                    // A fixed-size layer's spread buffer has one layout for life and only the spread positions are ever
                    // written, so its frame (and any stride gaps) stays zero as allocated: copy, never clear.
                    w.Line(fixedSize
                        ? $"Planes.SpreadInterior(dyItem, {s.OutChannels}, oh, ow, {s.StrideHeight}, {s.StrideWidth}, {frame.Top}, {frame.Left}, spread, hq, wq); // the frame stays zero"
                        : $"Planes.Spread(dyItem, {s.OutChannels}, oh, ow, {s.StrideHeight}, {s.StrideWidth}, {frame.Top}, {frame.Left}, spread, hq, wq);");
                    string target = frame.Direct && !frame.Flat ? "MemoryMarshal.GetReference(inputGrad.Slice(n * inItem, inItem))" : "MemoryMarshal.GetReference(full)";
                    w.Line(fixedSize
                        ? $"InputGradItem<TOps, TVec>(ref MemoryMarshal.GetReference(spread), ref weight, ref {target});"
                        : $"InputGradItem<TOps, TVec>(ref MemoryMarshal.GetReference(spread), hq, wq, ref weight, ref {target}, hf, wf);");
                    if (frame.Flat)
                        w.Line($"Planes.Fold(full, {s.InChannels}, hf, wq, inputGrad.Slice(n * inItem, inItem), height, width, 0, 0, PaddingMode.Zeros);");
                    else if (!frame.Direct)
                        w.Line($"Planes.Fold(full, {s.InChannels}, hf, wf, inputGrad.Slice(n * inItem, inItem), height, width, {s.PadTop}, {s.PadLeft}, PaddingMode.{s.PaddingMode});");
                });
            });
            if (wwg is not null)
                WinogradEmitter.WeightGradFinish(w, plan);
            if (channels is not null)
            {
                w.Line("// The call's weight gradient added into the running one, back in [out, in/groups, kh, kw].");
                AddTransposedWeightGrad(w, s, s.InPerGroup * s.Taps, s.OutPerGroup, groupWeights);
            }
        }, CorrelationEmitter.Constraints + " " + GradientEmitter.Constraints + (plan.BackwardUsesBlocks ? " where TBlk : struct, IBlock8<TAcc>" : "") +
           (plan.WeightGradHasWideSteps ? " where TWide : struct, IBlock8<TWideAcc> where TWideAcc : unmanaged" : ""));
        w.Line();
    }

    /// <summary>Per group, <c>Transpose.AddMatrix</c>: the call's channel-last weight gradient <c>dwT</c>, <paramref name="rows"/> × <paramref name="columns"/> per group, added transposed into <c>_weightGrad</c>.</summary>
    private static void AddTransposedWeightGrad(CodeWriter w, Parse.LayerSpec s, int rows, int columns, int groupLength)
    {
        if (s.Groups == 1)
            w.Line($"Transpose.AddMatrix(dwT, {rows}, {columns}, _weightGrad);");
        else
        {
            w.Line($"for (int g = 0; g < {s.Groups}; g++)");
            w.Line($"    Transpose.AddMatrix(dwT.Slice(g * {groupLength}, {groupLength}), {rows}, {columns}, _weightGrad.AsSpan(g * {groupLength}, {groupLength}));");
        }
    }
}
