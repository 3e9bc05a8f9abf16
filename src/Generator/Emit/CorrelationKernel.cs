namespace ConvGen.Generator.Emit;

/// <summary>
/// What one generated correlation kernel computes: every output plane <c>o</c> is the sum, over
/// <see cref="SumCount"/> source planes, of a correlation with one kernel's taps. The forward pass and
/// the input gradient are both kernels of this form, so one emitter writes both.
/// </summary>
/// <param name="Name">The generated method's name.</param>
/// <param name="Summary">Its XML doc summary.</param>
/// <param name="OutPlanes">Output planes (the loop over <c>o</c>).</param>
/// <param name="SumCount">Source planes summed into each output plane (the loop over <c>k</c>).</param>
/// <param name="SourcePlane">C# expression of the source plane index, in terms of <c>o</c> and <c>k</c>.</param>
/// <param name="WeightBase">C# expression of the index of the first weight for (<c>o</c>, <c>k</c>).</param>
/// <param name="FlipKernel">Read the kernel rotated by 180° (the input gradient's transposed correlation).</param>
/// <param name="StrideHeight">Vertical stride of the correlation.</param>
/// <param name="StrideWidth">Horizontal stride; only stride 1 is vectorised over columns.</param>
/// <param name="HasBias">Start each output element from <c>bias[o]</c> instead of zero.</param>
/// <param name="FixedSizes">When not null, the source and output sizes as constants (xh, xw, oh, ow).</param>
internal sealed record CorrelationKernel(
    string Name, string Summary,
    int OutPlanes, int SumCount, string SourcePlane, string WeightBase, bool FlipKernel,
    int StrideHeight, int StrideWidth, bool HasBias, int[]? FixedSizes);
