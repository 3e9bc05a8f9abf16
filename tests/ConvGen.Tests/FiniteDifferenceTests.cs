using ConvGen.Reference;
using ConvGen.Tests.Layers;
using ConvGen.Tests.Support;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Backward is the derivative of Forward: checked on the generated code alone with central differences
/// of L = ½·Σ(y − t)². L is quadratic in every weight and input, so the central difference is exact in
/// real arithmetic for any step; what remains is the float rounding of the forward passes, bounded below.
/// </summary>
public class FiniteDifferenceTests
{
    private const float Step = 0.5f;

    public static TheoryData<string> Cases => LayerCatalog.Names(LayerCatalog.All.Where((_, i) => i % 2 == 0).Concat(LayerCatalog.General));

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var c = LayerCatalog.Get(name);
        var s = c.Spec;
        int b = 2, h = c.FixedHeight > 0 ? c.FixedHeight : s.DilationHeight * (s.KernelHeight - 1) + 4,
            w = c.FixedWidth > 0 ? c.FixedWidth : s.DilationWidth * (s.KernelWidth - 1) + 6;
        if (s.PaddingMode == PaddingMode.Reflect) { h = Math.Max(h, s.PadTop + 1); w = Math.Max(w, s.PadLeft + 1); }
        var layer = c.Create(11);
        var x = Tensors.Random(b * s.InChannels * h * w, 12);
        var target = Tensors.Random(Run.OutputLength(layer, b, h, w), 13);

        // Analytic gradients: Backward with dL/dy = y − t.
        var y = Run.Forward(layer, ConvPath.Auto, x, b, h, w);
        var residual = y.Zip(target, (a, t) => a - t).ToArray();
        var (dw, db, dx) = Run.Backward(layer, ConvPath.Auto, x, residual, b, h, w);
        var abs = Oracle.Backward(s, x, layer.Weight.ToArray(), residual, b, h, w);

        var random = new Random(5);
        foreach (int k in Enumerable.Range(0, 6).Select(_ => random.Next(dw.Length)))
            Check(layer.Weight, k, dw[k], abs.AbsDw[k], Oracle.ReductionTerms(s, b, h, w), $"{name} dW[{k}]");
        if (s.HasBias)
            Check(layer.Bias, 0, db[0], abs.AbsDb[0], Oracle.ReductionTerms(s, b, h, w), $"{name} dB[0]");
        foreach (int k in Enumerable.Range(0, 6).Select(_ => random.Next(dx.Length)))
            Check(x, k, dx[k], abs.AbsDx[k], Oracle.InputGradTerms(s, h, w), $"{name} dX[{k}]");

        void Check(Span<float> parameter, int k, float analytic, double analyticAbs, int analyticTerms, string what)
        {
            float saved = parameter[k];
            parameter[k] = saved + Step;
            var (plus, boundPlus) = Loss();
            parameter[k] = saved - Step;
            var (minus, boundMinus) = Loss();
            parameter[k] = saved;
            double fd = (plus - minus) / (2.0 * Step);
            double bound = (boundPlus + boundMinus) / (2.0 * Step) + Tolerance.Gamma(analyticTerms + 1) * analyticAbs;
            Assert.True(Math.Abs(fd - analytic) <= bound,
                $"{what}: analytic {analytic:R}, central difference {fd:R}, |diff| {Math.Abs(fd - analytic):E3} > bound {bound:E3}");
        }

        // L in double from the float outputs, and the bound on its error from the outputs' rounding:
        // |ΔL| ≤ Σ_e (|y_e − t_e| + ε_e)·ε_e with ε_e = γ_n·Σ|terms of y_e|.
        (double Loss, double Bound) Loss()
        {
            var yy = Run.Forward(layer, ConvPath.Auto, x, b, h, w);
            var (_, absY) = Oracle.Forward(s, x, layer.Weight.ToArray(), layer.Bias.ToArray(), b, h, w);
            double gamma = Tolerance.Gamma(Oracle.ForwardTerms(s) + 1);
            double loss = 0, bound = 0;
            for (int e = 0; e < yy.Length; e++)
            {
                double r = (double)yy[e] - target[e];
                double eps = gamma * absY[e];
                loss += 0.5 * r * r;
                bound += (Math.Abs(r) + eps) * eps;
            }
            return (loss, bound * 1.000001 + 1e-300);
        }
    }
}
