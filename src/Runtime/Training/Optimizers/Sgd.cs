namespace ConvGen.Training;

/// <summary>
/// Stochastic gradient descent with PyTorch's <c>torch.optim.SGD</c> update rule (1.13 and 2.x alike):
/// <code>
/// g = grad (negated when maximize) + weight_decay · w
/// b = g on the first step, else momentum · b + (1 − dampening) · g     (when momentum ≠ 0)
/// g = g + momentum · b  if nesterov, else b                            (when momentum ≠ 0)
/// w = w − lr · g
/// </code>
/// With only a learning rate it is the chapter's plain <c>w -= lr · grad</c>.
/// </summary>
public sealed class Sgd : Optimizer
{
    private float[][] _momentum = [];

    /// <summary>An SGD optimiser not yet bound to parameters (the trainer binds it to the model it trains).</summary>
    /// <param name="learningRate">Step size (PyTorch 1.13 requires it; 2.x defaults to 1e-3).</param>
    /// <param name="momentum">Momentum factor (default 0).</param>
    /// <param name="dampening">Dampening for momentum (default 0).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient (default 0).</param>
    /// <param name="nesterov">Nesterov momentum; needs momentum &gt; 0 and dampening 0.</param>
    /// <param name="maximize">Maximise the objective instead of minimising it.</param>
    public Sgd(double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0,
               bool nesterov = false, bool maximize = false)
    {
        LearningRate = NonNegative(learningRate, nameof(learningRate));
        Momentum = NonNegative(momentum, nameof(momentum));
        Dampening = double.IsFinite(dampening) ? dampening
            : throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "dampening must be finite.");
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException($"Nesterov momentum requires a momentum > 0 and zero dampening; got momentum {momentum}, dampening {dampening}.", nameof(nesterov));
        Nesterov = nesterov;
        Maximize = maximize;
    }

    /// <summary>An SGD optimiser over <paramref name="parameters"/>, like <c>torch.optim.SGD(params, lr, ...)</c>.</summary>
    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0,
               double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : this(learningRate, momentum, dampening, weightDecay, nesterov, maximize) => Bind(parameters);

    /// <summary>Step size.</summary>
    public double LearningRate { get; }
    /// <summary>Momentum factor.</summary>
    public double Momentum { get; }
    /// <summary>Dampening for momentum.</summary>
    public double Dampening { get; }
    /// <summary>L2 penalty.</summary>
    public double WeightDecay { get; }
    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }
    /// <summary>Whether the objective is maximised.</summary>
    public bool Maximize { get; }

    /// <inheritdoc />
    protected override void AllocateState(int[] lengths)
    {
        _momentum = new float[lengths.Length][];
        for (int i = 0; i < lengths.Length; i++)
            _momentum[i] = Momentum != 0 ? new float[lengths[i]] : [];
    }

    /// <inheritdoc />
    protected override void Update(int index, int step, Span<float> value, ReadOnlySpan<float> grad)
    {
        // Python passes hyper-parameters as doubles and PyTorch casts each scalar (including 1 − dampening,
        // computed in double) to float when it meets a float tensor; the casts below do the same.
        float lr = (float)LearningRate, wd = (float)WeightDecay, m = (float)Momentum, keep = (float)(1 - Dampening);
        var buffer = _momentum[index].AsSpan();
        for (int i = 0; i < value.Length; i++)
        {
            float g = Maximize ? -grad[i] : grad[i];
            if (WeightDecay != 0)
                g += wd * value[i];
            if (Momentum != 0)
            {
                buffer[i] = step == 1 ? g : buffer[i] * m + keep * g;
                g = Nesterov ? g + m * buffer[i] : buffer[i];
            }
            // lr · g is rounded before the subtraction, exactly as the chapter's `w -= lr * w.grad`.
            value[i] -= lr * g;
        }
    }
}
