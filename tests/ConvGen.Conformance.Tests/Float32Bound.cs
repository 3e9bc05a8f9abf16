using ConvGen.Reference;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// Per-element tolerances for comparing two float32 convolutions (ConvGen and PyTorch), derived from
/// float32 rounding for that element's sum.
/// </summary>
/// <remarks>
/// <para>
/// Every number a convolution produces, forward or backward, is a sum of m terms: output = bias +
/// Σ x·w, dL/dw = Σ g·x, dL/dx = Σ g·w, dL/db = Σ g (with padding modes other than zeros, a padded tap
/// adds one more term for the input element it copies; a zero-padded tap adds an exact zero and no term).
/// Computed in float32 with each product rounded once or fused, and the sum formed in any order (a chain,
/// a tree, partial sums, with or without FMA), the result differs from the exact value by at most
/// γ_m·Σ|terms|, γ_m = m·u / (1 − m·u), u = 2^-24 (Higham, "Accuracy and Stability of Numerical
/// Algorithms", §3.1, eq. 3.5 and its tree-summation form). Two such implementations therefore agree within
/// 2·γ_m·Σ|terms| — this is the tolerance, per element. It does not cover fast algorithms such as Winograd
/// or FFT by proof; ConvGen's Winograd plan (README: forward and, with zero padding, input gradient) takes the sweep's
/// six "winograd" cases, which pass at this same bound (its rounding measured there is 0.5–1.7 % of it), and is checked
/// against the one-sided bound on random data in ConvGen.Tests. tests/vectors/conv2d_sweep.py checks that PyTorch's float32 results satisfy the one-sided
/// bound against float64 before writing the data.
/// </para>
/// <para>
/// Σ|terms| and m are computed independently of the code under test with <see cref="ReferenceConv2d"/>: the
/// same convolution on |input|, |weight|, |bias|, |outputGrad| (all terms then positive, so the sum is
/// Σ|terms|), and on all-ones tensors (each term is 1, so the result is the count m). The reference
/// accumulates in double; its final rounding of Σ|terms| to float (forward) costs ≤ u relative, covered by a
/// factor (1 + 2u). A floor of 1e-37 only admits ±0 against a sum whose terms are all zero.
/// </para>
/// </remarks>
internal sealed class Float32Bound
{
    private const double U = 1.0 / (1 << 24);
    private const double Floor = 1e-37;

    /// <summary>γ_m = m·u / (1 − m·u).</summary>
    public static double Gamma(double m) => m <= 0 ? 0 : m * U / (1 - m * U);

    public double[] Output { get; }
    public double[] InputGrad { get; }
    public double[] WeightGrad { get; }
    public double[] BiasGrad { get; }

    public Float32Bound(SweepCase c)
    {
        var s = c.Spec;
        int outLength = c.Output.Length;

        var sumY = new float[outLength];
        ReferenceConv2d.Forward(s, Abs(c.Input), Abs(c.Weight), Abs(c.Bias), sumY, c.Batch, c.Height, c.Width);
        var countY = new float[outLength];
        ReferenceConv2d.Forward(s, Ones(c.Input.Length), Ones(c.Weight.Length), Ones(c.Bias.Length), countY, c.Batch, c.Height, c.Width);
        Output = Tolerances(sumY.Select(v => v * (1 + 2 * U)).ToArray(), countY.Select(v => (double)v).ToArray());

        var (sumW, sumB, sumX) = ReferenceConv2d.Backward(s, Abs(c.Input), Abs(c.Weight), Abs(c.OutputGrad), c.Batch, c.Height, c.Width);
        var (countW, countB, countX) = ReferenceConv2d.Backward(s, Ones(c.Input.Length), Ones(c.Weight.Length), Ones(outLength), c.Batch, c.Height, c.Width);
        InputGrad = Tolerances(sumX, countX);
        WeightGrad = Tolerances(sumW, countW);
        BiasGrad = Tolerances(sumB, countB);
    }

    /// <summary>2·γ_m·Σ|terms| per element (plus the floor).</summary>
    private static double[] Tolerances(IReadOnlyList<double> sums, IReadOnlyList<double> counts)
    {
        var tol = new double[sums.Count];
        for (int i = 0; i < tol.Length; i++)
            tol[i] = 2 * Gamma(counts[i]) * sums[i] + Floor;
        return tol;
    }

    private static float[] Abs(float[] values) => [.. values.Select(MathF.Abs)];
    private static float[] Ones(int length) => Enumerable.Repeat(1f, length).ToArray();
}
