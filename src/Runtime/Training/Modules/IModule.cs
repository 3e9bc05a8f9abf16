namespace ConvGen.Training;

/// <summary>
/// A differentiable step of a model over NCHW float32 tensors in flat spans, like a <c>torch.nn.Module</c>
/// whose backward pass is written out: <see cref="Backward"/> turns the gradient of its output into the
/// gradient of its input and adds its parameters' gradients.
/// </summary>
public interface IModule
{
    /// <summary>The module's own trainable parameters (named as in a PyTorch <c>state_dict</c>).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The per-sample output shape for a per-sample input shape.</summary>
    /// <exception cref="ArgumentException">The module cannot take that input.</exception>
    TensorShape OutputShape(TensorShape input);

    /// <summary>Computes the output; <paramref name="output"/> is overwritten.</summary>
    /// <param name="input"><c>batch × input.Length</c> elements.</param>
    /// <param name="output"><c>batch × OutputShape(input).Length</c> elements.</param>
    /// <param name="batch">Batch size, at least 1.</param>
    /// <param name="shape">Per-sample input shape.</param>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, TensorShape shape);

    /// <summary>
    /// Back-propagates <paramref name="outputGrad"/> for the input of the latest <see cref="Forward"/>: adds the
    /// parameters' gradients into their <see cref="Parameter.Grad"/> and overwrites <paramref name="inputGrad"/>
    /// with dL/dinput (pass an empty span to skip it).
    /// </summary>
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, TensorShape shape);

    /// <summary>Sets the gradients of <see cref="Parameters"/> to zero.</summary>
    void ZeroGrad();
}
