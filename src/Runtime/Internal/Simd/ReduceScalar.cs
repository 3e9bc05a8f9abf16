using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal.Simd;

/// <summary>Eight scalar partial sums.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[InlineArray(8)]
public struct Float8
{
    private float _element0;
}

/// <summary>Eight partial sums as plain floats, with <see cref="MathF.FusedMultiplyAdd"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReduceScalar : IReduce8<Float8>
{
    /// <inheritdoc />
    public static Float8 Zero => default;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Fma(ref float a, ref float b, Float8 acc)
    {
        for (int k = 0; k < 8; k++)
            acc[k] = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, k), Unsafe.Add(ref b, k), acc[k]);
        return acc;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Load(ref float source)
    {
        Float8 block = default;
        for (int k = 0; k < 8; k++)
            block[k] = Unsafe.Add(ref source, k);
        return block;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Mask(int first, int end) => BlockScalar.Mask(first, end);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Load(ref float source, Float8 mask)
    {
        Float8 block = default;
        for (int k = 0; k < 8; k++)
            block[k] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(Unsafe.Add(ref source, k)) & BitConverter.SingleToInt32Bits(mask[k]));
        return block;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Fma(Float8 a, Float8 b, Float8 acc)
    {
        for (int k = 0; k < 8; k++)
            acc[k] = MathF.FusedMultiplyAdd(a[k], b[k], acc[k]);
        return acc;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Add(ref float a, Float8 acc)
    {
        for (int k = 0; k < 8; k++)
            acc[k] += Unsafe.Add(ref a, k);
        return acc;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Add(Float8 a, Float8 acc)
    {
        for (int k = 0; k < 8; k++)
            acc[k] += a[k];
        return acc;
    }

    /// <inheritdoc />
    public static float Sum(Float8 acc) =>
        ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
}
