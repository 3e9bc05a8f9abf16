namespace ConvGen.Benchmarks;

/// <summary>
/// What a C# user writes first: the chapter's <c>corr2d</c> (<c>Y[i, j] = (X[i:i+h, j:j+w] * K).sum()</c>)
/// on flat arrays, extended with channels, groups and zero padding for S4–S7. Plain loops, sizes
/// known only at run time, a bounds test per tap for padding, no SIMD.
/// The output array is passed in (preallocated) so that only the loop is timed, like the other contenders.
/// </summary>
public static class NaiveConv
{
    /// <summary>Forward pass of <paramref name="s"/> on one image.</summary>
    public static void Forward(ConvShape s, float[] x, float[] w, float[]? b, float[] y)
    {
        int h = s.Height, wd = s.Width, kh = s.KernelHeight, kw = s.KernelWidth, pad = s.Padding;
        int oh = s.OutputHeight, ow = s.OutputWidth;
        int cinPerGroup = s.InChannels / s.Groups, coutPerGroup = s.OutChannels / s.Groups;
        for (int oc = 0; oc < s.OutChannels; oc++)
        {
            int firstIn = oc / coutPerGroup * cinPerGroup;
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    float sum = b is null ? 0f : b[oc];
                    for (int c = 0; c < cinPerGroup; c++)
                    {
                        for (int a = 0; a < kh; a++)
                        {
                            int row = i + a - pad;
                            if (row < 0 || row >= h) continue;
                            for (int k = 0; k < kw; k++)
                            {
                                int col = j + k - pad;
                                if (col < 0 || col >= wd) continue;
                                sum += x[((firstIn + c) * h + row) * wd + col] * w[((oc * cinPerGroup + c) * kh + a) * kw + k];
                            }
                        }
                    }
                    y[(oc * oh + i) * ow + j] = sum;
                }
            }
        }
    }
}
