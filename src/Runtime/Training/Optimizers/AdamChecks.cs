namespace ConvGen.Training;

/// <summary>Argument checks and state allocation shared by <see cref="Adam"/> and <see cref="AdamW"/>.</summary>
internal static class AdamChecks
{
    public static double Beta(double beta, string name) =>
        beta >= 0 && beta < 1 ? beta
            : throw new ArgumentOutOfRangeException(name, beta, $"{name} must be in [0, 1).");

    public static void Allocate(int[] lengths, bool amsgrad, out float[][] m, out float[][] v, out float[][] vmax)
    {
        m = new float[lengths.Length][];
        v = new float[lengths.Length][];
        vmax = new float[lengths.Length][];
        for (int i = 0; i < lengths.Length; i++)
        {
            m[i] = new float[lengths[i]];
            v[i] = new float[lengths[i]];
            vmax[i] = amsgrad ? new float[lengths[i]] : [];
        }
    }
}
