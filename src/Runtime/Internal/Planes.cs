using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConvGen.Internal.Simd;

namespace ConvGen.Internal;

/// <summary>
/// Whole-plane copies used by generated layers around their kernels: padding an input, spreading an
/// output gradient out for the transposed correlation, and folding a padded gradient back. They are
/// shared by every instruction-set path, so they cannot make the paths differ.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Planes
{
    /// <summary>
    /// Writes <paramref name="source"/> (<c>channels × height × width</c>) into <paramref name="destination"/>
    /// (<c>channels × (height + top + bottom) × (width + left + right)</c>), filling the border as <paramref name="mode"/> says.
    /// </summary>
    public static void Pad(ReadOnlySpan<float> source, int channels, int height, int width, Span<float> destination,
                           int top, int bottom, int left, int right, PaddingMode mode)
    {
        int ph = height + top + bottom, pw = width + left + right;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> src = source.Slice(c * height * width, height * width);
            Span<float> dst = destination.Slice(c * ph * pw, ph * pw);
            for (int py = 0; py < ph; py++)
            {
                Span<float> row = dst.Slice(py * pw, pw);
                int y = Map(py - top, height, mode);
                if (y < 0) { row.Clear(); continue; }
                ReadOnlySpan<float> srcRow = src.Slice(y * width, width);
                srcRow.CopyTo(row.Slice(left, width));
                for (int px = 0; px < left; px++)
                    row[px] = At(srcRow, px - left, width, mode);
                for (int px = left + width; px < pw; px++)
                    row[px] = At(srcRow, px - left, width, mode);
            }
        }
    }

    /// <summary>
    /// Zero padding into a buffer whose border is already zero: copies each row of <paramref name="source"/>
    /// (<c>channels × height × width</c>) into the interior of <paramref name="destination"/>
    /// (<c>channels × (height + top + bottom) × (width + left + right)</c>) and writes nothing else. A
    /// fixed-size layer's work buffer keeps one layout for its lifetime and only interiors are ever
    /// written into it, so its border stays as allocated: zero. That saves the border writes and the
    /// per-row mode checks of <see cref="Pad"/>, which were a fifth of a depthwise layer's time.
    /// </summary>
    public static void PadInterior(ReadOnlySpan<float> source, int channels, int height, int width, Span<float> destination,
                                   int top, int bottom, int left, int right)
    {
        int ph = height + top + bottom, pw = width + left + right;
        if (source.Length < channels * height * width || destination.Length < channels * ph * pw)
            throw new ArgumentException($"PadInterior: source has {source.Length} elements and destination {destination.Length}; expected at least {channels * height * width} and {channels * ph * pw}.");
        for (int c = 0; c < channels; c++)
            CopyRows(source.Slice(c * height * width, height * width), width, destination.Slice((c * ph + top) * pw + left), pw, height, width);
    }

    /// <summary>
    /// Copies a block of <paramref name="rows"/> × <paramref name="columns"/> floats: row r starts at
    /// <c>source[r · sourceStride]</c> and goes to <c>destination[r · destinationStride]</c>. Narrow blocks
    /// (a narrow layer's rows, a generated forward pass's band rows) are copied with whole vectors
    /// and one last vector ending at the row's end, without a call per row.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short for the block; nothing is written.</exception>
    public static void CopyRows(ReadOnlySpan<float> source, int sourceStride, Span<float> destination, int destinationStride, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0) return;
        long sourceNeed = (long)(rows - 1) * sourceStride + columns, destinationNeed = (long)(rows - 1) * destinationStride + columns;
        if (columns > sourceStride || columns > destinationStride || source.Length < sourceNeed || destination.Length < destinationNeed)
            throw new ArgumentException($"CopyRows: {rows} rows of {columns} columns need strides of at least {columns} and spans of {sourceNeed} and {destinationNeed} elements; " +
                                        $"got strides {sourceStride} and {destinationStride}, spans of {source.Length} and {destination.Length}.");
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated && columns >= Simd256.Count && columns <= 4 * Simd256.Count)
        {
            CopyRowsInVectors<Simd256, Vector256<float>>(ref src, sourceStride, ref dst, destinationStride, rows, columns);
            return;
        }
        if (Vector128.IsHardwareAccelerated && columns >= Simd128.Count && columns <= 4 * Simd128.Count)
        {
            CopyRowsInVectors<Simd128, Vector128<float>>(ref src, sourceStride, ref dst, destinationStride, rows, columns);
            return;
        }
        for (int r = 0; r < rows; r++)
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref src, (nint)r * sourceStride), columns)
                .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref dst, (nint)r * destinationStride), columns));
    }

    /// <summary>Each row in whole vectors and one last vector ending at the row's end (it rewrites a few floats with the same values).</summary>
    private static void CopyRowsInVectors<TOps, TVec>(ref float src, int sourceStride, ref float dst, int destinationStride, int rows, int columns)
        where TOps : struct, ISimd<TVec> where TVec : unmanaged
    {
        for (int r = 0; r < rows; r++)
        {
            ref float s = ref Unsafe.Add(ref src, (nint)r * sourceStride);
            ref float d = ref Unsafe.Add(ref dst, (nint)r * destinationStride);
            int c = 0;
            for (; c + TOps.Count <= columns; c += TOps.Count)
                TOps.Store(TOps.Load(ref s, c), ref d, c);
            if (c < columns)
                TOps.Store(TOps.Load(ref s, columns - TOps.Count), ref d, columns - TOps.Count);
        }
    }

    /// <summary>
    /// Writes each <c>source[c, i, j]</c> at <c>[c, offsetH + i·strideH, offsetW + j·strideW]</c> of
    /// <paramref name="destination"/> (<c>channels × rows × cols</c>) and zeroes every other position: the output
    /// gradient spread out by the stride and framed by the kernel's reach, so the input gradient becomes a
    /// stride-1 correlation with the flipped kernel. With stride 1 only the frame between the copied rows is
    /// cleared (clearing the whole buffer first cost as much as the copy on a 256x256 plane).
    /// </summary>
    public static void Spread(ReadOnlySpan<float> source, int channels, int height, int width, int strideH, int strideW,
                              int offsetH, int offsetW, Span<float> destination, int rows, int cols)
    {
        if (strideH != 1 || strideW != 1)
        {
            destination.Slice(0, channels * rows * cols).Clear();
            SpreadInterior(source, channels, height, width, strideH, strideW, offsetH, offsetW, destination, rows, cols);
            return;
        }
        int cleared = 0; // everything before this position is written
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < height; i++)
            {
                int start = (c * rows + offsetH + i) * cols + offsetW;
                destination.Slice(cleared, start - cleared).Clear();
                source.Slice((c * height + i) * width, width).CopyTo(destination.Slice(start, width));
                cleared = start + width;
            }
        destination.Slice(cleared, channels * rows * cols - cleared).Clear();
    }

    /// <summary>
    /// <see cref="Spread"/> into a buffer whose other positions are already zero: writes only the spread
    /// elements. A fixed-size layer's spread buffer keeps one layout for its lifetime and only these
    /// positions are ever written into it, so everything else stays as allocated: zero.
    /// </summary>
    public static void SpreadInterior(ReadOnlySpan<float> source, int channels, int height, int width, int strideH, int strideW,
                                      int offsetH, int offsetW, Span<float> destination, int rows, int cols)
    {
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> plane = source.Slice(c * height * width, height * width);
            Span<float> first = destination.Slice((c * rows + offsetH) * cols + offsetW);
            if (strideW == 1)
                CopyRows(plane, width, first, strideH * cols, height, width);
            else
                for (int i = 0; i < height; i++)
                    for (int j = 0; j < width; j++)
                        first[i * strideH * cols + j * strideW] = plane[i * width + j];
        }
    }

    /// <summary>
    /// Overwrites <paramref name="destination"/> (<c>channels × height × width</c>) with the gradient of the
    /// unpadded input, given <paramref name="padded"/>, the gradient of the padded input over its first
    /// <c>rows × cols</c> positions (positions beyond those received no gradient). Border positions are
    /// added onto the input positions they were copied from, in raster order.
    /// </summary>
    public static void Fold(ReadOnlySpan<float> padded, int channels, int rows, int cols, Span<float> destination,
                            int height, int width, int top, int left, PaddingMode mode) =>
        Fold(padded, channels, rows, cols, cols, destination, height, width, top, left, mode);

    /// <summary>
    /// <see cref="Fold(ReadOnlySpan{float}, int, int, int, Span{float}, int, int, int, int, PaddingMode)"/> from planes
    /// whose rows are <paramref name="stride"/> floats apart (at least <paramref name="cols"/>; the floats past
    /// <paramref name="cols"/> in a row are ignored).
    /// </summary>
    public static void Fold(ReadOnlySpan<float> padded, int channels, int rows, int cols, int stride, Span<float> destination,
                            int height, int width, int top, int left, PaddingMode mode)
    {
        if (stride < cols)
            throw new ArgumentException($"Fold: a row stride of {stride} is shorter than the {cols} columns.");
        destination.Slice(0, channels * height * width).Clear();
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> src = padded.Slice(c * rows * stride, rows * stride);
            Span<float> dst = destination.Slice(c * height * width, height * width);
            if (mode == PaddingMode.Zeros)
            {
                // Only the interior maps anywhere: a straight copy of the rows and columns that exist.
                int h = Math.Clamp(rows - top, 0, height), w = Math.Clamp(cols - left, 0, width);
                for (int y = 0; y < h; y++)
                    src.Slice((y + top) * stride + left, w).CopyTo(dst.Slice(y * width, w));
                continue;
            }
            for (int py = 0; py < rows; py++)
            {
                int y = Map(py - top, height, mode);
                for (int px = 0; px < cols; px++)
                {
                    int x = Map(px - left, width, mode);
                    dst[y * width + x] += src[py * stride + px];
                }
            }
        }
    }

    /// <summary>Maps a coordinate relative to the unpadded input to the input coordinate it reads, or −1 for a zero.</summary>
    public static int Map(int p, int size, PaddingMode mode)
    {
        if ((uint)p < (uint)size) return p;
        return mode switch
        {
            PaddingMode.Zeros => -1,
            PaddingMode.Reflect => p < 0 ? -p : 2 * (size - 1) - p,
            PaddingMode.Replicate => p < 0 ? 0 : size - 1,
            PaddingMode.Circular => ((p % size) + size) % size,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown padding mode"),
        };
    }

    private static float At(ReadOnlySpan<float> row, int x, int width, PaddingMode mode)
    {
        int m = Map(x, width, mode);
        return m < 0 ? 0f : row[m];
    }
}
