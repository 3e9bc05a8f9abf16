using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ConvGen.Internal.Simd;

/// <summary>
/// An eight-channel block as eight floats (<see cref="Float8"/>), with <see cref="MathF.FusedMultiplyAdd"/>.
/// The lanes are written out rather than looped over: the JIT does not unroll such loops, and a loop per
/// operation costs more than the arithmetic it does.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BlockScalar : IBlock8<Float8>
{
    /// <inheritdoc />
    public static int Registers => 8;

    /// <inheritdoc />
    public static int Lanes => 8;

    /// <inheritdoc />
    public static Float8 Zero => default;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Broadcast(float value)
    {
        Float8 block;
        Unsafe.SkipInit(out block);
        block[0] = value; block[1] = value; block[2] = value; block[3] = value;
        block[4] = value; block[5] = value; block[6] = value; block[7] = value;
        return block;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Load(ref float source, nint offset) =>
        Unsafe.ReadUnaligned<Float8>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, offset)));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float8 value, ref float destination, nint offset) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref destination, offset)), value);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fma(ref Float8 acc, Float8 a, Float8 b)
    {
        acc[0] = MathF.FusedMultiplyAdd(a[0], b[0], acc[0]);
        acc[1] = MathF.FusedMultiplyAdd(a[1], b[1], acc[1]);
        acc[2] = MathF.FusedMultiplyAdd(a[2], b[2], acc[2]);
        acc[3] = MathF.FusedMultiplyAdd(a[3], b[3], acc[3]);
        acc[4] = MathF.FusedMultiplyAdd(a[4], b[4], acc[4]);
        acc[5] = MathF.FusedMultiplyAdd(a[5], b[5], acc[5]);
        acc[6] = MathF.FusedMultiplyAdd(a[6], b[6], acc[6]);
        acc[7] = MathF.FusedMultiplyAdd(a[7], b[7], acc[7]);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref Float8 acc, Float8 a)
    {
        acc[0] += a[0]; acc[1] += a[1]; acc[2] += a[2]; acc[3] += a[3];
        acc[4] += a[4]; acc[5] += a[5]; acc[6] += a[6]; acc[7] += a[7];
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Mask(int first, int end)
    {
        Float8 mask;
        Unsafe.SkipInit(out mask);
        ref float from = ref LaneMasks.From(first), before = ref LaneMasks.Before(end);
        for (int k = 0; k < 8; k++)
            mask[k] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(Unsafe.Add(ref from, k)) & BitConverter.SingleToInt32Bits(Unsafe.Add(ref before, k)));
        return mask;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 And(Float8 value, Float8 mask)
    {
        value[0] = And(value[0], mask[0]); value[1] = And(value[1], mask[1]); value[2] = And(value[2], mask[2]); value[3] = And(value[3], mask[3]);
        value[4] = And(value[4], mask[4]); value[5] = And(value[5], mask[5]); value[6] = And(value[6], mask[6]); value[7] = And(value[7], mask[7]);
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float And(float value, float mask) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(value) & BitConverter.SingleToInt32Bits(mask));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Add(Float8 a, Float8 b)
    {
        a[0] += b[0]; a[1] += b[1]; a[2] += b[2]; a[3] += b[3];
        a[4] += b[4]; a[5] += b[5]; a[6] += b[6]; a[7] += b[7];
        return a;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Subtract(Float8 a, Float8 b)
    {
        a[0] -= b[0]; a[1] -= b[1]; a[2] -= b[2]; a[3] -= b[3];
        a[4] -= b[4]; a[5] -= b[5]; a[6] -= b[6]; a[7] -= b[7];
        return a;
    }
}
