namespace ConvGen.Generator.Plan;

/// <summary>
/// A register tile: <see cref="Planes"/> output planes × <see cref="Vectors"/> column vectors computed
/// together, so each loaded input vector feeds <see cref="Planes"/> fused multiply-adds and each
/// broadcast weight feeds <see cref="Vectors"/>. A single-plane tile may also span
/// <see cref="Rows"/> output rows (<see cref="RowVectors"/> vectors each): neighbouring output rows read
/// the same input rows, so each input vector loaded once feeds every row of the tile that reads it.
/// <para>
/// With <see cref="HeldWeights"/>, a row step of a layer that sums one channel per output plane broadcasts its weights
/// once into registers and loops over the columns itself (see <see cref="HoldingWeights"/>).
/// </para>
/// </summary>
internal readonly record struct Tile(int Planes, int Vectors, int Rows = 1, int RowVectors = 0, bool HeldWeights = false)
{
    /// <summary>Accumulators a tile keeps live; at most 12 leave room for the loaded operands in 16 registers.</summary>
    public const int MaxAccumulators = 12;

    /// <summary>Unrolled fused multiply-adds per step at most, so the JIT still optimises the method fully.</summary>
    public const int MaxUnrolled = 600;

    /// <summary>
    /// Up to 4 planes (so the kernel reads each input vector once for 4 outputs) and as many vectors as
    /// keep 12 accumulators live — 8 chains at least, to cover the FMA latency (4 cycles × 2 ports).
    /// </summary>
    public static Tile Choose(int planesPerGroup, int taps) => Choose(planesPerGroup, taps, 0);

    /// <summary>
    /// As <see cref="Choose(int, int)"/>; a single-plane tile also takes 2 output rows × 6 vectors
    /// (12 accumulators, the 2 row weights and 1 input vector: 15 registers) when output rows share
    /// input rows: <paramref name="sharedRowsKernelHeight"/> is the kernel height when the rows are
    /// read with stride 1 and no dilation, else 0. A 3x3 kernel then loads 72 vectors and broadcasts 18
    /// weights per 108 FMAs instead of 81 loads per 72: unaligned loads that split cache lines, not FMAs,
    /// limit a single-channel layer.
    /// </summary>
    /// <param name="planesPerGroup">Output planes per group.</param>
    /// <param name="taps">Kernel taps (unrolled per step).</param>
    /// <param name="sharedRowsKernelHeight">The kernel height when output rows share input rows, else 0.</param>
    /// <param name="maxRowVectors">At most this many vectors per row in a row step (a row as wide as the step, so one step covers it).</param>
    public static Tile Choose(int planesPerGroup, int taps, int sharedRowsKernelHeight, int maxRowVectors = MaxAccumulators / 2)
    {
        var tile = ChoosePlanes(planesPerGroup, taps);
        if (tile.Planes != 1 || sharedRowsKernelHeight < 2) return tile;
        const int rows = 2;
        int rowVectors = System.Math.Min(MaxAccumulators / rows, maxRowVectors);
        while (rowVectors > 2 && taps * rows * rowVectors > MaxUnrolled)
            rowVectors--;
        if (taps * rows * rowVectors > MaxUnrolled) return tile;
        // The rest of each row (and a last row without a partner) takes single-row tiles of the largest power
        // of two below the row tile: the wider single-row tile would never fit in what the row tiles leave.
        int single = 1;
        while (single * 2 < rowVectors) single *= 2;
        return new Tile(1, single, rows, rowVectors);
    }

    /// <summary>
    /// This tile with its row step holding the weights in registers, where they fit: a 2-row tile of a layer that sums
    /// one channel per output plane, with as many vectors per row as leave room for every weight and the input vector in
    /// 16 registers (a 3x3 kernel: 2 rows x 3 vectors, 6 accumulators + 9 weights + 1), and at least 3. The 2 x 6 step
    /// broadcast 18 weights from memory per 108 FMAs and loaded 72 input vectors; holding the weights, 2 x 3 loads 36
    /// per 54 FMAs and nothing else. Measured (Stopwatch harness, 150 interleaved rounds, same bits): S3's forward pass
    /// 14–15 % faster, S7's 2–6 %, their backward passes (whose input gradients hold them too) 3–9 %. Otherwise the
    /// tile as it is.
    /// </summary>
    /// <param name="taps">Kernel taps: the weights to hold.</param>
    /// <param name="summedChannels">Source channels summed into each output plane; weights are held only for one.</param>
    public Tile HoldingWeights(int taps, int summedChannels)
    {
        const int registers = 16;
        if (Planes != 1 || Rows != 2 || summedChannels != 1) return this;
        int rowVectors = System.Math.Min(RowVectors, (registers - 1 - taps) / Rows);
        if (rowVectors < 3) return this;
        // The single-row tiles stay as they were: a row without a partner (an odd last row, a band) still takes 4 vectors.
        return this with { RowVectors = rowVectors, HeldWeights = true };
    }

    private static Tile ChoosePlanes(int planesPerGroup, int taps)
    {
        int planes = System.Math.Min(planesPerGroup, 4);
        int vectors = planes == 1 ? 8 : MaxAccumulators / planes;
        while (vectors > 1 && taps * planes * vectors > MaxUnrolled)
            vectors--;
        return new Tile(planes, vectors);
    }
}
