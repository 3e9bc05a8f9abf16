using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal.Simd;

/// <summary>Eight partial sums in two <c>Vector128</c>: lanes 0–3 and 4–7.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct Pair128
{
    /// <summary>Partial sums 0–3.</summary>
    public Vector128<float> Low;
    /// <summary>Partial sums 4–7.</summary>
    public Vector128<float> High;
}

/// <summary>Eight partial sums in two <c>Vector128</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Reduce128 : IReduce8<Pair128>
{
    /// <inheritdoc />
    public static Pair128 Zero => default;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Fma(ref float a, ref float b, Pair128 acc) => new()
    {
        Low = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref a), Vector128.LoadUnsafe(ref b), acc.Low),
        High = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref a, 4), Vector128.LoadUnsafe(ref b, 4), acc.High),
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Load(ref float source) => new()
    {
        Low = Vector128.LoadUnsafe(ref source),
        High = Vector128.LoadUnsafe(ref source, 4),
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Mask(int first, int end) => Block128.Mask(first, end);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Load(ref float source, Pair128 mask) => new()
    {
        Low = Vector128.LoadUnsafe(ref source) & mask.Low,
        High = Vector128.LoadUnsafe(ref source, 4) & mask.High,
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Fma(Pair128 a, Pair128 b, Pair128 acc) => new()
    {
        Low = Vector128.FusedMultiplyAdd(a.Low, b.Low, acc.Low),
        High = Vector128.FusedMultiplyAdd(a.High, b.High, acc.High),
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Add(ref float a, Pair128 acc) => new()
    {
        Low = acc.Low + Vector128.LoadUnsafe(ref a),
        High = acc.High + Vector128.LoadUnsafe(ref a, 4),
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Add(Pair128 a, Pair128 acc) => new() { Low = acc.Low + a.Low, High = acc.High + a.High };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Pair128 acc) => Tree.Sum(acc.Low + acc.High);
}
