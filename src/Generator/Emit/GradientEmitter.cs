using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the weight- and bias-gradient reductions. Each weight's gradient is kept as eight partial
/// sums (output column mod 8) and combined in one fixed tree, on every path; tails and strided
/// columns go through zero-padded 8-lane blocks, where 0 · 0 adds nothing.
/// </summary>
internal static class GradientEmitter
{
    public const string Constraints = "where TRed : struct, IReduce8<TAcc> where TAcc : unmanaged";

    public static void EmitWeightGradient(CodeWriter w, LayerPlan plan, int[]? fixedSizes)
    {
        var s = plan.Spec;
        string sizes = fixedSizes is null ? ", int xh, int xw" : "";
        string outSizes = fixedSizes is null ? ", int oh, int ow" : "";
        w.Doc("Adds one batch item's weight gradient into <c>dw</c>: for every weight, the sum over output positions of output gradient × the input it multiplied.");
        w.Block($"private static void WeightGradItem<TRed, TAcc>(ref float x{sizes}, ref float dy{outSizes}, ref float dw)", () =>
        {
            if (fixedSizes is { } f)
                w.Line($"const int xh = {f[0]}, xw = {f[1]}, oh = {f[2]}, ow = {f[3]};");
            w.Line("int xPlane = xh * xw, yPlane = oh * ow;");
            w.Line("Span<float> dyBlock = stackalloc float[8], xBlock = stackalloc float[8];");
            w.Line("ref float dyb = ref MemoryMarshal.GetReference(dyBlock);");
            w.Line("ref float xb = ref MemoryMarshal.GetReference(xBlock);");
            w.Block($"for (int o = 0; o < {s.OutChannels}; o++)", () =>
            {
                w.Line("ref float dyo = ref Unsafe.Add(ref dy, o * yPlane);");
                w.Block($"for (int k = 0; k < {s.InPerGroup}; k++)", () =>
                {
                    w.Line($"ref float xk = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Factor(Expr.Add(Expr.Mul(Expr.Factor(Expr.Div("o", s.OutPerGroup)), s.InPerGroup), "k")), "xPlane")});");
                    w.Line($"ref float dwk = ref Unsafe.Add(ref dw, {Expr.Mul(Expr.Factor(Expr.Add(Expr.Mul("o", s.InPerGroup), "k")), s.Taps)});");
                    w.Block($"for (int u = 0; u < {s.KernelHeight}; u++)", () =>
                    w.Block($"for (int v = 0; v < {s.KernelWidth}; v++)", () =>
                    {
                        w.Line("TAcc acc = TRed.Zero;");
                        w.Block("for (int i = 0; i < oh; i++)", () =>
                        {
                            w.Line("ref float dyr = ref Unsafe.Add(ref dyo, i * ow);");
                            w.Line($"ref float xr = ref Unsafe.Add(ref xk, {Expr.Add(Expr.Mul(Expr.Factor(Expr.Add(Expr.Mul("i", s.StrideHeight), Expr.Mul("u", s.DilationHeight))), "xw"), Expr.Mul("v", s.DilationWidth))});");
                            w.Line("int j = 0;");
                            if (!plan.GatherGradientColumns)
                                w.Line("for (; j + 8 <= ow; j += 8) acc = TRed.Fma(ref Unsafe.Add(ref dyr, j), ref Unsafe.Add(ref xr, j), acc);");
                            w.Block("for (; j < ow; j += 8)", () =>
                            {
                                w.Line(plan.GatherGradientColumns
                                    ? "// Strided columns: gather them into a zero-padded 8-lane block."
                                    : "// Row tail: a zero-padded 8-lane block.");
                                w.Block("for (int l = 0; l < 8; l++)", () =>
                                {
                                    w.Line("bool inside = j + l < ow;");
                                    w.Line("Unsafe.Add(ref dyb, l) = inside ? Unsafe.Add(ref dyr, j + l) : 0f;");
                                    w.Line($"Unsafe.Add(ref xb, l) = inside ? Unsafe.Add(ref xr, {Expr.Mul("(j + l)", s.StrideWidth)}) : 0f;");
                                });
                                w.Line("acc = TRed.Fma(ref dyb, ref xb, acc);");
                            });
                        });
                        w.Line($"Unsafe.Add(ref dwk, {Expr.Add(Expr.Mul("u", s.KernelWidth), "v")}) += TRed.Sum(acc);");
                    }));
                });
            });
        }, Constraints);
        w.Line();
    }

    public static void EmitBiasGradient(CodeWriter w, LayerPlan plan, int[]? fixedSizes)
    {
        var s = plan.Spec;
        string outSizes = fixedSizes is null ? ", int oh, int ow" : "";
        w.Doc("Adds one batch item's bias gradient into <c>db</c>: the sum of each output plane's gradient.");
        w.Block($"private static void BiasGradItem<TRed, TAcc>(ref float dy{outSizes}, ref float db)", () =>
        {
            if (fixedSizes is { } f)
                w.Line($"const int oh = {f[2]}, ow = {f[3]};");
            w.Line("int yPlane = oh * ow;");
            w.Line("Span<float> block = stackalloc float[8];");
            w.Line("ref float bb = ref MemoryMarshal.GetReference(block);");
            w.Block($"for (int o = 0; o < {s.OutChannels}; o++)", () =>
            {
                w.Line("ref float dyo = ref Unsafe.Add(ref dy, o * yPlane);");
                w.Line("TAcc acc = TRed.Zero;");
                w.Line("int j = 0;");
                w.Line("for (; j + 8 <= yPlane; j += 8) acc = TRed.Add(ref Unsafe.Add(ref dyo, j), acc);");
                w.Block("if (j < yPlane)", () =>
                {
                    w.Line("for (int l = 0; l < 8; l++) Unsafe.Add(ref bb, l) = j + l < yPlane ? Unsafe.Add(ref dyo, j + l) : 0f;");
                    w.Line("acc = TRed.Add(ref bb, acc);");
                });
                w.Line("Unsafe.Add(ref db, o) += TRed.Sum(acc);");
            });
        }, Constraints);
        w.Line();
    }
}
