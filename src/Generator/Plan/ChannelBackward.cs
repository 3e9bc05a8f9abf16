using System.Collections.Generic;
using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>
/// A register tile of the channel-vectorised backward kernels: <see cref="Taps"/> kernel taps × <see cref="Blocks"/>
/// blocks of 8 lanes. Per step the kernel loads the blocks once and broadcasts one value per tap, then does
/// Taps · Blocks fused multiply-adds (the forward's <see cref="ChannelTile"/> with taps in place of pixels).
/// </summary>
internal readonly record struct TapTile(int Taps, int Blocks);

/// <summary>The tiles per path: a block is one register on Vector256, two on Vector128, eight floats on scalar.</summary>
/// <param name="Vector512">The weight gradient's tile of 16-channel blocks for the Vector512 path, or null (that path then runs the Vector256 tile).</param>
internal readonly record struct TapTiles(TapTile Vector256, TapTile Vector128, TapTile Scalar, TapTile? Vector512 = null)
{
    /// <summary>The tile for a block of <paramref name="registers"/> registers (1, 2 or 8).</summary>
    public TapTile For(int registers) => registers switch { 1 => Vector256, 2 => Vector128, _ => Scalar };

    /// <summary>"6 taps x 2 blocks of 8 channels on Vector256, 2 taps x 2 blocks on Vector128, ..." for the plan's header.</summary>
    public static string Describe(TapTiles t, string lanes)
    {
        static string Plural(int n, string what) => $"{n} {what}{(n > 1 ? "s" : "")}";
        static string Tile(TapTile x) => $"{Plural(x.Taps, "tap")} x {Plural(x.Blocks, "block")}";
        return $"{Tile(t.Vector256)} of {ChannelTile.Lanes} {lanes} on Vector256, {Tile(t.Vector128)} on Vector128, {Tile(t.Scalar)} on scalar" +
               (t.Vector512 is { } wide ? $", {Tile(wide)} of {ChannelTile.WideLanes} on Vector512" : "");
    }

    /// <summary>
    /// Blocks as the forward's channel tiles choose them, and as many taps as they choose pixels (at most <paramref name="taps"/>);
    /// with <paramref name="wideBlocksPerGroup"/> (16-channel blocks, 0 for none) a tile for the Vector512 path too.
    /// </summary>
    public static TapTiles Choose(int blocksPerGroup, int taps, int wideBlocksPerGroup = 0)
    {
        static TapTile Of(ChannelTile t) => new(t.Pixels, t.Blocks);
        return new TapTiles(
            Of(ChannelTile.Choose(blocksPerGroup, 1, taps, registersPerBlock: 1)),
            Of(ChannelTile.Choose(blocksPerGroup, 1, taps, registersPerBlock: 2)),
            new TapTile(1, 1),
            wideBlocksPerGroup > 0 ? Wide(wideBlocksPerGroup, taps) : null);
    }

    /// <summary>
    /// The Vector512 weight-gradient tile: blocks as the forward's channel tiles choose them, and taps up to
    /// <see cref="Tile.MaxAccumulators"/> accumulators (not capped at <see cref="ChannelTile.MaxPixels"/> as the
    /// 8-lane tiles are), so that the chunks <see cref="Chunks"/> makes of them keep at least 8 chains each, the FMA
    /// latency times two units: S5's 25 taps go 9 + 8 + 8, not 7 + 6 + 6 + 6. Measured on S5 (harness, AVX-512 Xeon):
    /// Backward 12.6 → 11.2–11.4 µs; 13 taps a chunk measured the same, 25 slower (11.6–11.7 µs).
    /// </summary>
    private static TapTile Wide(int blocksPerGroup, int taps)
    {
        int blocks = ChannelTile.Choose(blocksPerGroup, 1, taps, registersPerBlock: 1).Blocks;
        return new TapTile(System.Math.Max(1, System.Math.Min(taps, Tile.MaxAccumulators / blocks)), blocks);
    }

    /// <summary>
    /// <paramref name="taps"/> split into chunks of at most <paramref name="most"/>, as even as possible (25 taps at
    /// most 6: five chunks of 5, not four of 6 and a single tap, which would leave one step with too few FMA chains).
    /// </summary>
    public static int[] Chunks(int taps, int most)
    {
        int count = (taps + most - 1) / most;
        var sizes = new int[count];
        for (int c = 0; c < count; c++)
            sizes[c] = taps / count + (c < taps % count ? 1 : 0);
        return sizes;
    }
}

/// <summary>
/// The backward pass of a layer whose forward pass vectorises over output channels (<see cref="ChannelTile.For"/>).
/// <para>
/// Weight gradient: the output gradient is transposed channel-last per item, and dW[o][k][tap] = Σ over output
/// pixels of dY[pixel][o] · X[k][pixel + tap] runs with the output channels in lanes: per pixel the tile's
/// gradient blocks are loaded once and each tap's input value broadcast. Each weight's item gradient is one
/// chain of fused multiply-adds over the pixels in row-major order from zero, added into the call's sum (kept
/// channel-last, zeroed at the call's start), which after the batch is added, transposed, into the running gradient:
/// one pass instead of a transpose there and one back. Every path gives the same bits; no reduction tree.
/// </para>
/// <para>
/// Input gradient (<see cref="InputGrad"/>, stride 1): see <see cref="ChannelInputGrad"/>.
/// </para>
/// </summary>
internal sealed record ChannelBackward(TapTiles WeightGrad, ChannelInputGrad? InputGrad)
{
    public static ChannelBackward? For(LayerSpec s)
    {
        if (ChannelTile.For(s) is null)
            return null;
        int wide = s.OutPerGroup % ChannelTile.WideLanes == 0 ? s.OutPerGroup / ChannelTile.WideLanes : 0;
        return new ChannelBackward(TapTiles.Choose(s.OutPerGroup / ChannelTile.Lanes, s.Taps, wide), ChannelInputGrad.For(s));
    }

    public IEnumerable<string> DescribeWeightGradient(LayerSpec s)
    {
        yield return "Backward, weight gradient: vectorised over output channels like the forward pass: per item the output gradient is transposed";
        yield return "  channel-last; each weight's item gradient is one chain of fused multiply-adds over the output pixels (row-major) from zero, added into";
        yield return "  the call's channel-last sum (zeroed per call; after the batch added, transposed, into the running gradient);";
        yield return "  per pixel the tile's gradient blocks loaded once and each tap's input broadcast" +
                     (WritesRowOut(s, WeightGrad.Vector256.Taps, WeightGrad.Vector256.Blocks) ? ", each output row's pixels written out (no pixel loop);" : ";");
        yield return $"  tiles of at most {TapTiles.Describe(WeightGrad, "channels")}; the {s.Taps} taps in even chunks.";
    }

    /// <summary>
    /// Whether a weight-gradient step of <paramref name="taps"/> × <paramref name="blocks"/> writes each output row's pixels
    /// out instead of looping over them: fixed rows of at most 16 pixels, within <see cref="Tile.MaxUnrolled"/> fused
    /// multiply-adds. A step does only taps × blocks FMAs per pixel, so a short loop's own instructions and exit branch
    /// showed: on S5 (10-pixel rows, 10 FMAs per pixel) Backward's median time was 6 to 10 % lower with the rows written out
    /// (its minimum about 1 % lower). The pixels go in the same order, so the bits are unchanged.
    /// </summary>
    public static bool WritesRowOut(LayerSpec s, int taps, int blocks)
    {
        if (!s.IsFixedSize) return false;
        int width = s.OutputWidth(s.InputWidth);
        return width <= 16 && width * taps * blocks <= Tile.MaxUnrolled;
    }
}

/// <summary>
/// The input gradient of a stride-1 channel-plan layer (fixed size: the plan needs short rows) as products, then a gather:
/// <list type="number">
/// <item>Products: Z[tap][p] = Σ over the group's output channels o of W[o][k][tap] · dY[o][p], per input channel k,
///   vectorised over the output pixels p (8 per block; the last block of a plane overlapped), each W broadcast. The sum
///   over o is one chain of fused multiply-adds from zero, in channel order.</item>
/// <item>Gather: dX[k][y][x] = Σ over taps (u, v) in row-major order of Z[(u, v)][y + OffsetTop - u·dh][x + OffsetLeft - v·dw],
///   the terms whose pixel is outside the output left out: kernel rows by the loop bounds, columns by lane masks (a masked
///   lane adds +0, which changes no sum: sums that start from +0 are never -0). Each row of the region in 8-lane
///   vectors, the last one overlapped, kept in registers.</item>
/// </list>
/// This does the products of the output pixels only, where the framed correlation also multiplies the frame's zeros
/// (for 10x10 outputs and a 5x5 kernel, 2.5 times as many).
/// </summary>
/// <param name="Products">The products' tiles: <see cref="TapTile.Taps"/> taps × <see cref="TapTile.Blocks"/> blocks of 8 pixels.</param>
/// <param name="Rows">Rows of the region the gather computes: the input's (zero padding) or the padded input's.</param>
/// <param name="Columns">Columns of that region.</param>
/// <param name="OffsetTop">Output row of region row y for kernel row 0: the top padding (zero padding), else 0.</param>
/// <param name="OffsetLeft">Output column of region column x for kernel column 0.</param>
/// <param name="Direct">The gather writes the caller's span (zero padding, rows of at least 8); else a work buffer with rows of <see cref="Stride"/>, then folded.</param>
/// <param name="Stride">Row stride of the gather's target: <see cref="Columns"/>, or 8 for rows narrower than a block.</param>
/// <param name="PlaneStride">Floats between the planes of Z (and of the staged output gradient): the output pixels, at least 8.</param>
/// <param name="Front">Floats before the first plane of Z that masked lanes may read.</param>
/// <param name="Back">Floats after the last plane that masked lanes may read.</param>
internal sealed record ChannelInputGrad(TapTiles Products, int Rows, int Columns, int OffsetTop, int OffsetLeft, bool Direct, int Stride,
                                        int PlaneStride, int Front, int Back)
{
    /// <summary>Output pixels fewer than one block: the output gradient is staged in planes of 8 (zeros past the pixels).</summary>
    public bool StagesOutputGrad(LayerSpec s) => Pixels(s) < ChannelTile.Lanes;

    public static int Pixels(LayerSpec s) => s.OutputHeight(s.InputHeight) * s.OutputWidth(s.InputWidth);

    /// <summary>The plan, or null: stride 1 on both axes and a fixed size (which the channel plan then implies).</summary>
    public static ChannelInputGrad? For(LayerSpec s)
    {
        if (s.StrideHeight != 1 || s.StrideWidth != 1 || !s.IsFixedSize)
            return null;
        bool zeros = s.PaddingMode == PaddingModeValue.Zeros;
        int rows = zeros ? s.InputHeight : s.InputHeight + s.PadTop + s.PadBottom;
        int columns = zeros ? s.InputWidth : s.InputWidth + s.PadLeft + s.PadRight;
        int top = zeros ? s.PadTop : 0, left = zeros ? s.PadLeft : 0;
        bool direct = zeros && columns >= ChannelTile.Lanes;
        int stride = System.Math.Max(columns, ChannelTile.Lanes);
        int pixels = Pixels(s), ow = s.OutputWidth(s.InputWidth), oh = s.OutputHeight(s.InputHeight);
        int planeStride = System.Math.Max(pixels, ChannelTile.Lanes);
        int front = System.Math.Max(0, (s.KernelWidth - 1) * s.DilationWidth - left);
        int back = System.Math.Max(0, (oh - 1) * ow + stride + left - planeStride);
        int pixelBlocks = pixels >= 2 * ChannelTile.Lanes ? 2 : 1;
        return new ChannelInputGrad(TapTiles.Choose(pixelBlocks, s.Taps), rows, columns, top, left, direct, stride, planeStride, front, back);
    }

    public IEnumerable<string> Describe(LayerSpec s)
    {
        yield return $"Backward, input gradient: products, then a gather (no frame): per input channel Z[tap][pixel] = Σ over the group's {s.OutPerGroup} output channels";
        yield return "  of weight · output gradient (a chain of fused multiply-adds from zero in channel order), vectorised over output pixels";
        yield return $"  (at most {TapTiles.Describe(Products, "pixels")}; the taps in even chunks, each weight broadcast);";
        yield return $"  then each {(Direct ? "input" : "padded input")} row as {ColumnVectors().Length} vector{(ColumnVectors().Length > 1 ? "s" : "")} in registers, summing Z over the taps in row-major order, the terms of pixels";
        yield return "  outside the output left out (kernel rows by the loop bounds, columns by lane masks: a masked lane adds +0)" +
                     (Direct ? ", written straight into the input's gradient." : $"; rows of {Stride} in a work buffer, then {(s.PaddingMode == PaddingModeValue.Zeros ? "copied" : "folded")} onto the input.");
    }

    /// <summary>Where the 8-lane vectors of a region row start: whole vectors, the last one ending at the row's end.</summary>
    public int[] ColumnVectors()
    {
        if (Columns <= ChannelTile.Lanes)
            return new[] { 0 };
        var starts = new System.Collections.Generic.List<int>();
        for (int x = 0; x + ChannelTile.Lanes <= Columns; x += ChannelTile.Lanes)
            starts.Add(x);
        if (Columns % ChannelTile.Lanes != 0)
            starts.Add(Columns - ChannelTile.Lanes);
        return starts.ToArray();
    }

    /// <summary>
    /// The lanes [first, end) of the vector at column <paramref name="x0"/> whose term for kernel column <paramref name="v"/>
    /// exists (an output column in 0 .. ow - 1, a region column below <see cref="Columns"/>); first ≥ end when none.
    /// </summary>
    public (int First, int End) Lanes(LayerSpec s, int x0, int v)
    {
        int ow = s.OutputWidth(s.InputWidth);
        int shift = x0 + OffsetLeft - v * s.DilationWidth; // output column of lane 0
        int first = System.Math.Max(0, -shift);
        int end = System.Math.Min(ChannelTile.Lanes, System.Math.Min(ow - shift, Columns - x0));
        return (first, end);
    }
}
