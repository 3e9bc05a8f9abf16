namespace ConvGen.Training;

/// <summary>
/// PyTorch's <c>nn.SmoothL1Loss</c>: <c>0.5·d²/beta</c> where <c>|d| &lt; beta</c>, else <c>|d| − 0.5·beta</c>,
/// mean by default. With <c>beta = 0</c> its value is the L1 loss, as in PyTorch.
/// </summary>
public sealed class SmoothL1Loss : ElementwiseLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="beta">Where the loss turns from quadratic to linear; at least 0 (default 1).</param>
    public SmoothL1Loss(Reduction reduction = Reduction.Mean, float beta = 1f) : base(reduction) =>
        Beta = beta >= 0 && float.IsFinite(beta) ? beta
            : throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be a finite number >= 0.");

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public float Beta { get; }

    /// <inheritdoc />
    protected override float Value(float d)
    {
        float z = MathF.Abs(d);
        return z < Beta ? 0.5f * z * z / Beta : z - 0.5f * Beta;
    }

    /// <inheritdoc />
    /// <remarks>
    /// PyTorch's backward kernel tests <c>d &lt;= −beta</c> first, then <c>d &gt;= beta</c>; the comparisons are
    /// kept as written, so with <c>beta = 0</c> a zero difference gets the gradient −1 exactly as in PyTorch
    /// (checked against 1.13.1).
    /// </remarks>
    protected override float Derivative(float d) => d <= -Beta ? -1f : d >= Beta ? 1f : d / Beta;
}
