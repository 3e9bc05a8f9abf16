using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConvGen.Internal.Simd;

namespace ConvGen.Internal;

/// <summary>
/// Winograd F(2×2, 3×3) for generated layers whose plan picks it (3×3, stride 1, dilation 1, many channels):
/// a 2×2 output tile is Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A for a 4×4 input patch d and a 3×3 kernel g, so the 36
/// multiplies of a tile per (input, output) channel pair become 16, and the sum over input channels is
/// taken in the transformed domain: 16 independent products of [tiles × in] by [in × out] matrices.
/// <para>
/// The transforms are written out once here, as fixed sequences of float additions and subtractions (the
/// weight transform also halves, which is exact), so they round the same on every path: the per-block ones
/// act lane by lane on eight channels (<see cref="IBlock8{TAcc}"/>), the weight transform is scalar code
/// shared by all paths.
/// </para>
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WinogradF23
{
    /// <summary>Positions of a transformed 4×4 tile (ξ = 4 · row + column).</summary>
    public const int Positions = 16;

    /// <summary>
    /// Transforms every 3×3 kernel of <paramref name="weight"/> (<c>[out, in, 3, 3]</c>) to its 4×4
    /// <c>U = G g Gᵀ</c>, written as <c>transformed[ξ][in][out]</c> (output channels contiguous, the order the
    /// products read). G = [[1, 0, 0], [½, ½, ½], [½, −½, ½], [0, 0, 1]].
    /// </summary>
    public static void TransformWeights(ReadOnlySpan<float> weight, int outChannels, int inChannels, Span<float> transformed) =>
        Transform(weight, outChannels, inChannels, transformed, forInputGradient: false);

    /// <summary>
    /// For the input gradient (a stride-1 correlation of the framed output gradient with the kernels turned
    /// by 180° and the channels' roles swapped): every kernel g of <paramref name="weight"/> (<c>[out, in, 3, 3]</c>)
    /// turned by 180°, then transformed to <c>G rot180(g) Gᵀ</c> by the same operations as
    /// <see cref="TransformWeights"/>, written as <c>transformed[ξ][out][in]</c> (input channels contiguous:
    /// the products sum over output channels and are vectorised over input channels).
    /// </summary>
    public static void TransformWeightsForInputGradient(ReadOnlySpan<float> weight, int outChannels, int inChannels, Span<float> transformed) =>
        Transform(weight, outChannels, inChannels, transformed, forInputGradient: true);

    /// <summary>
    /// Kernels the weight transforms stage at a time. The 16 positions of one kernel are 16 elements a whole matrix apart
    /// (<c>pairs</c> floats: 16 KiB for 64 × 64 channels), all in one L1 set; written (or read) kernel by kernel, every
    /// element missed L1, and transforming S6's 4096 kernels took 210–270 µs. A block's kernels go through a 16 × 64
    /// stack buffer instead, which is written out (or filled) as 16 contiguous runs. The arithmetic is unchanged.
    /// </summary>
    private const int KernelBlock = 64;

    /// <summary>Both weight transforms: the kernel as is into <c>[ξ][in][out]</c>, or turned by 180° into <c>[ξ][out][in]</c>.</summary>
    private static void Transform(ReadOnlySpan<float> weight, int outChannels, int inChannels, Span<float> transformed, bool forInputGradient)
    {
        Check(weight, outChannels, inChannels, transformed);
        int pairs = outChannels * inChannels;
        ref float g = ref MemoryMarshal.GetReference(weight);
        Span<float> staged = stackalloc float[Positions * KernelBlock];
        ref float st = ref MemoryMarshal.GetReference(staged);
        for (int p0 = 0; p0 < pairs; p0 += KernelBlock)
        {
            int n = Math.Min(KernelBlock, pairs - p0);
            // Destination p is [out][in] (kernel p) for the input gradient, [in][out] for the forward pass: (o, k) = (p mod out, p / out).
            int o = p0 % outChannels, k = p0 / outChannels;
            for (int p = 0; p < n; p++)
            {
                int kernel = forInputGradient ? p0 + p : o * inChannels + k;
                TransformKernel(ref Unsafe.Add(ref g, kernel * 9), flip: forInputGradient, ref Unsafe.Add(ref st, p), KernelBlock);
                if (++o == outChannels) { o = 0; k++; }
            }
            for (int xi = 0; xi < Positions; xi++)
                staged.Slice(xi * KernelBlock, n).CopyTo(transformed.Slice(xi * pairs + p0, n));
        }
    }

    private static void Check(ReadOnlySpan<float> weight, int outChannels, int inChannels, Span<float> transformed)
    {
        int pairs = outChannels * inChannels;
        if (weight.Length < pairs * 9 || transformed.Length < Positions * pairs)
            throw new ArgumentException($"Winograd weights of {outChannels}x{inChannels} kernels need {pairs * 9} and {Positions * pairs} elements; got {weight.Length} and {transformed.Length}.");
    }

    /// <summary>
    /// One kernel <paramref name="gk"/> (row-major 3×3; read turned by 180° when <paramref name="flip"/>) to
    /// <c>U = G g Gᵀ</c>, position ξ written at <c>uk[ξ · <paramref name="position"/>]</c>: h = G g column by column,
    /// then U = h Gᵀ row by row, each the combination (v0, (v0 + v2 + v1) / 2, (v0 + v2 − v1) / 2, v2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformKernel(ref float gk, bool flip, ref float uk, int position)
    {
        // h = G g (4 × 3): row 0 is g's first row, row 3 its last; rows 1 and 2 combine each column.
        float g00 = Tap(ref gk, 0, flip), g01 = Tap(ref gk, 1, flip), g02 = Tap(ref gk, 2, flip);
        float g10 = Tap(ref gk, 3, flip), g11 = Tap(ref gk, 4, flip), g12 = Tap(ref gk, 5, flip);
        float g20 = Tap(ref gk, 6, flip), g21 = Tap(ref gk, 7, flip), g22 = Tap(ref gk, 8, flip);
        float o0 = g00 + g20, o1 = g01 + g21, o2 = g02 + g22;
        TransformRow(g00, g01, g02, ref uk, 0, position);
        TransformRow((o0 + g10) * 0.5f, (o1 + g11) * 0.5f, (o2 + g12) * 0.5f, ref uk, 1, position);
        TransformRow((o0 - g10) * 0.5f, (o1 - g11) * 0.5f, (o2 - g12) * 0.5f, ref uk, 2, position);
        TransformRow(g20, g21, g22, ref uk, 3, position);
    }

    /// <summary>Row <paramref name="r"/> of <c>U = h Gᵀ</c> from row r of h.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformRow(float h0, float h1, float h2, ref float uk, int r, int position)
    {
        float outer = h0 + h2;
        Unsafe.Add(ref uk, (4 * r) * position) = h0;
        Unsafe.Add(ref uk, (4 * r + 1) * position) = (outer + h1) * 0.5f;
        Unsafe.Add(ref uk, (4 * r + 2) * position) = (outer - h1) * 0.5f;
        Unsafe.Add(ref uk, (4 * r + 3) * position) = h2;
    }

    /// <summary>
    /// The weight gradient's last step: every 4×4 gradient <c>dU</c> of <paramref name="transformed"/> (<c>[ξ][in][out]</c>,
    /// the layout <see cref="TransformWeights"/> writes, summed over the tiles of every batch item) back to its 3×3 kernel's
    /// <c>dW = Gᵀ dU G</c>, added into <paramref name="weightGrad"/> (<c>[out, in, 3, 3]</c>; Backward adds, as autograd does).
    /// Gᵀ = [[1, ½, ½, 0], [0, ½, −½, 0], [0, ½, ½, 1]]: rows first, then columns, each a fixed sequence of float
    /// additions, subtractions and exact halvings; scalar code shared by all paths, so it rounds the same on every one.
    /// </summary>
    public static void AddWeightGradient(ReadOnlySpan<float> transformed, int outChannels, int inChannels, Span<float> weightGrad)
    {
        int pairs = outChannels * inChannels;
        if (weightGrad.Length < pairs * 9 || transformed.Length < Positions * pairs)
            throw new ArgumentException($"Winograd weight gradients of {outChannels}x{inChannels} kernels need {Positions * pairs} and {pairs * 9} elements; got {transformed.Length} and {weightGrad.Length}.");
        ref float dw = ref MemoryMarshal.GetReference(weightGrad);
        // A block of kernels at a time, their 16 positions first copied out as contiguous runs (see KernelBlock).
        Span<float> staged = stackalloc float[Positions * KernelBlock];
        ref float st = ref MemoryMarshal.GetReference(staged);
        for (int p0 = 0; p0 < pairs; p0 += KernelBlock)
        {
            int n = Math.Min(KernelBlock, pairs - p0);
            for (int xi = 0; xi < Positions; xi++)
                transformed.Slice(xi * pairs + p0, n).CopyTo(staged.Slice(xi * KernelBlock, n));
            // Element p of [in][out] is kernel (o, k) = (p mod out, p / out); each weight's gradient takes one addition per call.
            int o = p0 % outChannels, k = p0 / outChannels;
            for (int p = 0; p < n; p++)
            {
                AddKernelGradient(ref Unsafe.Add(ref st, p), KernelBlock, ref Unsafe.Add(ref dw, (o * inChannels + k) * 9));
                if (++o == outChannels) { o = 0; k++; }
            }
        }
    }

    /// <summary>
    /// One kernel's <c>dW = Gᵀ dU G</c> added into <paramref name="dwk"/> (row-major 3×3); position ξ of dU is read at
    /// <c>duk[ξ · <paramref name="position"/>]</c>. h = Gᵀ dU (3 × 4) column by column, then dW = h G row by row, each the
    /// combination (v0 + (v1 + v2) / 2, (v1 − v2) / 2, (v1 + v2) / 2 + v3).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddKernelGradient(ref float duk, int position, ref float dwk)
    {
        float u00 = Unsafe.Add(ref duk, 0), u01 = Unsafe.Add(ref duk, position), u02 = Unsafe.Add(ref duk, 2 * position), u03 = Unsafe.Add(ref duk, 3 * position);
        float u10 = Unsafe.Add(ref duk, 4 * position), u11 = Unsafe.Add(ref duk, 5 * position), u12 = Unsafe.Add(ref duk, 6 * position), u13 = Unsafe.Add(ref duk, 7 * position);
        float u20 = Unsafe.Add(ref duk, 8 * position), u21 = Unsafe.Add(ref duk, 9 * position), u22 = Unsafe.Add(ref duk, 10 * position), u23 = Unsafe.Add(ref duk, 11 * position);
        float u30 = Unsafe.Add(ref duk, 12 * position), u31 = Unsafe.Add(ref duk, 13 * position), u32 = Unsafe.Add(ref duk, 14 * position), u33 = Unsafe.Add(ref duk, 15 * position);
        // h = Gᵀ dU, column c from (u0c, u1c, u2c, u3c).
        float half0 = (u10 + u20) * 0.5f, half1 = (u11 + u21) * 0.5f, half2 = (u12 + u22) * 0.5f, half3 = (u13 + u23) * 0.5f;
        AddGradientRow(u00 + half0, u01 + half1, u02 + half2, u03 + half3, ref dwk, 0);
        AddGradientRow((u10 - u20) * 0.5f, (u11 - u21) * 0.5f, (u12 - u22) * 0.5f, (u13 - u23) * 0.5f, ref dwk, 1);
        AddGradientRow(half0 + u30, half1 + u31, half2 + u32, half3 + u33, ref dwk, 2);
    }

    /// <summary>Row <paramref name="r"/> of <c>dW = h G</c> from row r of h, added into the kernel's gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientRow(float h0, float h1, float h2, float h3, ref float dwk, int r)
    {
        float half = (h1 + h2) * 0.5f;
        Unsafe.Add(ref dwk, 3 * r) += h0 + half;
        Unsafe.Add(ref dwk, 3 * r + 1) += (h1 - h2) * 0.5f;
        Unsafe.Add(ref dwk, 3 * r + 2) += half + h3;
    }

    /// <summary>Tap i (row-major) of a 3×3 kernel, or of the kernel turned by 180° (tap 8 − i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Tap(ref float gk, int i, bool flip) => Unsafe.Add(ref gk, flip ? 8 - i : i);

    /// <summary>
    /// Copies the planes <paramref name="planes"/> (<c>[channels][height][width]</c>) into channel-last order,
    /// <c>destination[row][column][channel]</c>, with <paramref name="destinationHeight"/> × <paramref name="destinationWidth"/>
    /// pixels: the rows and columns past the planes' are set to zero (the 2×2 tiles of an odd output read them).
    /// A pure copy, the same on every path.
    /// </summary>
    public static void ToChannelLast(ReadOnlySpan<float> planes, int channels, int height, int width,
                                     Span<float> destination, int destinationHeight, int destinationWidth) =>
        ToChannelLast(planes, channels, height, width, destination, destinationHeight, destinationWidth, 0, 0);

    /// <summary>
    /// <see cref="ToChannelLast(ReadOnlySpan{float}, int, int, int, Span{float}, int, int)"/> inside a zero frame: the planes'
    /// pixel (i, j) goes to (<paramref name="top"/> + i, <paramref name="left"/> + j), every other pixel is set to zero
    /// (the input gradient frames the output gradient by the kernel's reach less the padding).
    /// </summary>
    public static void ToChannelLast(ReadOnlySpan<float> planes, int channels, int height, int width,
                                     Span<float> destination, int destinationHeight, int destinationWidth, int top, int left)
    {
        int plane = height * width;
        if (top < 0 || left < 0 || destinationHeight < top + height || destinationWidth < left + width || planes.Length < channels * plane ||
            destination.Length < destinationHeight * destinationWidth * channels)
            throw new ArgumentException($"Channel-last copy of {channels}x{height}x{width} at ({top}, {left}) into {destinationHeight}x{destinationWidth}x{channels}: spans of {planes.Length} and {destination.Length} elements.");
        ref float src = ref MemoryMarshal.GetReference(planes);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int rowLength = destinationWidth * channels;
        if (top > 0)
            destination.Slice(0, top * rowLength).Clear();
        for (int r = 0; r < height; r++)
        {
            int start = (top + r) * rowLength;
            if (left > 0)
                destination.Slice(start, left * channels).Clear();
            Transpose.Strided(ref Unsafe.Add(ref src, r * width), channels, width, plane, ref Unsafe.Add(ref dst, start + left * channels), channels);
            if (destinationWidth > left + width)
                destination.Slice(start + (left + width) * channels, (destinationWidth - left - width) * channels).Clear();
        }
        if (destinationHeight > top + height)
            destination.Slice((top + height) * rowLength, (destinationHeight - top - height) * rowLength).Clear();
    }

    /// <summary>
    /// One 4×4 input patch of eight channels to <c>V = Bᵀ d B</c>, Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]:
    /// rows first, then columns. <paramref name="d"/> is the patch's top-left pixel (its first channel),
    /// <paramref name="column"/> and <paramref name="row"/> the strides to the next pixel and row;
    /// position ξ goes to <c>v[ξ · position]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InputTile<TBlk, TAcc>(ref float d, nint column, nint row, ref float v, nint position)
        where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged
    {
        // Row r of Bᵀ d combines two patch rows: (0, 2), (1, 2), (2, 1), (1, 3), as a − b or a + b.
        InputRow<TBlk, TAcc>(ref d, ref Unsafe.Add(ref d, 2 * row), column, add: false, ref v, position);
        InputRow<TBlk, TAcc>(ref Unsafe.Add(ref d, row), ref Unsafe.Add(ref d, 2 * row), column, add: true, ref Unsafe.Add(ref v, 4 * position), position);
        InputRow<TBlk, TAcc>(ref Unsafe.Add(ref d, 2 * row), ref Unsafe.Add(ref d, row), column, add: false, ref Unsafe.Add(ref v, 8 * position), position);
        InputRow<TBlk, TAcc>(ref Unsafe.Add(ref d, row), ref Unsafe.Add(ref d, 3 * row), column, add: false, ref Unsafe.Add(ref v, 12 * position), position);
    }

    /// <summary>One row of V: f = a ± b over the 4 columns, then f B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputRow<TBlk, TAcc>(ref float a, ref float b, nint column, bool add, ref float v, nint position)
        where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged
    {
        TAcc f0 = Combine<TBlk, TAcc>(TBlk.Load(ref a, 0), TBlk.Load(ref b, 0), add);
        TAcc f1 = Combine<TBlk, TAcc>(TBlk.Load(ref a, column), TBlk.Load(ref b, column), add);
        TAcc f2 = Combine<TBlk, TAcc>(TBlk.Load(ref a, 2 * column), TBlk.Load(ref b, 2 * column), add);
        TAcc f3 = Combine<TBlk, TAcc>(TBlk.Load(ref a, 3 * column), TBlk.Load(ref b, 3 * column), add);
        TBlk.Store(TBlk.Subtract(f0, f2), ref v, 0);
        TBlk.Store(TBlk.Add(f1, f2), ref v, position);
        TBlk.Store(TBlk.Subtract(f2, f1), ref v, 2 * position);
        TBlk.Store(TBlk.Subtract(f1, f3), ref v, 3 * position);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TAcc Combine<TBlk, TAcc>(TAcc a, TAcc b, bool add)
        where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged
        => add ? TBlk.Add(a, b) : TBlk.Subtract(a, b);

    /// <summary>
    /// One tile's 16 products of eight channels (<c>m[ξ · position]</c>) to its 2×2 outputs, <c>Aᵀ m A + bias</c>,
    /// Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]]: rows first, then columns, the bias added last. <paramref name="y"/> is the
    /// top-left output (its first channel), <paramref name="column"/> and <paramref name="row"/> the strides to
    /// the next pixel and row; the right column and the bottom row are written only when they exist (odd outputs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OutputTile<TBlk, TAcc>(ref float m, nint position, TAcc bias, ref float y, nint column, nint row, bool right, bool bottom)
        where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged
    {
        // s_c = m0c + m1c + m2c and d_c = m1c − m2c − m3c, column by column.
        TAcc s0, s1, s2, s3, d0, d1, d2, d3;
        OutputColumn<TBlk, TAcc>(ref m, position, out s0, out d0);
        OutputColumn<TBlk, TAcc>(ref Unsafe.Add(ref m, position), position, out s1, out d1);
        OutputColumn<TBlk, TAcc>(ref Unsafe.Add(ref m, 2 * position), position, out s2, out d2);
        OutputColumn<TBlk, TAcc>(ref Unsafe.Add(ref m, 3 * position), position, out s3, out d3);
        TBlk.Store(TBlk.Add(TBlk.Add(TBlk.Add(s0, s1), s2), bias), ref y, 0);
        if (right)
            TBlk.Store(TBlk.Add(TBlk.Subtract(TBlk.Subtract(s1, s2), s3), bias), ref y, column);
        if (bottom)
        {
            TBlk.Store(TBlk.Add(TBlk.Add(TBlk.Add(d0, d1), d2), bias), ref y, row);
            if (right)
                TBlk.Store(TBlk.Add(TBlk.Subtract(TBlk.Subtract(d1, d2), d3), bias), ref y, row + column);
        }
    }

    /// <summary>Column c of Aᵀ m: rows 0..3 of the column at <c>m[4 · r · position]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputColumn<TBlk, TAcc>(ref float m, nint position, out TAcc sum, out TAcc difference)
        where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged
    {
        TAcc m0 = TBlk.Load(ref m, 0), m1 = TBlk.Load(ref m, 4 * position), m2 = TBlk.Load(ref m, 8 * position), m3 = TBlk.Load(ref m, 12 * position);
        sum = TBlk.Add(TBlk.Add(m0, m1), m2);
        difference = TBlk.Subtract(TBlk.Subtract(m1, m2), m3);
    }

    /// <summary>
    /// The weight gradient's transform of one 2×2 output-gradient tile of eight channels: <c>dM = A dY Aᵀ</c> (4×4),
    /// A = [[1, 0], [1, 1], [1, −1], [0, −1]] (the transpose of the forward pass's Aᵀ), so that the tile's gradient of the
    /// transformed kernel is <c>V ⊙ dM</c>. Rows first, then columns; each row or column (a, b) becomes (a, a + b, a − b, 0 − b),
    /// float additions and subtractions only, the same on every path. <paramref name="dy"/> is the tile's top-left gradient
    /// (its first channel), <paramref name="column"/> and <paramref name="row"/> the strides to the next pixel and row
    /// (tiles past an odd output's edge read zeros there); position ξ goes to <c>m[ξ · position]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OutputGradientTile<TBlk, TAcc>(ref float dy, nint column, nint row, ref float m, nint position)
        where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged
    {
        TAcc y00 = TBlk.Load(ref dy, 0), y01 = TBlk.Load(ref dy, column);
        TAcc y10 = TBlk.Load(ref dy, row), y11 = TBlk.Load(ref dy, row + column);
        // A dY: rows y0, y0 + y1, y0 − y1, 0 − y1 (two columns each), then each row times Aᵀ.
        GradientRow<TBlk, TAcc>(y00, y01, ref m, position);
        GradientRow<TBlk, TAcc>(TBlk.Add(y00, y10), TBlk.Add(y01, y11), ref Unsafe.Add(ref m, 4 * position), position);
        GradientRow<TBlk, TAcc>(TBlk.Subtract(y00, y10), TBlk.Subtract(y01, y11), ref Unsafe.Add(ref m, 8 * position), position);
        GradientRow<TBlk, TAcc>(TBlk.Subtract(TBlk.Zero, y10), TBlk.Subtract(TBlk.Zero, y11), ref Unsafe.Add(ref m, 12 * position), position);
    }

    /// <summary>One row (a, b) of A dY to its row of dM: (a, a + b, a − b, 0 − b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientRow<TBlk, TAcc>(TAcc a, TAcc b, ref float m, nint position)
        where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged
    {
        TBlk.Store(a, ref m, 0);
        TBlk.Store(TBlk.Add(a, b), ref m, position);
        TBlk.Store(TBlk.Subtract(a, b), ref m, 2 * position);
        TBlk.Store(TBlk.Subtract(TBlk.Zero, b), ref m, 3 * position);
    }
}
