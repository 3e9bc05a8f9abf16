using ConvGen.Reference;

namespace ConvGen.Deployment.Tests;

/// <summary>
/// An <see cref="IConvLayer"/> over the plain reference convolution, so the serialization tests can
/// run on any Conv2d configuration, including ones the generator does not emit yet.
/// </summary>
internal sealed class ReferenceLayer(ConvSpec spec) : IConvLayer
{
    private readonly float[] _weight = new float[spec.WeightLength];
    private readonly float[] _bias = new float[spec.HasBias ? spec.OutChannels : 0];
    private readonly float[] _weightGrad = new float[spec.WeightLength];
    private readonly float[] _biasGrad = new float[spec.HasBias ? spec.OutChannels : 0];

    public ConvSpec Spec { get; } = spec;
    public int InChannels => Spec.InChannels;
    public int OutChannels => Spec.OutChannels;
    public int Groups => Spec.Groups;
    public int KernelHeight => Spec.KernelHeight;
    public int KernelWidth => Spec.KernelWidth;
    public Span<float> Weight => _weight;
    public Span<float> Bias => _bias;
    public Span<float> WeightGrad => _weightGrad;
    public Span<float> BiasGrad => _biasGrad;
    public int OutputHeight(int inputHeight) => Spec.OutputHeight(inputHeight);
    public int OutputWidth(int inputWidth) => Spec.OutputWidth(inputWidth);

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width) =>
        ReferenceConv2d.Forward(Spec, input, _weight, _bias, output, batch, height, width);

    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, int height, int width)
    {
        var (dw, db, dx) = ReferenceConv2d.Backward(Spec, input, _weight, outputGrad, batch, height, width);
        for (int i = 0; i < dw.Length; i++) _weightGrad[i] += (float)dw[i];
        for (int i = 0; i < db.Length; i++) _biasGrad[i] += (float)db[i];
        for (int i = 0; i < inputGrad.Length; i++) inputGrad[i] = (float)dx[i];
    }

    public void ZeroGrad()
    {
        Array.Clear(_weightGrad);
        Array.Clear(_biasGrad);
    }

    /// <summary>Fills weights and bias with distinct, recognisable values (so "unchanged" is checkable).</summary>
    public ReferenceLayer FillWith(float start)
    {
        for (int i = 0; i < _weight.Length; i++) _weight[i] = start + i;
        for (int i = 0; i < _bias.Length; i++) _bias[i] = -start - i;
        return this;
    }
}
