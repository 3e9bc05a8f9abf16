namespace ConvGen.Training;

/// <summary>
/// PyTorch's <c>nn.HuberLoss</c>: <c>0.5·d²</c> where <c>|d| &lt; delta</c>, else <c>delta·(|d| − 0.5·delta)</c>,
/// mean by default.
/// </summary>
public sealed class HuberLoss : ElementwiseLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; must be positive (default 1).</param>
    public HuberLoss(Reduction reduction = Reduction.Mean, float delta = 1f) : base(reduction) =>
        Delta = delta > 0 && float.IsFinite(delta) ? delta
            : throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be a positive finite number.");

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public float Delta { get; }

    /// <inheritdoc />
    protected override float Value(float d)
    {
        float z = MathF.Abs(d);
        return z < Delta ? 0.5f * z * z : Delta * (z - 0.5f * Delta);
    }

    /// <inheritdoc />
    protected override float Derivative(float d) => d < -Delta ? -Delta : d > Delta ? Delta : d;
}
