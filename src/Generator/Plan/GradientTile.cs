namespace ConvGen.Generator.Plan;

/// <summary>
/// The weight gradient's register tile: <see cref="Planes"/> output channels × <see cref="Taps"/> kernel
/// taps accumulated together, so each loaded output-gradient block feeds <see cref="Taps"/> fused
/// multiply-adds and each loaded input block feeds <see cref="Planes"/>.
/// </summary>
internal readonly record struct GradientTile(int Planes, int Taps)
{
    /// <summary>
    /// Up to 4 output channels, and as many taps as fit in 16 registers with the loaded blocks
    /// (Planes · Taps accumulators + Planes gradient blocks + 1 input block).
    /// </summary>
    public static GradientTile Choose(int planesPerGroup, int taps)
    {
        int planes = System.Math.Min(planesPerGroup, 4);
        int perTile = System.Math.Max(1, (16 - planes - 1) / planes);
        return new GradientTile(planes, System.Math.Min(perTile, taps));
    }
}
