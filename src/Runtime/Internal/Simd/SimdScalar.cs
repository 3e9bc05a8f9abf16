using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal.Simd;

/// <summary>Scalar path: one lane, <see cref="MathF.FusedMultiplyAdd"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SimdScalar : ISimd<float>
{
    /// <inheritdoc />
    public static int Count => 1;
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nint offset) => Unsafe.Add(ref source, offset);
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value;
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fma(float a, float b, float addend) => MathF.FusedMultiplyAdd(a, b, addend);
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ShiftUp(float value, int lanes) => lanes == 0 ? value : 0f;
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ShiftDown(float value, int lanes) => lanes == 0 ? value : 0f;
}
