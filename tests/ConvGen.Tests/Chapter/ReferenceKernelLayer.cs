using ConvGen.Reference;

namespace ConvGen.Tests.Chapter;

/// <summary>
/// The chapter's 1x2 bias-free layer as an <see cref="IConvLayer"/> over <see cref="ReferenceConv2d"/>
/// (double accumulation, one rounding to float per element). It lets the trajectory test check the
/// PyTorch data, the bound and the trainer independently of the generated code.
/// </summary>
internal sealed class ReferenceKernelLayer : IConvLayer
{
    private static readonly ConvSpec Spec = new(1, 2, HasBias: false);
    private readonly float[] _weight = new float[2];
    private readonly float[] _weightGrad = new float[2];

    public int InChannels => 1;
    public int OutChannels => 1;
    public int Groups => 1;
    public int KernelHeight => 1;
    public int KernelWidth => 2;
    public Span<float> Weight => _weight;
    public Span<float> Bias => Span<float>.Empty;
    public Span<float> WeightGrad => _weightGrad;
    public Span<float> BiasGrad => Span<float>.Empty;
    public int OutputHeight(int inputHeight) => Spec.OutputHeight(inputHeight);
    public int OutputWidth(int inputWidth) => Spec.OutputWidth(inputWidth);

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width) =>
        ReferenceConv2d.Forward(Spec, input, _weight, ReadOnlySpan<float>.Empty, output, batch, height, width);

    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, int height, int width)
    {
        var (dw, _, dx) = ReferenceConv2d.Backward(Spec, input, _weight, outputGrad, batch, height, width);
        for (int i = 0; i < dw.Length; i++)
            _weightGrad[i] += (float)dw[i];
        for (int i = 0; i < inputGrad.Length; i++)
            inputGrad[i] = (float)dx[i];
    }

    public void ZeroGrad() => _weightGrad.AsSpan().Clear();
}
