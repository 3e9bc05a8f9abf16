namespace ConvGen.Training;

/// <summary>
/// AdamW with PyTorch's <c>torch.optim.AdamW</c> update rule and defaults (lr 1e-3, betas (0.9, 0.999),
/// eps 1e-8, weight decay 1e-2, amsgrad off): the weights first shrink by <c>w = w · (1 − lr · weight_decay)</c>
/// (decoupled weight decay), then take the Adam step of <see cref="AdamUpdate"/> without an L2 term.
/// </summary>
public sealed class AdamW : Optimizer
{
    private float[][] _m = [], _v = [], _vmax = [];

    /// <summary>An AdamW optimiser not yet bound to parameters (the trainer binds it to the model it trains).</summary>
    /// <param name="learningRate">Step size.</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="eps">Added to the denominator for stability.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
    /// <param name="maximize">Maximise the objective instead of minimising it.</param>
    public AdamW(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                 double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
    {
        LearningRate = NonNegative(learningRate, nameof(learningRate));
        Beta1 = AdamChecks.Beta(beta1, nameof(beta1));
        Beta2 = AdamChecks.Beta(beta2, nameof(beta2));
        Eps = NonNegative(eps, nameof(eps));
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
        Amsgrad = amsgrad;
        Maximize = maximize;
    }

    /// <summary>An AdamW optimiser over <paramref name="parameters"/>, like <c>torch.optim.AdamW(params, ...)</c>.</summary>
    public AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                 double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : this(learningRate, beta1, beta2, eps, weightDecay, amsgrad, maximize) => Bind(parameters);

    /// <summary>Step size.</summary>
    public double LearningRate { get; }
    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }
    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }
    /// <summary>Denominator term.</summary>
    public double Eps { get; }
    /// <summary>Decoupled weight decay.</summary>
    public double WeightDecay { get; }
    /// <summary>Whether AMSGrad is used.</summary>
    public bool Amsgrad { get; }
    /// <summary>Whether the objective is maximised.</summary>
    public bool Maximize { get; }

    /// <inheritdoc />
    protected override void AllocateState(int[] lengths) => AdamChecks.Allocate(lengths, Amsgrad, out _m, out _v, out _vmax);

    /// <inheritdoc />
    protected override void Update(int index, int step, Span<float> value, ReadOnlySpan<float> grad)
    {
        // param.mul_(1 - lr * weight_decay): the factor is computed in double, then rounded to float.
        float shrink = (float)(1 - LearningRate * WeightDecay);
        for (int i = 0; i < value.Length; i++)
            value[i] *= shrink;
        AdamUpdate.Apply(value, grad, _m[index], _v[index], _vmax[index], step,
                         LearningRate, Beta1, Beta2, Eps, l2: 0, Maximize);
    }
}
