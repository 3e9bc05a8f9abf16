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
        var d = Dims.Of(s);
        for (int n = 0; n < batch; n++)
            for (int oc = 0; oc < d.Out; oc++)
            {
                int g = oc / d.OutPerGroup;
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double acc = s.HasBias ? bias[oc] : 0.0;
                        for (int ic = 0; ic < d.InPerGroup; ic++)
                            for (int u = 0; u < d.Kh; u++)
                                for (int v = 0; v < d.Kw; v++)
                                {
                                    int y = s.MapIndex(i * d.Sh + u * d.Dh - d.PadTop, height);
                                    int x = s.MapIndex(j * d.Sw + v * d.Dw - d.PadLeft, width);
                                    if (y < 0 || x < 0) continue;
                                    int c = g * d.InPerGroup + ic;
                                    acc += (double)input[((n * d.In + c) * height + y) * width + x]
                                         * weight[((oc * d.InPerGroup + ic) * d.Kh + u) * d.Kw + v];
                                }
                        output[((n * d.Out + oc) * oh + i) * ow + j] = (float)acc;
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
        var d = Dims.Of(s);
        for (int n = 0; n < batch; n++)
            for (int oc = 0; oc < d.Out; oc++)
            {
                int g = oc / d.OutPerGroup;
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double gy = outputGrad[((n * d.Out + oc) * oh + i) * ow + j];
                        if (s.HasBias) db[oc] += gy;
                        for (int ic = 0; ic < d.InPerGroup; ic++)
                            for (int u = 0; u < d.Kh; u++)
                                for (int v = 0; v < d.Kw; v++)
                                {
                                    int y = s.MapIndex(i * d.Sh + u * d.Dh - d.PadTop, height);
                                    int x = s.MapIndex(j * d.Sw + v * d.Dw - d.PadLeft, width);
                                    if (y < 0 || x < 0) continue;
                                    int xi = ((n * d.In + g * d.InPerGroup + ic) * height + y) * width + x;
                                    int wi = ((oc * d.InPerGroup + ic) * d.Kh + u) * d.Kw + v;
                                    dw[wi] += gy * input[xi];
                                    dx[xi] += gy * weight[wi];
                                }
                    }
            }
        return (dw, db, dx);
    }

    /// <summary>
    /// The spec's numbers, read once per call rather than per tap (<see cref="ConvSpec"/>'s per-group counts are computed
    /// properties, a division each). The arithmetic is unchanged.
    /// </summary>
    private readonly record struct Dims(int In, int Out, int InPerGroup, int OutPerGroup, int Kh, int Kw, int Sh, int Sw, int Dh, int Dw, int PadTop, int PadLeft)
    {
        public static Dims Of(ConvSpec s) => new(s.InChannels, s.OutChannels, s.InPerGroup, s.OutPerGroup, s.KernelHeight, s.KernelWidth,
                                                s.StrideHeight, s.StrideWidth, s.DilationHeight, s.DilationWidth, s.PadTop, s.PadLeft);
    }
}
