using System.ComponentModel;
using System.Runtime.Intrinsics;

namespace ConvGen.Internal;

/// <summary>Chooses the instruction-set path a generated layer runs.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Paths
{
    /// <summary>
    /// Returns <paramref name="requested"/>, or for <see cref="ConvPath.Auto"/> the widest path this CPU
    /// accelerates. <c>IsHardwareAccelerated</c> is a JIT-time constant, so the choice costs nothing.
    /// </summary>
    public static ConvPath Resolve(ConvPath requested) => requested switch
    {
        ConvPath.Auto when Vector512.IsHardwareAccelerated => ConvPath.Vector512,
        ConvPath.Auto when Vector256.IsHardwareAccelerated => ConvPath.Vector256,
        ConvPath.Auto when Vector128.IsHardwareAccelerated => ConvPath.Vector128,
        ConvPath.Auto => ConvPath.Scalar,
        ConvPath.Vector512 or ConvPath.Vector256 or ConvPath.Vector128 or ConvPath.Scalar => requested,
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "unknown ConvPath"),
    };
}
