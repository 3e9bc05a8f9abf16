using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>
/// The forward pass's register tile when it vectorises over output channels: <see cref="Pixels"/>
/// output pixels × <see cref="Blocks"/> blocks of <see cref="Lanes"/> output channels. Per tap the
/// kernel loads the tile's weight blocks once and broadcasts each pixel's input value once, then does
/// Pixels · Blocks fused multiply-adds.
/// </summary>
internal readonly record struct ChannelTile(int Pixels, int Blocks)
{
    /// <summary>Channels per block: one Vector256, two Vector128 or eight floats, on every path.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// Channels per block on the Vector512 path (one <c>Vector512</c>): a group whose output channels are a multiple of
    /// this gets forward steps over 16-channel blocks there, with the tile <see cref="Choose"/> gives one register a block.
    /// On S5 (16 channels) a hand-made 8 pixels × 16 channels step took 3.8 µs against 6.0 µs for the Vector256 path's
    /// 6 × 2 (Stopwatch, medians, AVX-512 Xeon), the same bits.
    /// </summary>
    public const int WideLanes = 16;

    /// <summary>At most this many pixels per tile: each keeps an input offset in a general-purpose register.</summary>
    public const int MaxPixels = 8;

    /// <summary>Output widths below this waste vector lanes or leave too few accumulators when vectorised over columns.</summary>
    public const int ShortRow = 16;

    /// <summary>
    /// The tiles when the forward pass should vectorise over output channels, else null. The rule: a
    /// group has a multiple of <see cref="Lanes"/> output channels, and its rows are short or strided —
    /// the input size is fixed and the output narrower than <see cref="ShortRow"/> columns (a column
    /// vector plan leaves lanes idle and has too few columns for a full register tile), or the stride
    /// along the width is not 1 (the column plan goes one lane at a time).
    /// </summary>
    public static ChannelTiles? For(LayerSpec s)
    {
        if (s.OutPerGroup % Lanes != 0)
            return null;
        bool strided = s.StrideWidth != 1;
        bool shortRows = s.IsFixedSize && s.OutputWidth(s.InputWidth) < ShortRow;
        if (!strided && !shortRows)
            return null;
        int pixels = s.IsFixedSize ? s.OutputHeight(s.InputHeight) * s.OutputWidth(s.InputWidth) : 0;
        int blocksPerGroup = s.OutPerGroup / Lanes;
        return new ChannelTiles(
            Choose(blocksPerGroup, s.Taps, pixels, registersPerBlock: 1),
            Choose(blocksPerGroup, s.Taps, pixels, registersPerBlock: 2),
            new ChannelTile(1, 1),
            s.OutPerGroup % WideLanes == 0 ? Choose(s.OutPerGroup / WideLanes, s.Taps, pixels, registersPerBlock: 1) : null);
    }

    /// <summary>
    /// Blocks: 3, 2 or 1, the largest dividing the group's blocks (so no channel tail). Pixels: as many as
    /// keep the accumulators, the tile's weight blocks and one broadcast within 16 vector registers (x64),
    /// with at most <see cref="Tile.MaxAccumulators"/> accumulator registers; capped at <see cref="MaxPixels"/>,
    /// at the output pixels of a fixed-size layer and by <see cref="Tile.MaxUnrolled"/>. One register a
    /// block (Vector256): 16 channels → 6 pixels x 2 blocks, 12 + 2 + 1 registers. Two (Vector128): 2 x 2, 8 + 4 + 1.
    /// </summary>
    /// <param name="blocksPerGroup">Output channels per group / <see cref="Lanes"/>.</param>
    /// <param name="taps">Kernel taps (unrolled per step).</param>
    /// <param name="pixels">Output pixels per channel when fixed, 0 when given at run time.</param>
    /// <param name="registersPerBlock">Vector registers one block of 8 channels takes.</param>
    public static ChannelTile Choose(int blocksPerGroup, int taps, int pixels, int registersPerBlock)
    {
        int blocks = blocksPerGroup % 3 == 0 ? 3 : blocksPerGroup % 2 == 0 ? 2 : 1;
        int perPixel = blocks * registersPerBlock;
        int p = System.Math.Min(Tile.MaxAccumulators / perPixel, (15 - perPixel) / perPixel);
        p = System.Math.Max(1, System.Math.Min(MaxPixels, p));
        if (pixels > 0)
            p = System.Math.Min(p, pixels);
        while (p > 1 && taps * p * blocks > Tile.MaxUnrolled)
            p--;
        return new ChannelTile(p, blocks);
    }
}

/// <summary>
/// The channel-vectorised forward pass's register tiles per path: a block of 8 channels is one register on
/// Vector256, two on Vector128 and eight floats on the scalar path, so each gets its own tile. Tiles only
/// group independent output elements, so they never change the bits.
/// </summary>
/// <param name="Vector512">The tile of 16-channel blocks for the Vector512 path, or null when a group's output channels are not a multiple of 16 (that path then runs the Vector256 tile).</param>
internal readonly record struct ChannelTiles(ChannelTile Vector256, ChannelTile Vector128, ChannelTile Scalar, ChannelTile? Vector512 = null)
{
    /// <summary>The tile for a block of <paramref name="registers"/> registers (1, 2 or 8).</summary>
    public ChannelTile For(int registers) => registers switch { 1 => Vector256, 2 => Vector128, _ => Scalar };
}
