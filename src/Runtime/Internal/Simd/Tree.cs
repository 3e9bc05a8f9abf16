using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal.Simd;

internal static class Tree
{
    /// <summary>
    /// Given t = (p0 + p4, p1 + p5, p2 + p6, p3 + p7), returns ((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7)),
    /// the order <see cref="ReduceScalar.Sum"/> uses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> t) =>
        (t.GetElement(0) + t.GetElement(2)) + (t.GetElement(1) + t.GetElement(3));
}
