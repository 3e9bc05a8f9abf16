namespace ConvGen.Tests.Chapter;

/// <summary>
/// How far two float32 implementations of one epoch of the chapter's loop may disagree, derived from
/// float32 rounding (unit roundoff u = 2^-24, γ_n = n·u / (1 − n·u), Higham, "Accuracy and Stability
/// of Numerical Algorithms", §3.1).
/// </summary>
/// <remarks>
/// <para>
/// Write one epoch from weights w in exact arithmetic, for the 42 patches p_i of X (p_i ∈ {0,1}², the
/// two inputs under the kernel) and targets y_i:
///   ŷ_i = w·p_i,   d_i = ŷ_i − y_i,   L(w) = Σ d_i²,   G_k(w) = Σ 2·d_i·p_ik,   F_k(w) = w_k − λ·G_k
/// with λ = 0.03. <see cref="Loss"/> and <see cref="Step"/> evaluate these in double (error ~1e-16 relative:
/// negligible next to float32's 6e-8).
/// </para>
/// <para>
/// A float32 implementation (PyTorch, or ConvGen's generated layer + SquaredLoss + Sgd) rounds at each
/// operation, in an order of its choosing. From the same w it can differ from the exact values by at most:
/// <list type="bullet">
/// <item>ŷ_i: a 2-term dot product, |ŷ̂_i − ŷ_i| ≤ a_i = γ_2·Σ_k |w_k·p_ik| (any order, with or without FMA);
///   d̂_i = fl(ŷ̂_i − y_i): |d̂_i − d_i| ≤ e_i = a_i + u·(|d_i| + a_i).</item>
/// <item>G_k: terms t̂_i = 2·d̂_i·p_ik (2· is exact; the product with p rounds, ≤ u·|t̂_i|), summed in any order over
///   the n_k terms with p_ik ≠ 0 (adding a zero is exact): |Ĝ_k − G_k| ≤ σ_k =
///   Σ 2·p_ik·e_i·(1+u) + u·Σ|t_i| + γ_{n_k−1}·Σ(|t_i| + 2·p_ik·e_i)·(1+u).</item>
/// <item>the update ŵ' = fl(w − fl(λ_f·Ĝ)) with λ_f = fl32(0.03), |λ_f − λ| ≤ u·λ:
///   |ŵ'_k − F_k| ≤ δ_k = (1+u)·λ·((1+u)²·σ_k + (2u + u²)·|G_k|) + u·|F_k|.</item>
/// <item>the loss L̂ = Σ fl(d̂_i²) summed in any order over the n_L possibly non-zero terms:
///   |fl(d̂_i²) − d_i²| ≤ q_i = e_i·(2|d_i| + e_i) + u·(|d_i| + e_i)², so
///   |L̂ − L| ≤ r = Σ q_i + γ_{n_L−1}·Σ(d_i² + q_i).</item>
/// </list>
/// </para>
/// <para>
/// Two implementations A (PyTorch) and B (ConvGen) at epoch t start from their own previous weights w_A, w_B
/// (equal at epoch 1). By the triangle inequality:
///   |ŵ'_B − ŵ'_A| ≤ |F(w_B) − F(w_A)| + δ(w_A) + δ(w_B)   and   |L̂_B − L̂_A| ≤ |L(w_B) − L(w_A)| + r(w_A) + r(w_B).
/// The first term is the exact consequence of where each run stands (F is a contraction here, so it
/// shrinks); the others are the rounding this epoch adds. This checks every epoch at the precision of
/// that epoch instead of compounding worst cases over ten epochs, and it is zero-slack at epoch 1.
/// </para>
/// </remarks>
internal sealed class ChapterStepBound
{
    private const double U = 1.0 / (1 << 24);
    /// <summary>Slack for evaluating the exact quantities in double: far above double's error, far below float32's.</summary>
    private const double DoubleSlack = 1e-13;

    private readonly double[][] _patches; // [i] = (x_left, x_right)
    private readonly double[] _targets;
    private readonly double _lr;

    public ChapterStepBound(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int height, int width, double learningRate)
    {
        int ow = width - 1;
        _patches = new double[height * ow][];
        _targets = new double[height * ow];
        for (int r = 0; r < height; r++)
            for (int j = 0; j < ow; j++)
            {
                _patches[r * ow + j] = [input[r * width + j], input[r * width + j + 1]];
                _targets[r * ow + j] = target[r * ow + j];
            }
        _lr = learningRate;
    }

    /// <summary>γ_n = n·u / (1 − n·u); 0 for n ≤ 0.</summary>
    public static double Gamma(int n) => n <= 0 ? 0 : n * U / (1 - n * U);

    /// <summary>The exact loss L(w) = Σ (w·p_i − y_i)².</summary>
    public double Loss(ReadOnlySpan<float> w)
    {
        double sum = 0;
        for (int i = 0; i < _patches.Length; i++)
        {
            double d = Dot(w, _patches[i]) - _targets[i];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>The exact update F(w) = w − λ·∇L(w).</summary>
    public double[] Step(ReadOnlySpan<float> w)
    {
        var f = new double[2];
        for (int k = 0; k < 2; k++)
        {
            double g = 0;
            for (int i = 0; i < _patches.Length; i++)
                g += 2 * (Dot(w, _patches[i]) - _targets[i]) * _patches[i][k];
            f[k] = w[k] - _lr * g;
        }
        return f;
    }

    /// <summary>δ_k(w): how far a float32 epoch's updated weight k may be from F_k(w).</summary>
    public double StepRounding(ReadOnlySpan<float> w, int k)
    {
        double sumT = 0, sumPe = 0, g = 0;
        int n = 0;
        for (int i = 0; i < _patches.Length; i++)
        {
            double p = _patches[i][k];
            if (p == 0) continue;
            n++;
            double d = Dot(w, _patches[i]) - _targets[i];
            double t = 2 * d * p;
            g += t;
            sumT += Math.Abs(t);
            sumPe += 2 * Math.Abs(p) * DiffError(w, i, d);
        }
        double sigma = sumPe * (1 + U) + U * sumT + Gamma(n - 1) * (sumT + sumPe) * (1 + U);
        double f = w[k] - _lr * g;
        return (1 + U) * _lr * ((1 + U) * (1 + U) * sigma + (2 * U + U * U) * Math.Abs(g)) + U * Math.Abs(f);
    }

    /// <summary>r(w): how far a float32 evaluation of the loss may be from L(w).</summary>
    public double LossRounding(ReadOnlySpan<float> w)
    {
        double sumQ = 0, sumD2 = 0;
        int n = 0;
        for (int i = 0; i < _patches.Length; i++)
        {
            double d = Dot(w, _patches[i]) - _targets[i];
            double e = DiffError(w, i, d);
            if (Math.Abs(d) + e == 0) continue; // d̂_i is exactly zero: its square adds nothing
            n++;
            double ad = Math.Abs(d);
            sumQ += e * (2 * ad + e) + U * (ad + e) * (ad + e);
            sumD2 += d * d;
        }
        return sumQ + Gamma(n - 1) * (sumD2 + sumQ);
    }

    /// <summary>Bound on |L̂_B − L̂_A| for runs standing at <paramref name="wA"/> and <paramref name="wB"/>.</summary>
    public double LossTolerance(ReadOnlySpan<float> wA, ReadOnlySpan<float> wB)
    {
        double la = Loss(wA), lb = Loss(wB);
        return Math.Abs(lb - la) + LossRounding(wA) + LossRounding(wB) + DoubleSlack * (1 + la + lb);
    }

    /// <summary>Bound on |ŵ'_B,k − ŵ'_A,k| for runs standing at <paramref name="wA"/> and <paramref name="wB"/>.</summary>
    public double WeightTolerance(ReadOnlySpan<float> wA, ReadOnlySpan<float> wB, int k)
    {
        double fa = Step(wA)[k], fb = Step(wB)[k];
        return Math.Abs(fb - fa) + StepRounding(wA, k) + StepRounding(wB, k) + DoubleSlack * (1 + Math.Abs(fa) + Math.Abs(fb));
    }

    // e_i: bound on |d̂_i − d_i| (the forward's 2-term dot product, then the subtraction of y_i).
    private double DiffError(ReadOnlySpan<float> w, int i, double d)
    {
        double a = Gamma(2) * (Math.Abs(w[0] * _patches[i][0]) + Math.Abs(w[1] * _patches[i][1]));
        return a + U * (Math.Abs(d) + a);
    }

    private static double Dot(ReadOnlySpan<float> w, double[] p) => w[0] * p[0] + w[1] * p[1];
}
