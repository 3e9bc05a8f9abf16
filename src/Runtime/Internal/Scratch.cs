using System.ComponentModel;

namespace ConvGen.Internal;

/// <summary>Per-layer work buffers that grow to the largest size seen and are then reused.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Scratch
{
    /// <summary>
    /// Returns the first <paramref name="length"/> elements of <paramref name="buffer"/>, replacing it by a
    /// larger array first when it is too small (the only allocation a layer makes after construction, and
    /// only when it first sees a larger input).
    /// </summary>
    public static Span<float> Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new float[length];
        return buffer.AsSpan(0, length);
    }
}
