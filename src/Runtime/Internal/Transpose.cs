using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvGen.Internal;

/// <summary>
/// Matrix transposes used by generated layers whose forward pass vectorises over output channels:
/// weights to channel-last order before the kernel, the channel-last output back to planes after it.
/// Pure copies, shared by every instruction-set path, so they cannot make the paths differ (they may
/// use AVX shuffles whichever path the kernel runs).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Transpose
{
    /// <summary>
    /// Writes the <c>rows × columns</c> matrix <paramref name="source"/> (row-major) transposed into
    /// <paramref name="destination"/>: <c>destination[c · rows + r] = source[r · columns + c]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than <c>rows · columns</c>.</exception>
    public static void Matrix(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        int length = rows * columns;
        if (rows < 0 || columns < 0 || source.Length < length || destination.Length < length)
            throw new ArgumentException($"Transpose of {rows}x{columns} needs {length} elements; source has {source.Length}, destination {destination.Length}.");
        Strided(ref MemoryMarshal.GetReference(source), rows, columns, columns, ref MemoryMarshal.GetReference(destination), rows);
    }

    /// <summary>
    /// Adds the <c>rows × columns</c> matrix <paramref name="source"/> (row-major), transposed, into
    /// <paramref name="destination"/>: <c>destination[c · rows + r] += source[r · columns + c]</c>, one float
    /// addition per element (so the result is the same whichever path runs it). The channel plans' weight
    /// gradient, summed channel-last over a call, goes back into the running gradient this way: one pass instead
    /// of a transpose there and one back.
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than <c>rows · columns</c>.</exception>
    public static void AddMatrix(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        int length = rows * columns;
        if (rows < 0 || columns < 0 || source.Length < length || destination.Length < length)
            throw new ArgumentException($"Transposed add of {rows}x{columns} needs {length} elements; source has {source.Length}, destination {destination.Length}.");
        Strided(ref MemoryMarshal.GetReference(source), rows, columns, columns, ref MemoryMarshal.GetReference(destination), rows, add: true);
    }

    /// <summary>
    /// The <c>rows × columns</c> matrix at <paramref name="src"/> with rows <paramref name="srcStride"/> apart, transposed
    /// into <paramref name="dst"/> with rows <paramref name="dstStride"/> apart: <c>dst[c · dstStride + r] = src[r · srcStride + c]</c>.
    /// Unchecked: the caller guarantees both extents.
    /// </summary>
    internal static void Strided(ref float src, int rows, int columns, int srcStride, ref float dst, int dstStride, bool add = false)
    {
        int r0 = 0;
        if (Avx.IsSupported)
        {
            for (; r0 + 8 <= rows; r0 += 8)
            {
                int c0 = 0;
                for (; c0 + 8 <= columns; c0 += 8)
                    // add as a constant at each call: the inlined block has no branch per store.
                    if (add)
                        Block8x8(ref Unsafe.Add(ref src, r0 * srcStride + c0), srcStride, ref Unsafe.Add(ref dst, c0 * dstStride + r0), dstStride, add: true);
                    else
                        Block8x8(ref Unsafe.Add(ref src, r0 * srcStride + c0), srcStride, ref Unsafe.Add(ref dst, c0 * dstStride + r0), dstStride, add: false);
                Scalar(ref src, srcStride, ref dst, dstStride, r0, r0 + 8, c0, columns, add);
            }
        }
        Scalar(ref src, srcStride, ref dst, dstStride, r0, rows, 0, columns, add);
    }

    /// <summary>Rows [r0, r1) × columns [c0, c1), one element at a time, in 8-column strips so the strided side stays in a few cache lines.</summary>
    private static void Scalar(ref float src, int srcStride, ref float dst, int dstStride, int r0, int r1, int c0, int c1, bool add)
    {
        for (int cs = c0; cs < c1; cs += 8)
        {
            int ce = Math.Min(cs + 8, c1);
            for (int r = r0; r < r1; r++)
                for (int c = cs; c < ce; c++)
                {
                    ref float d = ref Unsafe.Add(ref dst, c * dstStride + r);
                    d = add ? d + Unsafe.Add(ref src, r * srcStride + c) : Unsafe.Add(ref src, r * srcStride + c);
                }
        }
    }

    /// <summary>One 8 × 8 block in registers: unpack pairs of rows, shuffle quads, swap 128-bit halves; stored, or with <paramref name="add"/> (a constant at each call) added into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8x8(ref float src, int srcStride, ref float dst, int dstStride, bool add)
    {
        var r0 = Vector256.LoadUnsafe(ref src);
        var r1 = Vector256.LoadUnsafe(ref src, (nuint)srcStride);
        var r2 = Vector256.LoadUnsafe(ref src, (nuint)(2 * srcStride));
        var r3 = Vector256.LoadUnsafe(ref src, (nuint)(3 * srcStride));
        var r4 = Vector256.LoadUnsafe(ref src, (nuint)(4 * srcStride));
        var r5 = Vector256.LoadUnsafe(ref src, (nuint)(5 * srcStride));
        var r6 = Vector256.LoadUnsafe(ref src, (nuint)(6 * srcStride));
        var r7 = Vector256.LoadUnsafe(ref src, (nuint)(7 * srcStride));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Put(Avx.Permute2x128(s0, s4, 0x20), ref dst, 0, add);
        Put(Avx.Permute2x128(s1, s5, 0x20), ref dst, (nuint)dstStride, add);
        Put(Avx.Permute2x128(s2, s6, 0x20), ref dst, (nuint)(2 * dstStride), add);
        Put(Avx.Permute2x128(s3, s7, 0x20), ref dst, (nuint)(3 * dstStride), add);
        Put(Avx.Permute2x128(s0, s4, 0x31), ref dst, (nuint)(4 * dstStride), add);
        Put(Avx.Permute2x128(s1, s5, 0x31), ref dst, (nuint)(5 * dstStride), add);
        Put(Avx.Permute2x128(s2, s6, 0x31), ref dst, (nuint)(6 * dstStride), add);
        Put(Avx.Permute2x128(s3, s7, 0x31), ref dst, (nuint)(7 * dstStride), add);
    }

    /// <summary>Stores <paramref name="value"/> at <c>dst[offset]</c>, or with <paramref name="add"/> adds it to what is there (<c>dst + value</c>, as <see cref="Scalar"/> does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(Vector256<float> value, ref float dst, nuint offset, bool add)
    {
        if (add)
            value = Avx.Add(Vector256.LoadUnsafe(ref dst, offset), value);
        value.StoreUnsafe(ref dst, offset);
    }
}
