namespace ConvGen.Reference;

/// <summary>
/// A full description of one <c>torch.nn.Conv2d</c> configuration with every padding side resolved,
/// for the reference implementation.
/// </summary>
public sealed record ConvSpec(
    int KernelHeight, int KernelWidth,
    int InChannels = 1, int OutChannels = 1,
    int StrideHeight = 1, int StrideWidth = 1,
    int PadTop = 0, int PadBottom = 0, int PadLeft = 0, int PadRight = 0,
    int DilationHeight = 1, int DilationWidth = 1,
    int Groups = 1, bool HasBias = true, PaddingMode PaddingMode = PaddingMode.Zeros)
{
    /// <summary>Input channels per group.</summary>
    public int InPerGroup => InChannels / Groups;
    /// <summary>Output channels per group.</summary>
    public int OutPerGroup => OutChannels / Groups;
    /// <summary>Number of weights: <c>OutChannels × InChannels / Groups × KernelHeight × KernelWidth</c>.</summary>
    public int WeightLength => OutChannels * InPerGroup * KernelHeight * KernelWidth;

    /// <summary>PyTorch's output height: floor((H + pads − d·(k−1) − 1) / s) + 1.</summary>
    public int OutputHeight(int height) =>
        (height + PadTop + PadBottom - DilationHeight * (KernelHeight - 1) - 1) / StrideHeight + 1;

    /// <summary>PyTorch's output width: floor((W + pads − d·(k−1) − 1) / s) + 1.</summary>
    public int OutputWidth(int width) =>
        (width + PadLeft + PadRight - DilationWidth * (KernelWidth - 1) - 1) / StrideWidth + 1;

    /// <summary>
    /// Maps a padded coordinate to the input coordinate it reads, or −1 for a zero.
    /// </summary>
    public int MapIndex(int p, int size) => PaddingMode switch
    {
        _ when p >= 0 && p < size => p,
        PaddingMode.Zeros => -1,
        PaddingMode.Reflect => p < 0 ? -p : 2 * (size - 1) - p,
        PaddingMode.Replicate => p < 0 ? 0 : size - 1,
        PaddingMode.Circular => ((p % size) + size) % size,
        _ => throw new InvalidOperationException($"unknown padding mode {PaddingMode}"),
    };
}
