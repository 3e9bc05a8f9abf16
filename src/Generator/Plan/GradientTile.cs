namespace ConvGen.Generator.Plan;

/// <summary>
/// The weight gradient's register tile: <see cref="Planes"/> output channels × <see cref="Taps"/> kernel
/// taps accumulated together, so each loaded output-gradient block feeds <see cref="Taps"/> fused
/// multiply-adds and each loaded input block feeds <see cref="Planes"/>. With <see cref="Rows"/> 2, each
/// step takes the same columns of two gradient rows: rows i and i + 1 read input rows i + u and i + 1 + u,
/// so each input block loaded once feeds the taps of both (kernel rows u and u - 1).
/// </summary>
internal readonly record struct GradientTile(int Planes, int Taps, int Rows = 1)
{
    /// <summary>
    /// Up to 2 output channels, and as many taps as keep 14 registers live (Planes · Taps accumulators +
    /// Planes gradient blocks + 1 input block + the row tail's mask): 1 × 11 or 2 × 5. Measured on S5/S6
    /// (AMD Zen 3) against 4 × 2: at least 8 independent accumulator chains cover the FMA latency (4 cycles
    /// × 2 per cycle), where 4 × 2 has exactly 8 and its last chunk of a 3x3 kernel only 4; and each
    /// gradient block is reloaded for fewer chunks.
    /// <para>
    /// A single channel whose gradient rows share input rows (<paramref name="sharedRows"/>: stride 1 and
    /// dilation 1 along the height) takes two rows per step and up to 10 taps (10 accumulators + 2 gradient
    /// blocks + 1 input block + the mask). A 3x3 kernel then loads 14 blocks per 18 fused multiply-adds
    /// instead of 10 per 9: a single-channel weight gradient is limited by its unaligned loads, not its FMAs.
    /// </para>
    /// </summary>
    public static GradientTile Choose(int planesPerGroup, int taps, bool sharedRows = false)
    {
        int planes = System.Math.Min(planesPerGroup, 2);
        if (planes == 1 && sharedRows)
            return new GradientTile(1, System.Math.Min(taps, 10), Rows: 2);
        int perTile = System.Math.Max(1, (12 - planes) / planes);
        return new GradientTile(planes, System.Math.Min(perTile, taps));
    }
}
