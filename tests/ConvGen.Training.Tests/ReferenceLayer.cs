using ConvGen.Reference;

namespace ConvGen.Training.Tests;

/// <summary>
/// An <see cref="IConvLayer"/> over the plain reference convolution, so the training runtime can be
/// tested on multi-channel, padded layers independently of the generator.
/// </summary>
internal sealed class ReferenceLayer(ConvSpec spec) : IConvLayer
{
    private readonly float[] _weight = new float[spec.WeightLength];
    private readonly float[] _bias = new float[spec.HasBias ? spec.OutChannels : 0];
    private readonly float[] _weightGrad = new float[spec.WeightLength];
    private readonly float[] _biasGrad = new float[spec.HasBias ? spec.OutChannels : 0];

    public ConvSpec Spec => spec;
    public int InChannels => spec.InChannels;
    public int OutChannels => spec.OutChannels;
    public int Groups => spec.Groups;
    public int KernelHeight => spec.KernelHeight;
    public int KernelWidth => spec.KernelWidth;
    public Span<float> Weight => _weight;
    public Span<float> Bias => _bias;
    public Span<float> WeightGrad => _weightGrad;
    public Span<float> BiasGrad => _biasGrad;
    public int OutputHeight(int inputHeight) => spec.OutputHeight(inputHeight);
    public int OutputWidth(int inputWidth) => spec.OutputWidth(inputWidth);

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width)
    {
        Check(input.Length, batch, InChannels, height, width, "input");
        Check(output.Length, batch, OutChannels, OutputHeight(height), OutputWidth(width), "output");
        ReferenceConv2d.Forward(spec, input, _weight, _bias, output, batch, height, width);
    }

    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, int height, int width)
    {
        Check(input.Length, batch, InChannels, height, width, "input");
        Check(outputGrad.Length, batch, OutChannels, OutputHeight(height), OutputWidth(width), "outputGrad");
        if (!inputGrad.IsEmpty)
            Check(inputGrad.Length, batch, InChannels, height, width, "inputGrad");
        var (dw, db, dx) = ReferenceConv2d.Backward(spec, input, _weight, outputGrad, batch, height, width);
        for (int i = 0; i < dw.Length; i++) _weightGrad[i] += (float)dw[i];
        for (int i = 0; i < db.Length; i++) _biasGrad[i] += (float)db[i];
        for (int i = 0; i < inputGrad.Length; i++) inputGrad[i] = (float)dx[i];
    }

    public void ZeroGrad()
    {
        Array.Clear(_weightGrad);
        Array.Clear(_biasGrad);
    }

    private static void Check(int actual, int n, int c, int h, int w, string name)
    {
        if (actual != n * c * h * w)
            throw new ArgumentException($"{name} has {actual} elements; expected {n * c * h * w}.", name);
    }
}
