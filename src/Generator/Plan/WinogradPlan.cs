using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>
/// The forward pass as Winograd F(2×2, 3×3): per band of <see cref="Band"/> 2×2 output tiles, the input patches
/// transformed (Bᵀ d B), then for each of the 16 transformed positions one product of the band's [tiles × in]
/// matrix by the transformed weights' [in × out] matrix, vectorised over output channels in register tiles
/// <see cref="Tiles"/> (pixels = output tiles here), then the output transform (Aᵀ m A + bias). 16 multiplies per
/// tile and channel pair instead of direct convolution's 36.
/// </summary>
/// <param name="Tiles">The products' register tiles per path: tiles × blocks of 8 output channels.</param>
/// <param name="Band">Output tiles transformed and multiplied together; a multiple of every path's tile, so a full band's products end without overlap.</param>
internal sealed record WinogradPlan(ChannelTiles Tiles, int Band)
{
    /// <summary>Fewer channels than this leave the transforms' cost (per channel, not per channel pair) too large a share.</summary>
    public const int MinChannels = 16;

    /// <summary>
    /// Tiles per band at most: the band's transformed input and products (16 · band · (in + out) floats, 96 KB for S6) stay in L2
    /// beside the transformed weights (256 KB for S6). On S6 a band of 12 ran a little faster than 24 and clearly faster than 48.
    /// </summary>
    public const int MaxBand = 12;

    /// <summary>
    /// The plan when the forward pass should use Winograd, else null. The rule: a 3×3 kernel with stride 1 and
    /// dilation 1, one group, at least <see cref="MinChannels"/> input and output channels, both multiples of 8
    /// (the transforms and products act on blocks of 8 channels), and, for a fixed input size, an output of at
    /// least 4×4 (4 tiles). Any padding and padding mode (the input is padded first, as for the direct plan).
    /// </summary>
    public static WinogradPlan? For(LayerSpec s)
    {
        if (s.KernelHeight != 3 || s.KernelWidth != 3 || s.StrideHeight != 1 || s.StrideWidth != 1 ||
            s.DilationHeight != 1 || s.DilationWidth != 1 || s.Groups != 1)
            return null;
        if (s.InChannels < MinChannels || s.OutChannels < MinChannels || s.InChannels % ChannelTile.Lanes != 0 || s.OutChannels % ChannelTile.Lanes != 0)
            return null;
        if (s.IsFixedSize && (s.OutputHeight(s.InputHeight) < 4 || s.OutputWidth(s.InputWidth) < 4))
            return null;
        return Tiled(s.OutChannels / ChannelTile.Lanes);
    }

    /// <summary>
    /// The plan when the input gradient should use Winograd too, else null: a layer whose forward pass is
    /// Winograd (<see cref="For"/>) with zero padding of at most 2 on each side (<see cref="InputGradFrame.Direct"/>).
    /// Its input gradient is then a stride-1 3×3 correlation, with no fold, of the output gradient framed by
    /// 2 − padding with the kernels turned by 180° and the channels' roles swapped: the same transforms and
    /// products, summing over output channels and vectorised over input channels. Reflect and circular padding
    /// fold the border's gradient back onto the input, so they keep the direct input gradient.
    /// </summary>
    public static WinogradPlan? ForInputGradient(LayerSpec s)
    {
        if (For(s) is null || s.PaddingMode != PaddingModeValue.Zeros || !InputGradFrame.For(s).Direct)
            return null;
        return Tiled(s.InChannels / ChannelTile.Lanes);
    }

    /// <summary>
    /// Tiles per band of the weight gradient: each register tile loads its dU accumulators once per band and stores them
    /// after the band's tiles, so a longer band spends fewer loads and stores per fused multiply-add, while the band's
    /// transformed input and output gradient (16 · band · (in + out) floats, 192 KB for S6) should stay in L2. On S6 (Backward
    /// without the input gradient, minima of alternating runs) a band of 24 took 2.12 ms, 48 took 2.31 ms and 12 took 3.46 ms.
    /// The band never changes the bits (each dU lane is one chain over the tiles in order, whatever the band). See <see cref="ForWeightGradient"/>.
    /// </summary>
    public const int WeightGradBand = 24;

    /// <summary>
    /// Output tiles a call (all batch items) needs for the Winograd weight gradient; smaller calls take the direct weight gradient.
    /// The transforms mix neighbouring terms, so Winograd's rounding error is not bounded by the direct sum's γ_(n+1)·Σ|terms|;
    /// with many products per weight (n) that bound has ample room (S6: 0.04–0.07 % of it used), but with a few it has none: a
    /// 4x1 output (2 tiles, n = 4) measured 14.6·u·Σ|terms| against the bound's 13·u. From 64 tiles (n ≥ 64) the room is ample again.
    /// </summary>
    public const int MinWeightGradTiles = 64;

    /// <summary>
    /// The weight gradient's plan: every layer whose forward pass is Winograd (<see cref="For"/>, any padding and padding
    /// mode: it reads the padded input exactly as the forward pass does, so there is nothing to fold). Per band of tiles
    /// the input patches go to V = B^T d B and the output-gradient tiles to dM = A dY A^T, then for each of the 16 positions
    /// dU[in][out] += Σ_tiles V[tile][in] · dM[tile][out], in register tiles of <see cref="ChannelTile.Pixels"/> input channels
    /// (broadcast) × <see cref="ChannelTile.Blocks"/> blocks of 8 output channels (loaded), whose accumulators are loaded
    /// from dU, take the band's tiles in order and are stored back: each dU lane is one chain of fused multiply-adds over
    /// all tiles of all items, whatever the band or tile. The input channels past whole tiles take one narrower step.
    /// </summary>
    public static WinogradPlan? ForWeightGradient(LayerSpec s)
    {
        if (For(s) is null)
            return null;
        int blocks = s.OutChannels / ChannelTile.Lanes;
        var tiles = new ChannelTiles(
            ChannelTile.Choose(blocks, taps: 1, pixels: 0, registersPerBlock: 1),
            ChannelTile.Choose(blocks, taps: 1, pixels: 0, registersPerBlock: 2),
            new ChannelTile(1, 1));
        return new WinogradPlan(tiles, WeightGradBand);
    }

    /// <summary>Register tiles over <paramref name="blocks"/> blocks of 8 channels (the products' vectorised side), and the band.</summary>
    private static WinogradPlan Tiled(int blocks)
    {
        var tiles = new ChannelTiles(
            ChannelTile.Choose(blocks, taps: 1, pixels: 0, registersPerBlock: 1),
            ChannelTile.Choose(blocks, taps: 1, pixels: 0, registersPerBlock: 2),
            new ChannelTile(1, 1));
        int step = Lcm(tiles.Vector256.Pixels, tiles.Vector128.Pixels);
        int band = System.Math.Max(1, MaxBand / step) * step;
        return new WinogradPlan(tiles, band);
    }

    private static int Lcm(int a, int b)
    {
        int x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }
}
