using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes a generic correlation kernel (see <see cref="CorrelationKernel"/>) with every tap unrolled:
/// vectorised over output columns where the stride allows, one lane at a time for the row tail.
/// </summary>
internal static class CorrelationEmitter
{
    public static void Emit(CodeWriter w, LayerPlan plan, CorrelationKernel k)
    {
        var s = plan.Spec;
        bool vectorise = k.StrideWidth == 1;
        bool accumulate = k.SumCount > 1;
        string sizes = k.FixedSizes is null ? ", int xh, int xw" : "";
        string outSizes = k.FixedSizes is null ? ", int oh, int ow" : "";

        w.Doc(k.Summary);
        w.Block($"private static void {k.Name}<TOps, TVec>(ref float x{sizes}, ref float weight{(k.HasBias ? ", ref float bias" : "")}, ref float y{outSizes})", () =>
        {
            if (k.FixedSizes is { } f)
                w.Line($"const int xh = {f[0]}, xw = {f[1]}, oh = {f[2]}, ow = {f[3]};");
            w.Line("int xPlane = xh * xw, yPlane = oh * ow;");
            if (vectorise)
                w.Line("int vectorEnd = ow - ow % TOps.Count; // columns [vectorEnd, ow) are the row tail");
            w.Block($"for (int o = 0; o < {k.OutPlanes}; o++)", () =>
            {
                w.Line("ref float yo = ref Unsafe.Add(ref y, o * yPlane);");
                string start = k.HasBias ? "Unsafe.Add(ref bias, o)" : "0f";
                if (accumulate)
                {
                    w.Line("// The output plane holds the running sum between source planes; it starts from the bias.");
                    w.Line($"MemoryMarshal.CreateSpan(ref yo, yPlane).Fill({start});");
                }
                else
                {
                    w.Line($"float b = {start};");
                    if (vectorise) w.Line("TVec bv = TOps.Broadcast(b);");
                }
                if (accumulate)
                    w.Block($"for (int k = 0; k < {k.SumCount}; k++)", () => Body(w, plan, k, vectorise, accumulate));
                else
                {
                    w.Line("const int k = 0;");
                    Body(w, plan, k, vectorise, accumulate);
                }
            });
        }, Constraints);
        w.Line();
    }

    public const string Constraints = "where TOps : struct, ISimd<TVec> where TVec : unmanaged";

    private static void Body(CodeWriter w, LayerPlan plan, CorrelationKernel k, bool vectorise, bool accumulate)
    {
        var s = plan.Spec;
        w.Line($"ref float xk = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Factor(k.SourcePlane), "xPlane")});");
        w.Line($"ref float wk = ref Unsafe.Add(ref weight, {k.WeightBase});");
        w.Line("// Taps, read once per plane pair" + (vectorise ? " and broadcast into registers" : "") +
               (k.FlipKernel ? "; the kernel is read rotated by 180 degrees." : "."));
        foreach (var t in plan.Taps)
        {
            int index = k.FlipKernel
                ? (s.KernelHeight - 1 - t.Row) * s.KernelWidth + (s.KernelWidth - 1 - t.Column)
                : t.Row * s.KernelWidth + t.Column;
            w.Line($"float w{t.Row}_{t.Column} = Unsafe.Add(ref wk, {index});");
        }
        if (vectorise)
            foreach (var t in plan.Taps)
                w.Line($"TVec v{t.Row}_{t.Column} = TOps.Broadcast(w{t.Row}_{t.Column});");

        w.Block("for (int i = 0; i < oh; i++)", () =>
        {
            w.Line("ref float yr = ref Unsafe.Add(ref yo, i * ow);");
            for (int u = 0; u < s.KernelHeight; u++)
                w.Line($"ref float r{u} = ref Unsafe.Add(ref xk, {Expr.Mul(Expr.Factor(Expr.Add(Expr.Mul("i", k.StrideHeight), u * s.DilationHeight)), "xw")}); // kernel row {u}");
            w.Line("int j = 0;");
            if (vectorise)
            {
                w.Block("for (; j < vectorEnd; j += TOps.Count)", () =>
                {
                    w.Line($"TVec acc = {(accumulate ? "TOps.Load(ref yr, j)" : "bv")};");
                    foreach (var t in plan.Taps)
                        w.Line($"acc = TOps.Fma(TOps.Load(ref r{t.Row}, {Expr.Add("j", t.Column * s.DilationWidth)}), v{t.Row}_{t.Column}, acc);");
                    w.Line("TOps.Store(acc, ref yr, j);");
                });
            }
            w.Block("for (; j < ow; j++)", () =>
            {
                string c = "j";
                if (k.StrideWidth != 1)
                {
                    w.Line($"int c = j * {k.StrideWidth}; // input column of the first tap");
                    c = "c";
                }
                w.Line($"float acc = {(accumulate ? "Unsafe.Add(ref yr, j)" : "b")};");
                foreach (var t in plan.Taps)
                    w.Line($"acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref r{t.Row}, {Expr.Add(c, t.Column * s.DilationWidth)}), w{t.Row}_{t.Column}, acc);");
                w.Line("Unsafe.Add(ref yr, j) = acc;");
            });
        });
    }
}
