namespace ConvGen.Generator.Emit;

/// <summary>
/// A step at the output's left or right edge that reads a zero-padded input in place: each input row from its start,
/// output column j's tap v at input column <c>j + v - <see cref="PadLeft"/></c>, through <c>EdgeLoad.Row</c>, which
/// zeroes the lanes outside <c>0 .. <see cref="Width"/> - 1</c> (the padding). Its column is an expression of
/// <c>TOps.Count</c> only, a constant to the JIT on each path, so the loads' range checks fold away (with a run-time
/// column they compile to branches that spill the accumulators).
/// </summary>
/// <param name="Name">The step method's name.</param>
/// <param name="Summary">What it computes, for its XML doc.</param>
/// <param name="Column">Its first output column, as an expression of <c>TOps.Count</c>.</param>
/// <param name="PadLeft">The left padding.</param>
/// <param name="Width">The input row's width.</param>
internal sealed record EdgeRead(string Name, string Summary, string Column, int PadLeft, int Width);
