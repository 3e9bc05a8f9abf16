namespace ConvGen;

/// <summary>
/// A 2-D convolution layer over NCHW float32 tensors stored in flat spans (PyTorch's memory layout).
/// Every class declared with <see cref="ConvLayerAttribute"/> implements it.
/// </summary>
public interface IConvLayer
{
    /// <summary>Input channels.</summary>
    int InChannels { get; }
    /// <summary>Output channels.</summary>
    int OutChannels { get; }
    /// <summary>Channel groups.</summary>
    int Groups { get; }
    /// <summary>Kernel height.</summary>
    int KernelHeight { get; }
    /// <summary>Kernel width.</summary>
    int KernelWidth { get; }
    /// <summary>Weights, <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>.</summary>
    Span<float> Weight { get; }
    /// <summary>Bias, <c>[OutChannels]</c>; empty when the layer has no bias.</summary>
    Span<float> Bias { get; }
    /// <summary>Weight gradient, same shape as <see cref="Weight"/>; <see cref="Backward"/> adds into it.</summary>
    Span<float> WeightGrad { get; }
    /// <summary>Bias gradient, same shape as <see cref="Bias"/>; <see cref="Backward"/> adds into it.</summary>
    Span<float> BiasGrad { get; }
    /// <summary>Output height for an input of the given height (PyTorch's formula).</summary>
    int OutputHeight(int inputHeight);
    /// <summary>Output width for an input of the given width (PyTorch's formula).</summary>
    int OutputWidth(int inputWidth);
    /// <summary>Computes the layer's output. <paramref name="output"/> is overwritten, never accumulated into.</summary>
    /// <param name="input"><c>[batch, InChannels, height, width]</c>.</param>
    /// <param name="output"><c>[batch, OutChannels, OutputHeight(height), OutputWidth(width)]</c>.</param>
    /// <param name="batch">Batch size, at least 1.</param>
    /// <param name="height">Input height.</param>
    /// <param name="width">Input width.</param>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width);
    /// <summary>
    /// Back-propagates <paramref name="outputGrad"/>: adds dL/dweight and dL/dbias into
    /// <see cref="WeightGrad"/> and <see cref="BiasGrad"/>, and overwrites <paramref name="inputGrad"/>
    /// with dL/dinput (pass an empty span to skip it).
    /// </summary>
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad,
                  int batch, int height, int width);
    /// <summary>Sets <see cref="WeightGrad"/> and <see cref="BiasGrad"/> to zero.</summary>
    void ZeroGrad();
}
