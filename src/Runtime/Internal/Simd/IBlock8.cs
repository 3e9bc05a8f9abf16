using System.ComponentModel;

namespace ConvGen.Internal.Simd;

/// <summary>
/// Eight consecutive output channels of one output pixel, for forward kernels that vectorise over
/// output channels. Lane k always holds channel k of the block and each operation acts lane by lane
/// (one rounding per fused multiply-add), so a channel's value is the same chain of operations
/// whatever the register width: one <c>Vector256</c>, two <c>Vector128</c> or eight floats.
/// </summary>
/// <typeparam name="TAcc">The block: <c>Vector256&lt;float&gt;</c>, <see cref="Pair128"/> or <see cref="Float8"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBlock8<TAcc> where TAcc : unmanaged
{
    /// <summary>
    /// Registers one block takes: 1 (<c>Vector256</c>), 2 (<c>Vector128</c>) or 8 (floats). A constant to the
    /// JIT, so a kernel picks the register tile for its path with no run-time branch.
    /// </summary>
    static abstract int Registers { get; }
    /// <summary>
    /// Channels per block: 8 on every path but <see cref="Block512"/>'s 16, which only the channel plans' forward and
    /// weight-gradient steps written for 16-channel blocks use (they branch on this constant, as on <see cref="Registers"/>).
    /// </summary>
    static abstract int Lanes { get; }
    /// <summary>All eight lanes zero.</summary>
    static abstract TAcc Zero { get; }
    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TAcc Broadcast(float value);
    /// <summary>Loads the eight floats starting at <c>source[offset]</c>, unchecked.</summary>
    static abstract TAcc Load(ref float source, nint offset);
    /// <summary>Stores the eight lanes at <c>destination[offset]</c> .. <c>destination[offset + 7]</c>, unchecked.</summary>
    static abstract void Store(TAcc value, ref float destination, nint offset);
    /// <summary>
    /// <c>acc[k] = a[k] · b[k] + acc[k]</c> for each lane k, with a single rounding. The accumulator is
    /// updated in place: a kernel inlines hundreds of these, and a returned struct would cost the JIT a
    /// temporary each (past its limit on locals it stops inlining).
    /// </summary>
    static abstract void Fma(ref TAcc acc, TAcc a, TAcc b);
    /// <summary><c>acc[k] = acc[k] + a[k]</c> for each lane k, updated in place like <see cref="Fma"/>.</summary>
    static abstract void Add(ref TAcc acc, TAcc a);
    /// <summary>Lanes <paramref name="first"/> .. <paramref name="end"/> - 1 all bits set, the others clear (0 ≤ first ≤ end ≤ 8).</summary>
    static abstract TAcc Mask(int first, int end);
    /// <summary>
    /// The bitwise and of <paramref name="value"/> and <paramref name="mask"/> (from <see cref="Mask"/>): the lanes the
    /// mask clears become +0, whatever they held (so a cleared Inf or NaN never reaches a sum).
    /// </summary>
    static abstract TAcc And(TAcc value, TAcc mask);
    /// <summary><c>a[k] + b[k]</c> for each lane k (Winograd's transforms).</summary>
    static abstract TAcc Add(TAcc a, TAcc b);
    /// <summary><c>a[k] − b[k]</c> for each lane k (Winograd's transforms).</summary>
    static abstract TAcc Subtract(TAcc a, TAcc b);
}
