namespace FilterBank;

/// <summary>
/// Reads back the 3x3 filter a trained net implements for one output channel: the least-squares kernel (plus
/// offset) that best maps the zero-padded 3x3 input patches to the net's outputs. When the net has learned
/// the filter, this is the filter; the residual says how far from linear the net still is.
/// </summary>
internal static class KernelFit
{
    /// <summary>Fits one kernel per output channel over all pixels of all images.</summary>
    /// <returns>The kernels (<c>[channel][9]</c>, row-major) and each fit's root-mean-square residual.</returns>
    public static (float[][] Kernels, double[] Residuals) Fit(ReadOnlySpan<float> images, ReadOnlySpan<float> outputs, int count, int channels, int size)
    {
        var kernels = new float[channels][];
        var residuals = new double[channels];
        Span<double> patch = stackalloc double[10];
        for (int c = 0; c < channels; c++)
        {
            // Normal equations AᵀA·k = Aᵀy over rows [patch, 1].
            var ata = new double[10, 10];
            var aty = new double[10];
            for (int n = 0; n < count; n++)
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                    {
                        Patch(images.Slice(n * size * size, size * size), size, i, j, patch);
                        double y = outputs[((n * channels + c) * size + i) * size + j];
                        for (int a = 0; a < 10; a++)
                        {
                            aty[a] += patch[a] * y;
                            for (int b = 0; b < 10; b++)
                                ata[a, b] += patch[a] * patch[b];
                        }
                    }
            var k = Solve(ata, aty);
            kernels[c] = [.. k.Take(9).Select(v => (float)v)];
            double sum = 0;
            for (int n = 0; n < count; n++)
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                    {
                        Patch(images.Slice(n * size * size, size * size), size, i, j, patch);
                        double fit = 0;
                        for (int a = 0; a < 10; a++) fit += patch[a] * k[a];
                        double d = fit - outputs[((n * channels + c) * size + i) * size + j];
                        sum += d * d;
                    }
            residuals[c] = Math.Sqrt(sum / (count * size * size));
        }
        return (kernels, residuals);
    }

    private static void Patch(ReadOnlySpan<float> image, int size, int i, int j, Span<double> patch)
    {
        for (int u = 0; u < 3; u++)
            for (int v = 0; v < 3; v++)
            {
                int y = i + u - 1, x = j + v - 1;
                patch[u * 3 + v] = y >= 0 && y < size && x >= 0 && x < size ? image[y * size + x] : 0;
            }
        patch[9] = 1;
    }

    /// <summary>Gaussian elimination with partial pivoting (the system is 10x10 and well conditioned).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int c = col; c < n; c++) a[r, c] -= f * a[col, c];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
