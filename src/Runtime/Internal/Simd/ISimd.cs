using System.ComponentModel;

namespace ConvGen.Internal.Simd;

/// <summary>
/// The vector operations generated kernels are written against. Generated code is one generic
/// method per kernel; the JIT specialises it for each implementation (<see cref="Simd256"/>,
/// <see cref="Simd128"/>, <see cref="SimdScalar"/>), so every instruction-set path runs the same
/// sequence of fused multiply-adds per output element and gives the same bits.
/// </summary>
/// <typeparam name="TVec">The register type: <c>Vector256&lt;float&gt;</c>, <c>Vector128&lt;float&gt;</c> or <c>float</c>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISimd<TVec> where TVec : unmanaged
{
    /// <summary>Lanes per register.</summary>
    static abstract int Count { get; }
    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVec Broadcast(float value);
    /// <summary>Loads <see cref="Count"/> floats starting at <c>source[offset]</c>, unchecked.</summary>
    static abstract TVec Load(ref float source, nint offset);
    /// <summary>Stores <see cref="Count"/> floats starting at <c>destination[offset]</c>, unchecked.</summary>
    static abstract void Store(TVec value, ref float destination, nint offset);
    /// <summary><c>a · b + addend</c> per lane with a single rounding.</summary>
    static abstract TVec Fma(TVec a, TVec b, TVec addend);
    /// <summary>
    /// Lane i of the result is lane i - <paramref name="lanes"/> of <paramref name="value"/>, and zero for i &lt; lanes
    /// (0 ≤ lanes ≤ <see cref="Count"/>): the values move up, zeros come in below. Data movement only, so exact.
    /// </summary>
    static abstract TVec ShiftUp(TVec value, int lanes);
    /// <summary>
    /// Lane i of the result is lane i + <paramref name="lanes"/> of <paramref name="value"/>, and zero for
    /// i ≥ <see cref="Count"/> - lanes (0 ≤ lanes ≤ <see cref="Count"/>): the values move down, zeros come in above.
    /// </summary>
    static abstract TVec ShiftDown(TVec value, int lanes);
}
