using System.ComponentModel;

namespace ConvGen.Internal.Simd;

/// <summary>
/// Eight partial sums kept in lanes, for the gradient reductions. Whatever the register width, the
/// partial sum for lane <c>k</c> receives exactly the elements the kernel puts in lane <c>k</c> of its
/// 8-element blocks, in the same order, and <see cref="Sum"/> combines the eight in one fixed tree,
/// so the weight and bias gradients have the same bits on every path. (The generated kernels walk a
/// row in blocks from column 0, so column <c>j</c> goes to lane <c>j mod 8</c>, except a row tail
/// read as one block overlapping the row's end, where column <c>j</c> goes to lane
/// <c>j - (width - 8)</c> and the lanes already counted are masked to zero; and a fixed row narrower
/// than a block, read as one block with its columns in lanes <c>d</c> .. <c>d + width - 1</c> and the
/// other lanes masked to zero.)
/// </summary>
/// <typeparam name="TAcc">The accumulator: one <c>Vector256</c>, two <c>Vector128</c>, or eight floats.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IReduce8<TAcc> where TAcc : unmanaged
{
    /// <summary>All eight partial sums zero.</summary>
    static abstract TAcc Zero { get; }
    /// <summary>Loads eight consecutive floats as a block (lane k = <c>source[k]</c>).</summary>
    static abstract TAcc Load(ref float source);
    /// <summary>
    /// The mask for <see cref="Load(ref float, TAcc)"/> that keeps lanes <paramref name="first"/> ..
    /// <paramref name="end"/> - 1 and clears the others (0 ≤ first ≤ end ≤ 8; the same as <see cref="IBlock8{TAcc}.Mask"/>).
    /// </summary>
    static abstract TAcc Mask(int first, int end);
    /// <summary>
    /// Loads eight consecutive floats as a block with the lanes <paramref name="mask"/> clears set to +0
    /// (a bitwise and, so a cleared Inf or NaN never reaches a product).
    /// </summary>
    static abstract TAcc Load(ref float source, TAcc mask);
    /// <summary>Adds <c>a[k] · b[k]</c> into partial sum k (fused), for k in 0..7, from loaded blocks.</summary>
    static abstract TAcc Fma(TAcc a, TAcc b, TAcc acc);
    /// <summary>Adds <c>a[k] · b[k]</c> into partial sum k (fused), for k in 0..7.</summary>
    static abstract TAcc Fma(ref float a, ref float b, TAcc acc);
    /// <summary>Adds <c>a[k]</c> into partial sum k, for k in 0..7.</summary>
    static abstract TAcc Add(ref float a, TAcc acc);
    /// <summary>Adds <c>a[k]</c> into partial sum k, for k in 0..7, from a loaded block.</summary>
    static abstract TAcc Add(TAcc a, TAcc acc);
    /// <summary>((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7)).</summary>
    static abstract float Sum(TAcc acc);
}
