namespace ConvGen.Tests.Support;

/// <summary>Runs a layer on a forced path and returns fresh results.</summary>
public static class Run
{
    public static readonly ConvPath[] Paths = [ConvPath.Vector512, ConvPath.Vector256, ConvPath.Vector128, ConvPath.Scalar];

    public static float[] Forward(IConvLayer layer, ConvPath path, float[] input, int batch, int h, int w)
    {
        ((IPathSelectable)layer).ExecutionPath = path;
        var output = new float[batch * layer.OutChannels * layer.OutputHeight(h) * layer.OutputWidth(w)];
        layer.Forward(input, output, batch, h, w);
        return output;
    }

    /// <summary>Zeroes the gradients, runs Backward once, and returns copies of (dW, dB, dX).</summary>
    public static (float[] Dw, float[] Db, float[] Dx) Backward(IConvLayer layer, ConvPath path, float[] input, float[] outputGrad, int batch, int h, int w)
    {
        ((IPathSelectable)layer).ExecutionPath = path;
        layer.ZeroGrad();
        var dx = new float[input.Length];
        layer.Backward(input, outputGrad, dx, batch, h, w);
        return (layer.WeightGrad.ToArray(), layer.BiasGrad.ToArray(), dx);
    }

    public static int OutputLength(IConvLayer layer, int batch, int h, int w) =>
        batch * layer.OutChannels * layer.OutputHeight(h) * layer.OutputWidth(w);
}
