using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConvGen.Internal;

/// <summary>
/// A layer's work buffer (packed weights, channel-last copies, staging) whose first element sits on a
/// 64-byte boundary, one cache line. A <c>float[]</c> starts wherever the GC put it, so in one process a
/// vector of 8 floats at a block boundary may straddle two lines and in the next it does not (S6 ran up to
/// 9 % slower with every buffer 8 bytes past a line than with every buffer on one, measured). Here every
/// block of 8 (or 16) floats from the start lies within one line, in every process.
/// </summary>
/// <remarks>
/// The array lives on the pinned object heap, so the offset found at allocation stays right; it is
/// zeroed when allocated, as <c>new float[]</c> is, and the layers rely on that for frames and slack.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkBuffer
{
    /// <summary>The alignment of <see cref="Start"/>, in bytes.</summary>
    public const int Alignment = 64;

    private float[] _array = [];
    private int _offset;

    /// <summary>A zeroed buffer of <paramref name="length"/> floats (0: none yet; <see cref="Ensure"/> grows it).</summary>
    public WorkBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Allocate(length);
    }

    /// <summary>The number of floats the buffer holds.</summary>
    public int Length { get; private set; }

    /// <summary>The first float, on a 64-byte boundary.</summary>
    public ref float Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset);

    /// <summary>All <see cref="Length"/> floats.</summary>
    public Span<float> Span => _array.AsSpan(_offset, Length);

    /// <summary>
    /// The first <paramref name="length"/> floats, after replacing the buffer by a larger zeroed one if it is
    /// too small (the only allocation a layer makes after construction, and only when it first sees a larger input).
    /// </summary>
    public Span<float> Ensure(int length)
    {
        if (Length < length)
            Allocate(length);
        return _array.AsSpan(_offset, length);
    }

    private unsafe void Allocate(int length)
    {
        // A float array's data starts on a 4-byte (in practice 8-byte) boundary: at most 15 floats to skip. One more
        // keeps Start inside the array even when the length is 0 (a reference past an array's end is not GC-safe).
        const int slack = Alignment / sizeof(float);
        float[] array = GC.AllocateArray<float>(length + slack, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int skipBytes = (int)((Alignment - address % Alignment) % Alignment);
        _offset = skipBytes / sizeof(float);
        _array = array;
        Length = length;
    }
}
