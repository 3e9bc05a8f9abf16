using System.Globalization;
using System.Text;

namespace EdgeDetection;

/// <summary>Small helpers to move between 2-D arrays and flat NCHW spans, and to print them.</summary>
internal static class Matrix
{
    public static float[] Flatten(float[,] m)
    {
        var flat = new float[m.Length];
        int n = 0;
        foreach (var v in m) flat[n++] = v;
        return flat;
    }

    public static float[,] Transpose(float[,] m)
    {
        var t = new float[m.GetLength(1), m.GetLength(0)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                t[j, i] = m[i, j];
        return t;
    }

    /// <summary>Rows in brackets, like PyTorch prints a 2-D tensor.</summary>
    public static string Format(float[,] m)
    {
        var text = new StringBuilder();
        for (int i = 0; i < m.GetLength(0); i++)
        {
            text.Append(i == 0 ? "[[" : " [");
            for (int j = 0; j < m.GetLength(1); j++)
                text.Append(j == 0 ? "" : ", ").Append(Number(m[i, j], "F0").PadLeft(2));
            text.Append(i == m.GetLength(0) - 1 ? "]]" : "]\n");
        }
        return text.ToString();
    }

    /// <summary>A 1x2 kernel as <c>[[a, b]]</c> with four decimals.</summary>
    public static string FormatKernel(ReadOnlySpan<float> w) => $"[[{Number(w[0], "F4")}, {Number(w[1], "F4")}]]";

    // F0 prints -0 as "-0"; a picture of edges reads better without it.
    private static string Number(float v, string format) => (v == 0 ? 0f : v).ToString(format, CultureInfo.InvariantCulture);
}
