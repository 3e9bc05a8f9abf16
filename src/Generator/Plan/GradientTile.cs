namespace ConvGen.Generator.Plan;

/// <summary>
/// The weight gradient's register tile: <see cref="Planes"/> output channels × <see cref="Taps"/> kernel
/// taps accumulated together, so each loaded output-gradient block feeds <see cref="Taps"/> fused
/// multiply-adds and each loaded input block feeds <see cref="Planes"/>.
/// </summary>
internal readonly record struct GradientTile(int Planes, int Taps)
{
    /// <summary>
    /// Up to 2 output channels, and as many taps as keep 14 registers live (Planes · Taps accumulators +
    /// Planes gradient blocks + 1 input block + the row tail's mask): 1 × 11 or 2 × 5. Measured on S5/S6
    /// (AMD Zen 3) against 4 × 2: at least 8 independent accumulator chains cover the FMA latency (4 cycles
    /// × 2 per cycle), where 4 × 2 has exactly 8 and its last chunk of a 3x3 kernel only 4; and each
    /// gradient block is reloaded for fewer chunks.
    /// </summary>
    public static GradientTile Choose(int planesPerGroup, int taps)
    {
        int planes = System.Math.Min(planesPerGroup, 2);
        int perTile = System.Math.Max(1, (12 - planes) / planes);
        return new GradientTile(planes, System.Math.Min(perTile, taps));
    }
}
