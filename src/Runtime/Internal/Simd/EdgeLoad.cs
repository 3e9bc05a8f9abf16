using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal.Simd;

/// <summary>
/// Loads for the output's left and right edges when a generated forward pass reads a zero-padded input in
/// place: the lanes that fall in the padding are zero, as if the row had been copied into a zero border,
/// and nothing outside the row is read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EdgeLoad
{
    /// <summary>
    /// Lane i is <c>row[start + i]</c> where <c>0 ≤ start + i &lt; length</c>, and zero elsewhere (the padding).
    /// Reads only <c>row[0 .. length - 1]</c>. The row must hold at least one vector
    /// (<paramref name="length"/> ≥ <c>TOps.Count</c>), so at most one side of the vector falls outside it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Row<TOps, TVec>(ref float row, nint start, nint length)
        where TOps : struct, ISimd<TVec> where TVec : unmanaged
    {
        if (start >= 0 && start + TOps.Count <= length)
            return TOps.Load(ref row, start);
        if (start + TOps.Count <= 0 || start >= length)
            return TOps.Broadcast(0f);
        // Partly in the padding: load the row's first (or last) vector and move its lanes into place.
        return start < 0
            ? TOps.ShiftUp(TOps.Load(ref row, 0), (int)-start)
            : TOps.ShiftDown(TOps.Load(ref row, length - TOps.Count), (int)(start + TOps.Count - length));
    }
}
