using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal.Simd;

/// <summary>128-bit path: NEON (AdvSimd) on arm64, SSE (+FMA) on x86.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Simd128 : ISimd<Vector128<float>>
{
    /// <inheritdoc />
    public static int Count => Vector128<float>.Count;
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nint offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fma(Vector128<float> a, Vector128<float> b, Vector128<float> addend) => Vector128.FusedMultiplyAdd(a, b, addend);
    /// <inheritdoc />
    /// <remarks>A shuffle whose out-of-range indices give zero (a permute and a mask).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ShiftUp(Vector128<float> value, int lanes) => Vector128.Shuffle(value, Vector128<int>.Indices - Vector128.Create(lanes));
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ShiftDown(Vector128<float> value, int lanes) => Vector128.Shuffle(value, Vector128<int>.Indices + Vector128.Create(lanes));
}
