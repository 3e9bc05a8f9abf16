using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal.Simd;

/// <summary>Eight partial sums in one <c>Vector256</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Reduce256 : IReduce8<Vector256<float>>
{
    /// <inheritdoc />
    public static Vector256<float> Zero => Vector256<float>.Zero;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fma(ref float a, ref float b, Vector256<float> acc) =>
        Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a), Vector256.LoadUnsafe(ref b), acc);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mask(int first, int end) => Block256.Mask(first, end);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source, Vector256<float> mask) => Vector256.LoadUnsafe(ref source) & mask;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> acc) => Vector256.FusedMultiplyAdd(a, b, acc);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(ref float a, Vector256<float> acc) => acc + Vector256.LoadUnsafe(ref a);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> acc) => acc + a;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> acc) => Tree.Sum(acc.GetLower() + acc.GetUpper());
}
