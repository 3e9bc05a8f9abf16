namespace ConvGen.Generator.Plan;

/// <summary>
/// A register tile: <see cref="Planes"/> output planes × <see cref="Vectors"/> column vectors computed
/// together, so each loaded input vector feeds <see cref="Planes"/> fused multiply-adds and each
/// broadcast weight feeds <see cref="Vectors"/>.
/// </summary>
internal readonly record struct Tile(int Planes, int Vectors)
{
    /// <summary>Accumulators a tile keeps live; at most 12 leave room for the loaded operands in 16 registers.</summary>
    public const int MaxAccumulators = 12;

    /// <summary>Unrolled fused multiply-adds per step at most, so the JIT still optimises the method fully.</summary>
    public const int MaxUnrolled = 600;

    /// <summary>
    /// Up to 4 planes (so the kernel reads each input vector once for 4 outputs) and as many vectors as
    /// keep 12 accumulators live — 8 chains at least, to cover the FMA latency (4 cycles × 2 ports).
    /// </summary>
    public static Tile Choose(int planesPerGroup, int taps)
    {
        int planes = System.Math.Min(planesPerGroup, 4);
        int vectors = planes == 1 ? 8 : MaxAccumulators / planes;
        while (vectors > 1 && taps * planes * vectors > MaxUnrolled)
            vectors--;
        return new Tile(planes, vectors);
    }
}
