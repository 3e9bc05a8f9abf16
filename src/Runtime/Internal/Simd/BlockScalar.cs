using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal.Simd;

/// <summary>An eight-channel block as eight floats (<see cref="Float8"/>), with <see cref="MathF.FusedMultiplyAdd"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BlockScalar : IBlock8<Float8>
{
    /// <inheritdoc />
    public static Float8 Zero => default;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Broadcast(float value)
    {
        Float8 block = default;
        for (int k = 0; k < 8; k++)
            block[k] = value;
        return block;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Load(ref float source, nint offset)
    {
        Float8 block = default;
        for (int k = 0; k < 8; k++)
            block[k] = Unsafe.Add(ref source, offset + k);
        return block;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float8 value, ref float destination, nint offset)
    {
        for (int k = 0; k < 8; k++)
            Unsafe.Add(ref destination, offset + k) = value[k];
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fma(ref Float8 acc, Float8 a, Float8 b)
    {
        for (int k = 0; k < 8; k++)
            acc[k] = MathF.FusedMultiplyAdd(a[k], b[k], acc[k]);
    }
}
