namespace ConvGen.Conformance.Tests;

/// <summary>One forward and one backward pass of a generated layer on a case's tensors.</summary>
internal sealed class LayerRun
{
    public required float[] Output { get; init; }
    public required float[] InputGrad { get; init; }
    public required float[] WeightGrad { get; init; }
    public required float[] BiasGrad { get; init; }

    /// <summary>Creates the case's layer on <paramref name="path"/>, loads PyTorch's weight and bias, runs Forward and Backward.</summary>
    public static LayerRun Of(SweepCase c, ConvPath path) => Of(c, NewLayer(c, path));

    public static IConvLayer NewLayer(SweepCase c, ConvPath path)
    {
        var layer = SweepLayers.Create[c.Name](path);
        c.Weight.CopyTo(layer.Weight);
        c.Bias.CopyTo(layer.Bias);
        return layer;
    }

    public static LayerRun Of(SweepCase c, IConvLayer layer)
    {
        var output = new float[c.Output.Length];
        layer.Forward(c.Input, output, c.Batch, c.Height, c.Width);
        var inputGrad = new float[c.Input.Length];
        layer.ZeroGrad();
        layer.Backward(c.Input, c.OutputGrad, inputGrad, c.Batch, c.Height, c.Width);
        return new LayerRun { Output = output, InputGrad = inputGrad, WeightGrad = layer.WeightGrad.ToArray(), BiasGrad = layer.BiasGrad.ToArray() };
    }
}
