namespace ConvGen.Reference;

/// <summary>
/// A plain loop-per-element <c>Conv2d</c>, forward and backward, for any <see cref="ConvSpec"/>.
/// Accumulates in double so that it is a sharper oracle than the float code it checks.
/// </summary>
public static class ReferenceConv2d
{
    /// <summary>Forward pass: overwrites <paramref name="output"/>.</summary>
    public static void Forward(ConvSpec s, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
                               Span<float> output, int batch, int height, int width)
    {
        int oh = s.OutputHeight(height), ow = s.OutputWidth(width);
        for (int n = 0; n < batch; n++)
            for (int oc = 0; oc < s.OutChannels; oc++)
            {
                int g = oc / s.OutPerGroup;
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double acc = s.HasBias ? bias[oc] : 0.0;
                        for (int ic = 0; ic < s.InPerGroup; ic++)
                            for (int u = 0; u < s.KernelHeight; u++)
                                for (int v = 0; v < s.KernelWidth; v++)
                                {
                                    int y = s.MapIndex(i * s.StrideHeight + u * s.DilationHeight - s.PadTop, height);
                                    int x = s.MapIndex(j * s.StrideWidth + v * s.DilationWidth - s.PadLeft, width);
                                    if (y < 0 || x < 0) continue;
                                    int c = g * s.InPerGroup + ic;
                                    acc += (double)input[((n * s.InChannels + c) * height + y) * width + x]
                                         * weight[((oc * s.InPerGroup + ic) * s.KernelHeight + u) * s.KernelWidth + v];
                                }
                        output[((n * s.OutChannels + oc) * oh + i) * ow + j] = (float)acc;
                    }
            }
    }

    /// <summary>
    /// Backward pass: returns dL/dweight, dL/dbias and dL/dinput for the upstream gradient
    /// <paramref name="outputGrad"/> (nothing is accumulated; the caller decides).
    /// </summary>
    public static (double[] WeightGrad, double[] BiasGrad, double[] InputGrad) Backward(
        ConvSpec s, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> outputGrad,
        int batch, int height, int width)
    {
        int oh = s.OutputHeight(height), ow = s.OutputWidth(width);
        var dw = new double[s.WeightLength];
        var db = new double[s.HasBias ? s.OutChannels : 0];
        var dx = new double[batch * s.InChannels * height * width];
        for (int n = 0; n < batch; n++)
            for (int oc = 0; oc < s.OutChannels; oc++)
            {
                int g = oc / s.OutPerGroup;
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double gy = outputGrad[((n * s.OutChannels + oc) * oh + i) * ow + j];
                        if (s.HasBias) db[oc] += gy;
                        for (int ic = 0; ic < s.InPerGroup; ic++)
                            for (int u = 0; u < s.KernelHeight; u++)
                                for (int v = 0; v < s.KernelWidth; v++)
                                {
                                    int y = s.MapIndex(i * s.StrideHeight + u * s.DilationHeight - s.PadTop, height);
                                    int x = s.MapIndex(j * s.StrideWidth + v * s.DilationWidth - s.PadLeft, width);
                                    if (y < 0 || x < 0) continue;
                                    int xi = ((n * s.InChannels + g * s.InPerGroup + ic) * height + y) * width + x;
                                    int wi = ((oc * s.InPerGroup + ic) * s.KernelHeight + u) * s.KernelWidth + v;
                                    dw[wi] += gy * input[xi];
                                    dx[xi] += gy * weight[wi];
                                }
                    }
            }
        return (dw, db, dx);
    }
}
