namespace ConvGen.Reference;

/// <summary>
/// The chapter's <c>corr2d</c>: a plain, readable 2-D cross-correlation. It is the oracle the tests
/// compare generated code against, so it stays obviously correct rather than fast.
/// </summary>
public static class Correlate
{
    /// <summary>
    /// Y[i, j] = sum over (a, b) of X[i + a, j + b] · K[a, b], for the output of size
    /// (X.rows − K.rows + 1) × (X.cols − K.cols + 1).
    /// </summary>
    /// <exception cref="ArgumentException">The kernel is empty or larger than the input.</exception>
    public static float[,] Correlate2D(float[,] x, float[,] k)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(k);
        int h = k.GetLength(0), w = k.GetLength(1);
        if (h < 1 || w < 1)
            throw new ArgumentException($"kernel must be at least 1x1; got {h}x{w}.", nameof(k));
        if (x.GetLength(0) < h || x.GetLength(1) < w)
            throw new ArgumentException($"input {x.GetLength(0)}x{x.GetLength(1)} is smaller than the kernel {h}x{w}.", nameof(x));
        var y = new float[x.GetLength(0) - h + 1, x.GetLength(1) - w + 1];
        for (int i = 0; i < y.GetLength(0); i++)
            for (int j = 0; j < y.GetLength(1); j++)
            {
                double sum = 0;
                for (int a = 0; a < h; a++)
                    for (int b = 0; b < w; b++)
                        sum += (double)x[i + a, j + b] * k[a, b];
                y[i, j] = (float)sum;
            }
        return y;
    }
}
