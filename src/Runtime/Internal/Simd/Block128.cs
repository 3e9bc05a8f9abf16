using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal.Simd;

/// <summary>An eight-channel block in two <c>Vector128</c> (<see cref="Pair128"/>: channels 0–3 and 4–7), for NEON and SSE.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Block128 : IBlock8<Pair128>
{
    /// <inheritdoc />
    public static int Registers => 2;

    /// <inheritdoc />
    public static int Lanes => 8;

    /// <inheritdoc />
    public static Pair128 Zero => default;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Broadcast(float value)
    {
        var lanes = Vector128.Create(value);
        return new() { Low = lanes, High = lanes };
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Load(ref float source, nint offset) => new()
    {
        Low = Vector128.LoadUnsafe(ref source, (nuint)offset),
        High = Vector128.LoadUnsafe(ref source, (nuint)(offset + 4)),
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Pair128 value, ref float destination, nint offset)
    {
        value.Low.StoreUnsafe(ref destination, (nuint)offset);
        value.High.StoreUnsafe(ref destination, (nuint)(offset + 4));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fma(ref Pair128 acc, Pair128 a, Pair128 b)
    {
        acc.Low = Vector128.FusedMultiplyAdd(a.Low, b.Low, acc.Low);
        acc.High = Vector128.FusedMultiplyAdd(a.High, b.High, acc.High);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref Pair128 acc, Pair128 a)
    {
        acc.Low += a.Low;
        acc.High += a.High;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Mask(int first, int end) => new()
    {
        Low = Vector128.LoadUnsafe(ref LaneMasks.From(first)) & Vector128.LoadUnsafe(ref LaneMasks.Before(end)),
        High = Vector128.LoadUnsafe(ref LaneMasks.From(first), 4) & Vector128.LoadUnsafe(ref LaneMasks.Before(end), 4),
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 And(Pair128 value, Pair128 mask) => new() { Low = value.Low & mask.Low, High = value.High & mask.High };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Add(Pair128 a, Pair128 b) => new() { Low = a.Low + b.Low, High = a.High + b.High };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pair128 Subtract(Pair128 a, Pair128 b) => new() { Low = a.Low - b.Low, High = a.High - b.High };
}
