using ConvGen.Generator.Model;
using ConvGen.Generator.Parse;

namespace ConvGen.Generator.Plan;

/// <summary>
/// The weight gradient of a fixed-size, stride-1-wide layer whose output rows are narrower than one 8-lane
/// block: each gradient row is read as one block holding its <c>ow</c> columns in lanes <c>d</c> ..
/// <c>d + ow - 1</c>, the other lanes masked to +0 on both operands (0 · 0 adds nothing, and a masked Inf
/// or NaN of a neighbouring row never meets a 0). <see cref="Shifts"/> holds each row's <c>d</c>: 0, unless
/// the block would then read past the end of the gradient plane or of the input plane, in which case the
/// smallest shift that keeps both inside. This replaces copying each row element by element into a
/// zero-padded block (S1's 7-column rows: the copies were most of the training step's backward pass).
/// </summary>
/// <param name="Width">The output width <c>ow</c> (1 to 7).</param>
/// <param name="Shifts">Row i's lane shift <c>d</c>, one per output row.</param>
internal sealed record NarrowGradientRows(int Width, EquatableArray<int> Shifts)
{
    /// <summary>The plan for this layer, or null when its rows are not narrow, or some row has no shift that keeps its blocks inside the planes (tiny planes).</summary>
    public static NarrowGradientRows? For(LayerSpec s)
    {
        if (!s.IsFixedSize || s.StrideWidth != 1)
            return null;
        int oh = s.OutputHeight(s.InputHeight), ow = s.OutputWidth(s.InputWidth);
        if (ow >= 8)
            return null;
        int xh = s.InputHeight + s.PadTop + s.PadBottom, xw = s.InputWidth + s.PadLeft + s.PadRight;
        // The farthest tap from a row's first input element; the nearest is tap (0, 0) at offset 0.
        int reach = (s.KernelHeight - 1) * s.DilationHeight * xw + (s.KernelWidth - 1) * s.DilationWidth;
        var shifts = new int[oh];
        for (int i = 0; i < oh; i++)
        {
            int gradient = i * ow, input = i * s.StrideHeight * xw;
            int d = 0;
            while (d <= 8 - ow && !(gradient - d >= 0 && gradient - d + 8 <= oh * ow &&
                                    input - d >= 0 && input + reach - d + 8 <= xh * xw))
                d++;
            if (d > 8 - ow)
                return null;
            shifts[i] = d;
        }
        return new NarrowGradientRows(ow, new EquatableArray<int>(shifts));
    }

    /// <summary>Consecutive rows with the same shift, as (first row, end row, shift).</summary>
    public System.Collections.Generic.IEnumerable<(int First, int End, int Shift)> Runs()
    {
        int first = 0;
        for (int i = 1; i <= Shifts.Count; i++)
            if (i == Shifts.Count || Shifts[i] != Shifts[first])
            {
                yield return (first, i, Shifts[first]);
                first = i;
            }
    }
}
