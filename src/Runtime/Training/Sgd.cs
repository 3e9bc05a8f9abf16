namespace ConvGen.Training;

/// <summary>Plain gradient descent, as in the chapter: <c>w -= lr · grad</c>.</summary>
/// <param name="learningRate">The step size (the chapter uses 0.03).</param>
public sealed class Sgd(float learningRate) : IOptimizer
{
    /// <summary>The step size.</summary>
    public float LearningRate { get; } = learningRate > 0 && float.IsFinite(learningRate)
        ? learningRate
        : throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be a positive finite number.");

    /// <inheritdoc />
    public void Step(IConvLayer layer)
    {
        Update(layer.Weight, layer.WeightGrad);
        Update(layer.Bias, layer.BiasGrad);
    }

    private void Update(Span<float> value, ReadOnlySpan<float> grad)
    {
        // lr · grad is rounded to float before the subtraction, exactly as PyTorch's `w -= lr * w.grad`.
        for (int i = 0; i < value.Length; i++)
            value[i] -= LearningRate * grad[i];
    }
}
