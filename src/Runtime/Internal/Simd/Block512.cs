using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal.Simd;

/// <summary>
/// A sixteen-channel block in one <c>Vector512</c> (AVX-512), for the channel plans' forward and weight-gradient steps
/// written for 16-channel blocks (<see cref="Lanes"/> 16); lane k holds channel k of the block, and each operation acts
/// lane by lane as on the other paths, so a channel's chain and its bits are the same. Runs in software where not accelerated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Block512 : IBlock8<Vector512<float>>
{
    /// <inheritdoc />
    public static int Registers => 1;

    /// <inheritdoc />
    public static int Lanes => 16;

    /// <inheritdoc />
    public static Vector512<float> Zero => Vector512<float>.Zero;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    /// <summary>Loads the sixteen floats starting at <c>source[offset]</c>, unchecked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    /// <summary>Stores the sixteen lanes at <c>destination[offset]</c> .. <c>destination[offset + 15]</c>, unchecked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fma(ref Vector512<float> acc, Vector512<float> a, Vector512<float> b) => acc = Vector512.FusedMultiplyAdd(a, b, acc);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref Vector512<float> acc, Vector512<float> a) => acc += a;

    /// <summary>Lanes <paramref name="first"/> .. <paramref name="end"/> - 1 all bits set, the others clear (0 ≤ first ≤ end ≤ 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Mask(int first, int end)
    {
        var lane = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var inside = Vector512.GreaterThanOrEqual(lane, Vector512.Create(first)) & Vector512.LessThan(lane, Vector512.Create(end));
        return inside.AsSingle();
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> value, Vector512<float> mask) => value & mask;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
}
