namespace FilterBank;

/// <summary>The filters the model must learn, as PyTorch weights <c>[3, 1, 3, 3]</c> (cross-correlation, like Conv2d).</summary>
internal static class Filters
{
    public static readonly string[] Names = ["Sobel x", "Sobel y", "blur"];

    public static readonly float[][] Kernels =
    [
        [-1, 0, 1,
         -2, 0, 2,
         -1, 0, 1],
        [-1, -2, -1,
          0,  0,  0,
          1,  2,  1],
        [1 / 16f, 2 / 16f, 1 / 16f,
         2 / 16f, 4 / 16f, 2 / 16f,
         1 / 16f, 2 / 16f, 1 / 16f],
    ];

    /// <summary>Copies the three kernels into a <c>[3, 1, 3, 3]</c> weight span.</summary>
    public static void CopyTo(Span<float> weight)
    {
        for (int f = 0; f < Kernels.Length; f++)
            Kernels[f].CopyTo(weight[(f * 9)..]);
    }
}
