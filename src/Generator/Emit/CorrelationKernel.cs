namespace ConvGen.Generator.Emit;

/// <summary>
/// What one generated correlation kernel computes. Within each of <see cref="Groups"/> groups, every
/// output plane is the sum over <see cref="SumPerGroup"/> source planes of a correlation with one
/// kernel. The forward pass and the input gradient are both of this form (the latter with the
/// kernel flipped and the channel roles swapped), so one emitter writes both.
/// </summary>
/// <param name="Name">The generated method's name.</param>
/// <param name="Summary">Its XML doc summary.</param>
/// <param name="Groups">Channel groups.</param>
/// <param name="OutPerGroup">Output planes per group.</param>
/// <param name="SumPerGroup">Source planes summed into each output plane.</param>
/// <param name="MemberWeightStride">Distance between the kernels of consecutive output planes.</param>
/// <param name="SumWeightStride">Distance between the kernels of consecutive source planes.</param>
/// <param name="GroupWeightStride">Distance between the first kernels of consecutive groups.</param>
/// <param name="FlipKernel">Read each kernel rotated by 180° (the input gradient's transposed correlation).</param>
/// <param name="StrideHeight">Vertical stride.</param>
/// <param name="StrideWidth">Horizontal stride; only stride 1 is vectorised over columns.</param>
/// <param name="HasBias">Start each output element from its plane's bias instead of zero.</param>
/// <param name="FixedSizes">When not null, the source and output sizes as constants (xh, xw, oh, ow).</param>
/// <param name="Tile">The register tile: output planes and column vectors computed together.</param>
/// <param name="GroupRange">The kernel runs groups <c>g0 .. g1 - 1</c> only, with <c>x</c> holding just those groups' source planes.</param>
internal sealed record CorrelationKernel(
    string Name, string Summary,
    int Groups, int OutPerGroup, int SumPerGroup,
    int MemberWeightStride, int SumWeightStride, int GroupWeightStride, bool FlipKernel,
    int StrideHeight, int StrideWidth, bool HasBias, int[]? FixedSizes, Plan.Tile Tile, bool GroupRange = false);
