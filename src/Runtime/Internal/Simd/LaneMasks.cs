using System.Runtime.CompilerServices;

namespace ConvGen.Internal.Simd;

/// <summary>
/// The table the eight-lane masks of <see cref="IBlock8{TAcc}.Mask"/> are loaded from: eight clear floats, eight
/// with all bits set, eight clear. Eight floats from <see cref="From"/>(first) set lanes first..7; from
/// <see cref="Before"/>(end), lanes 0..end - 1; their and sets lanes first..end - 1.
/// </summary>
internal static class LaneMasks
{
    private static readonly float[] Table = Build();

    private static float[] Build()
    {
        var table = new float[24];
        for (int k = 8; k < 16; k++)
            table[k] = BitConverter.Int32BitsToSingle(-1);
        return table;
    }

    /// <summary>Where eight floats setting lanes <paramref name="first"/>..7 start (0 ≤ first ≤ 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float From(int first) => ref Table[8 - first];

    /// <summary>Where eight floats setting lanes 0..<paramref name="end"/> - 1 start (0 ≤ end ≤ 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float Before(int end) => ref Table[16 - end];
}
