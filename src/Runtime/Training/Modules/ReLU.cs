namespace ConvGen.Training;

/// <summary>The element-wise rectifier <c>max(x, 0)</c>, like <c>torch.nn.ReLU</c>; it has no parameters.</summary>
public sealed class ReLU : IModule
{
    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc />
    public TensorShape OutputShape(TensorShape input)
    {
        input.Validate(nameof(input));
        return input;
    }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, TensorShape shape)
    {
        Check(input.Length, output.Length, batch, shape, "output", optional: false);
        // `x < 0 ? 0 : x` keeps NaN as NaN, as PyTorch's relu does, so divergence stays visible.
        for (int i = 0; i < input.Length; i++)
            output[i] = input[i] < 0 ? 0f : input[i];
    }

    /// <inheritdoc />
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, TensorShape shape)
    {
        Check(input.Length, outputGrad.Length, batch, shape, "outputGrad", optional: false);
        ModuleGuard.OptionalLength(nameof(ReLU), nameof(inputGrad), inputGrad.Length, batch, shape);
        if (inputGrad.IsEmpty)
            return;
        // PyTorch's threshold_backward: the gradient passes where the output is positive (x > 0), else 0.
        for (int i = 0; i < input.Length; i++)
            inputGrad[i] = input[i] > 0 ? outputGrad[i] : 0f;
    }

    /// <inheritdoc />
    public void ZeroGrad() { }

    private static void Check(int input, int other, int batch, TensorShape shape, string otherName, bool optional)
    {
        ModuleGuard.Batch(nameof(ReLU), batch);
        shape.Validate(nameof(shape));
        ModuleGuard.Length(nameof(ReLU), nameof(input), input, batch, shape);
        if (!optional)
            ModuleGuard.Length(nameof(ReLU), otherName, other, batch, shape);
    }
}
