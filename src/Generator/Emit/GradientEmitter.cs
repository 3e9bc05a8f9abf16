using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the weight- and bias-gradient reductions. Each weight's gradient is kept as eight partial
/// sums and combined in one fixed tree, on every path. A row is read in 8-column blocks from column 0
/// (column j in lane j mod 8); a stride-1 row's tail is one block ending at the row's end (column j in
/// lane j - (ow - 8)) with the lanes already counted masked to zero; a fixed row shorter than 8 is one
/// block with the lanes outside it masked to zero (<see cref="NarrowGradientRows"/>); run-time rows shorter
/// than 8 and strided columns go through zero-padded 8-lane blocks. 0 · 0 adds nothing. A single-channel tile whose gradient
/// rows share input rows takes two rows per step (see <see cref="GradientTile"/>).
/// </summary>
internal static class GradientEmitter
{
    public const string Constraints = "where TRed : struct, IReduce8<TAcc> where TAcc : unmanaged";

    public static void EmitWeightGradient(CodeWriter w, LayerPlan plan, int[]? fixedSizes)
    {
        var s = plan.Spec;
        var tile = plan.WeightGradTile;
        bool blocks = UsesPaddedBlocks(plan, fixedSizes);
        string sizes = fixedSizes is null ? ", int xh, int xw" : "";
        string outSizes = fixedSizes is null ? ", int oh, int ow" : "";
        string tileSizes = fixedSizes is null ? "xw, xPlane, " : "";
        string tileOutSizes = fixedSizes is null ? ", yPlane, oh, ow" : "";
        bool foldsBias = plan.WeightGradFoldsBias;
        w.Doc("Adds one batch item's weight gradient into <c>dw</c>: for every weight, the sum over output positions of output gradient × the input it multiplied" +
              (foldsBias ? "; and its bias gradient into <c>db</c>, from the same output-gradient blocks." : "."));
        w.Block($"private static void WeightGradItem<TRed, TAcc>(ref float x{sizes}, ref float dy{outSizes}, ref float dw{(foldsBias ? ", ref float db" : "")})", () =>
        {
            if (fixedSizes is { } f)
                w.Line($"const int xh = {f[0]}, xw = {f[1]}, oh = {f[2]}, ow = {f[3]};");
            w.Line("int xPlane = xh * xw, yPlane = oh * ow;");
            if (blocks)
            {
                w.Line(plan.GatherGradientColumns
                    ? "// Zero-padded 8-lane blocks for strided columns: the tile's gradient rows, then one input block."
                    : "// Zero-padded 8-lane blocks for rows shorter than 8: the tile's gradient rows, then one input block.");
                w.Line($"Span<float> blocks = stackalloc float[{8 * (tile.Planes + 1)}];");
                w.Line("ref float tb = ref MemoryMarshal.GetReference(blocks);");
            }
            string tb = blocks ? ", ref tb" : "";
            TileLoop.Emit(w, s.Groups, s.OutPerGroup, tile.Planes,
                preamble: () => w.Line($"ref float xg = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Mul("g", s.InPerGroup), "xPlane")});"),
                call: (size, o) =>
                {
                    string plane = Expr.Factor(Expr.Add(Expr.Mul("g", s.OutPerGroup), o));
                    return $"WeightGradTile{size}<TRed, TAcc>(ref xg, {tileSizes}ref Unsafe.Add(ref dy, {Expr.Mul(plane, "yPlane")}){tileOutSizes}, " +
                           $"ref Unsafe.Add(ref dw, {Expr.Mul(plane, s.InPerGroup * s.Taps)})" +
                           (foldsBias ? $", ref Unsafe.Add(ref db, {plane})" : "") + $"{tb});";
                });
        }, Constraints);
        w.Line();
        WeightGradTile(w, plan, tile, fixedSizes, blocks);
        if (plan.WeightGradRemainderTile is { } rest)
            WeightGradTile(w, plan, rest, fixedSizes, blocks);
    }

    /// <summary>
    /// Whether some row goes through the zero-padded scratch blocks: strided columns always do; stride-1
    /// rows only when shorter than one block (a longer row's tail is one overlapped, masked block), and
    /// not when they are fixed and each read as one masked block.
    /// </summary>
    private static bool UsesPaddedBlocks(LayerPlan plan, int[]? fixedSizes) =>
        plan.GatherGradientColumns || fixedSizes is null || fixedSizes[3] < 8 && plan.WeightGradNarrowRows is null;

    private static void WeightGradTile(CodeWriter w, LayerPlan plan, GradientTile tile, int[]? fixedSizes, bool blocks)
    {
        var s = plan.Spec;
        int planes = tile.Planes, tapsPerChunk = tile.Taps;
        string sizes = fixedSizes is null ? ", int xw, int xPlane" : "";
        string outSizes = fixedSizes is null ? ", int yPlane, int oh, int ow" : "";
        string tbParameter = blocks ? ", ref float tb" : "";
        // Only a one-channel tile folds the bias in (see LayerPlan.WeightGradFoldsBias): its first chunk takes db.
        bool foldsBias = plan.WeightGradFoldsBias;
        string dbParameter = foldsBias ? ", ref float db" : "";
        w.Doc($"Weight gradient of output channels dy .. dy + {planes - 1}: {tapsPerChunk} tap{(tapsPerChunk > 1 ? "s" : "")} × {planes} channel{(planes > 1 ? "s" : "")} of 8-lane partial sums at a time" +
              (foldsBias ? "; the first chunk also sums the bias gradient." : "."));
        w.Block($"private static void WeightGradTile{planes}<TRed, TAcc>(ref float x{sizes}, ref float dy{outSizes}, ref float dw{dbParameter}{tbParameter})", () =>
        {
            if (fixedSizes is { } f)
                w.Line($"const int xPlane = {f[0] * f[1]};");
            string chunkSizes = fixedSizes is null ? ", xw, ref dy, yPlane, oh, ow" : ", ref dy";
            string tb = blocks ? ", ref tb" : "";
            void Body()
            {
                w.Line($"ref float xk = ref Unsafe.Add(ref x, {Expr.Mul("k", "xPlane")});");
                w.Line($"ref float dwk = ref Unsafe.Add(ref dw, {Expr.Mul("k", s.Taps)});");
                for (int first = 0; first < plan.Taps.Count; first += tapsPerChunk)
                    w.Line($"{ChunkName(planes, first)}<TRed, TAcc>(ref xk{chunkSizes}, ref dwk{(foldsBias && first == 0 ? ", ref db" : "")}{tb});");
            }
            w.LoopOrConst("k", s.InPerGroup, Body);
        }, Constraints);
        w.Line();

        // Each chunk of taps is its own method, so the JIT keeps every accumulator in a register.
        string chunkParameters = fixedSizes is null ? ", int xw, ref float dy, int yPlane, int oh, int ow" : ", ref float dy";
        for (int first = 0; first < plan.Taps.Count; first += tapsPerChunk)
        {
            var chunk = new List<Tap>();
            for (int q = first; q < System.Math.Min(first + tapsPerChunk, plan.Taps.Count); q++) chunk.Add(plan.Taps[q]);
            bool sumsBias = foldsBias && first == 0;
            w.Doc($"Weight gradient of taps {string.Join(" ", chunk.Select(t => $"({t.Row},{t.Column})"))} for {planes} output channel{(planes > 1 ? "s" : "")}" +
                  (tile.Rows == 2 ? ", two gradient rows per step" : "") + (sumsBias ? "; and the channel's bias gradient, from the same gradient blocks." : "."));
            w.Block($"private static void {ChunkName(planes, first)}<TRed, TAcc>(ref float xk{chunkParameters}, ref float dwk{(sumsBias ? ", ref float db" : "")}{tbParameter})",
                () => Chunk(w, plan, planes, tile.Rows, chunk, fixedSizes, sumsBias), Constraints);
            w.Line();
        }
    }

    private static string ChunkName(int planes, int firstTap) => $"WeightGradTile{planes}x{firstTap}";

    private static void Chunk(CodeWriter w, LayerPlan plan, int planes, int rows, List<Tap> chunk, int[]? fixedSizes, bool sumsBias)
    {
        var s = plan.Spec;
        var taps = chunk.Select((tap, q) => (tap, q)).ToList();
        var narrowRows = plan.GatherGradientColumns ? null : plan.WeightGradNarrowRows;
        if (fixedSizes is { } f)
            w.Line($"const int xw = {f[1]}, {(narrowRows is null ? $"oh = {f[2]}, " : "")}ow = {f[3]}{(planes > 1 ? $", yPlane = {f[2] * f[3]}" : "")};");
        for (int t = 0; t < planes; t++)
            foreach (var (_, q) in taps)
                w.Line($"TAcc a{t}_{q} = TRed.Zero;");
        if (sumsBias)
            w.Line("TAcc b = TRed.Zero; // the bias gradient's 8 partial sums, from the same gradient blocks");

        // One 8-lane block: the tile's gradient blocks, then each tap's input block feeding every channel.
        void Block(System.Func<int, string> gradient, System.Func<Tap, string> input)
        {
            for (int t = 0; t < planes; t++)
            {
                string block = gradient(t);
                w.Line($"TAcc d{t} = {block};");
            }
            if (sumsBias)
                w.Line("b = TRed.Add(d0, b);");
            foreach (var (tap, q) in taps)
            {
                string block = input(tap); // may first write the lines that fill a zero-padded block
                w.Line($"TAcc x{q} = {block};");
                for (int t = 0; t < planes; t++)
                    w.Line($"a{t}_{q} = TRed.Fma(d{t}, x{q}, a{t}_{q});");
            }
        }

        // The same 8-lane block of gradient rows i (d) and i + 1 (e): input row m (from row i's first) feeds row i's
        // tap (m, v) and row i + 1's tap (m - 1, v), so each input block is loaded once for both. Every accumulator
        // takes row i's product, then row i + 1's.
        void TwoRowBlock(System.Func<int, int, string> gradient, System.Func<int, int, string> input)
        {
            for (int t = 0; t < planes; t++)
                w.Line($"TAcc d{t} = {gradient(t, 0)}, e{t} = {gradient(t, 1)};");
            if (sumsBias)
                w.Line("b = TRed.Add(TRed.Add(d0, e0), b); // both rows' blocks first: one add on the chain per step");
            var byTap = taps.ToDictionary(p => p.tap, p => p.q);
            foreach (int m in InputRows(chunk, 2))
                foreach (int v in chunk.Where(t => t.Row == m || t.Row == m - 1).Select(t => t.Column).Distinct().OrderBy(v => v))
                {
                    var uses = new List<string>();
                    if (byTap.TryGetValue(new Tap(m, v), out int q0))
                        for (int t = 0; t < planes; t++) uses.Add($"a{t}_{q0} = TRed.Fma(d{t}, x, a{t}_{q0});");
                    if (byTap.TryGetValue(new Tap(m - 1, v), out int q1))
                        for (int t = 0; t < planes; t++) uses.Add($"a{t}_{q1} = TRed.Fma(e{t}, x, a{t}_{q1});");
                    w.Line($"x = {input(m, v)}; " + string.Join(" ", uses));
                }
        }

        // A zero-padded block of n (at most 8) columns from j, copied through the scratch blocks (0 · 0 adds nothing).
        void CopiedBlock()
        {
            for (int t = 0; t < planes; t++)
                w.Line($"for (int l = 0; l < 8; l++) Unsafe.Add(ref tb, {Expr.Add("l", 8 * t)}) = l < n ? Unsafe.Add(ref g{t}, j + l) : 0f;");
            Block(t => $"TRed.Load(ref {(t == 0 ? "tb" : $"Unsafe.Add(ref tb, {8 * t})")})", tap =>
            {
                string column = Expr.Add(Expr.Mul("(j + l)", s.StrideWidth), tap.Column * s.DilationWidth);
                w.Line($"for (int l = 0; l < 8; l++) Unsafe.Add(ref tb, {Expr.Add("l", 8 * planes)}) = l < n ? Unsafe.Add(ref r{tap.Row}, {column}) : 0f;");
                return $"TRed.Load(ref Unsafe.Add(ref tb, {8 * planes}))";
            });
        }

        int? ow = fixedSizes?[3];

        // The gradient rows from row i: g0 (and the tile's other channels), and the input rows the chunk reads.
        void RowRefs(int rowsInStep)
        {
            w.Line("ref float g0 = ref Unsafe.Add(ref dy, i * ow);");
            for (int t = 1; t < planes; t++)
                w.Line($"ref float g{t} = ref Unsafe.Add(ref g0, {Expr.Mul(t, "yPlane")});");
            foreach (int u in InputRows(chunk, rowsInStep))
                w.Line($"ref float r{u} = ref Unsafe.Add(ref xk, {Expr.Mul(Expr.Factor(Expr.Add(Expr.Mul("i", s.StrideHeight), u * s.DilationHeight)), "xw")});");
        }

        // A short fixed row's whole blocks, then its masked tail, each at a constant column j (see LayerPlan.WeightGradWritesRowsOut).
        void WrittenOutRow(System.Action whole, System.Action tail)
        {
            for (int j = 0; j + 8 <= ow; j += 8)
                w.Block("", () => { w.Line($"const int j = {j};"); whole(); });
            if (ow % 8 != 0)
                w.Block("", () => { TailComment("const int "); tail(); });
        }

        // One row's block at column j: whole, or (with the mask) the row's tail.
        void RowBlock(string mask) =>
            Block(t => $"TRed.Load(ref Unsafe.Add(ref g{t}, j){mask})",
                  tap => $"TRed.Load(ref Unsafe.Add(ref r{tap.Row}, {Expr.Add("j", tap.Column * s.DilationWidth)}){mask})");

        // One gradient row: whole blocks, then the overlapped masked tail or a zero-padded short row.
        void OneRow()
        {
            RowRefs(1);
            if (plan.WeightGradWritesRowsOut)
            {
                WrittenOutRow(() => RowBlock(""), () => RowBlock(", m"));
                return;
            }
            w.Line("int j = 0;");
            if (plan.GatherGradientColumns)
            {
                w.Block("for (; j < ow; j += 8)", () =>
                {
                    w.Line("// Strided columns, gathered into zero-padded 8-lane blocks (0 · 0 adds nothing).");
                    w.Line("int n = Math.Min(8, ow - j);");
                    CopiedBlock();
                });
                return;
            }
            if (ow is null or >= 8)
                w.Block("for (; j + 8 <= ow; j += 8)", () => RowBlock(""));
            if (ow is null or >= 8 && ow % 8 != 0)
                w.Block(ow is null ? "if (j < ow && ow >= 8)" : "if (j < ow)", () =>
                {
                    TailComment();
                    RowBlock(", m");
                });
            if (ow is null or < 8)
                w.Block(ow is null ? "else if (j < ow)" : "", () =>
                {
                    w.Line("// A row shorter than one block, zero-padded to 8 lanes (0 · 0 adds nothing).");
                    w.Line("int n = ow;");
                    CopiedBlock();
                });
        }

        void TailComment(string declaration = "")
        {
            w.Line("// The row tail as one block ending at the row's end: its first 8 - ow % 8 lanes were counted above,");
            w.Line("// so both operands are masked to +0 there (0 · 0 adds nothing; a masked Inf never meets a 0).");
            w.Line($"{declaration}j = ow - 8;");
        }

        // Fixed rows narrower than a block, each read as one block with its columns in lanes d .. d + ow - 1.
        void NarrowRows(NarrowGradientRows narrow)
        {
            w.Line($"// Each {narrow.Width}-column row is one 8-lane block starting at column j = -d, so column c is in lane c + d; the other");
            w.Line("// lanes are masked to +0 on both operands (0 · 0 adds nothing; a masked Inf or NaN never meets a 0). d is 0 unless");
            w.Line("// the block would read past the end of the gradient or input plane.");
            foreach (var (first, end, shift) in narrow.Runs())
                w.Block("", () =>
                {
                    w.Line($"const int j = {-shift};");
                    w.Line($"TAcc m = TRed.Mask({shift}, {shift + narrow.Width});");
                    void Row()
                    {
                        RowRefs(1);
                        Block(t => $"TRed.Load(ref Unsafe.Add(ref g{t}, j), m)",
                              tap => $"TRed.Load(ref Unsafe.Add(ref r{tap.Row}, {Expr.Add("j", tap.Column * s.DilationWidth)}), m)");
                    }
                    if (end - first == 1)
                    {
                        w.Line($"const int i = {first};");
                        Row();
                    }
                    else
                        w.Block($"for (int i = {first}; i < {end}; i++)", Row);
                });
        }

        if (narrowRows is null && !plan.GatherGradientColumns && (ow is null || (ow >= 8 && ow % 8 != 0)))
        {
            // Built once, not per row: two table loads on the hot path otherwise.
            w.Line("// The row tail's mask: lanes 8 - ow % 8 .. 7, the columns the whole blocks did not count.");
            w.Line($"TAcc m = TRed.Mask({(ow is { } known ? (8 - known % 8).ToString() : "8 - ow % 8")}, 8);");
        }
        if (narrowRows is not null)
        {
            NarrowRows(narrowRows);
        }
        else if (rows == 1)
        {
            w.Block("for (int i = 0; i < oh; i++)", OneRow);
        }
        else
        {
            // Two gradient rows per step (ow >= 8: a narrower run-time row goes one row at a time), then a last row alone.
            string Gradient(int t, int r, string mask) =>
                $"TRed.Load(ref Unsafe.Add(ref g{t}, {(r == 0 ? "j" : "j + ow")}){mask})";
            string Input(int m, int v, string mask) =>
                $"TRed.Load(ref Unsafe.Add(ref r{m}, {Expr.Add("j", v * s.DilationWidth)}){mask})";
            void TwoRows(string mask) => TwoRowBlock((t, r) => Gradient(t, r, mask), (m, v) => Input(m, v, mask));
            w.Line("int i = 0;");
            w.Block(ow is null ? "for (; i + 2 <= oh && ow >= 8; i += 2)" : "for (; i + 2 <= oh; i += 2)", () =>
            {
                w.Line("// Gradient rows i and i + 1 (g0 + ow).");
                RowRefs(2);
                if (plan.WeightGradWritesRowsOut)
                {
                    w.Line("TAcc x;");
                    WrittenOutRow(() => TwoRows(""), () => TwoRows(", m"));
                    return;
                }
                w.Line("int j = 0;");
                w.Line("TAcc x;");
                w.Block("for (; j + 8 <= ow; j += 8)", () => TwoRows(""));
                if (ow is null || ow % 8 != 0)
                    w.Block("if (j < ow)", () =>
                    {
                        TailComment();
                        TwoRows(", m");
                    });
            });
            w.Block("for (; i < oh; i++)", OneRow);
        }
        for (int t = 0; t < planes; t++)
            foreach (var (tap, q) in taps)
                w.Line($"Unsafe.Add(ref dwk, {t * s.InPerGroup * s.Taps + tap.Row * s.KernelWidth + tap.Column}) += TRed.Sum(a{t}_{q});");
        if (sumsBias)
            w.Line("db += TRed.Sum(b);");
    }

    /// <summary>The input rows (relative to gradient row i's first) a step of <paramref name="rowsInStep"/> gradient rows reads for these taps, ascending.</summary>
    private static IEnumerable<int> InputRows(List<Tap> chunk, int rowsInStep) =>
        chunk.SelectMany(t => Enumerable.Range(t.Row, rowsInStep)).Distinct().OrderBy(m => m);

    /// <summary>Independent 8-lane accumulators the bias gradient rotates through (see <see cref="EmitBiasGradient"/>).</summary>
    public const int BiasAccumulators = 4;

    /// <summary>
    /// The bias gradient: each output plane's gradient summed in <see cref="BiasAccumulators"/> accumulators
    /// of 8 partial sums, element e in accumulator (e / 8) mod 4, lane e mod 8, a zero-padded last block in the
    /// last accumulator; then (Σa0 + Σa1) + (Σa2 + Σa3), each Σ the fixed 8-lane tree. One accumulator made the
    /// sum a single chain of dependent adds, waiting on their latency (8 µs for a 256x256 plane); four chains
    /// overlap. The order is fixed by the generated code, not by the register width, so every path agrees.
    /// </summary>
    public static void EmitBiasGradient(CodeWriter w, LayerPlan plan, int[]? fixedSizes)
    {
        var s = plan.Spec;
        const int n = BiasAccumulators;
        string outSizes = fixedSizes is null ? ", int oh, int ow" : "";
        w.Doc("Adds one batch item's bias gradient into <c>db</c>: the sum of each output plane's gradient.");
        w.Block($"private static void BiasGradItem<TRed, TAcc>(ref float dy{outSizes}, ref float db)", () =>
        {
            if (fixedSizes is { } f)
                w.Line($"const int oh = {f[2]}, ow = {f[3]};");
            w.Line("int yPlane = oh * ow;");
            w.Line("Span<float> block = stackalloc float[8];");
            w.Line("ref float bb = ref MemoryMarshal.GetReference(block);");
            w.Block($"for (int o = 0; o < {s.OutChannels}; o++)", () =>
            {
                w.Line("ref float dyo = ref Unsafe.Add(ref dy, o * yPlane);");
                w.Line($"// Element e in accumulator (e / 8) mod {n}, lane e mod 8 ({n} independent chains of adds); a zero-padded last block in a{n - 1}.");
                for (int a = 0; a < n; a++)
                    w.Line($"TAcc a{a} = TRed.Zero;");
                w.Line("int j = 0;");
                w.Block($"for (; j + {8 * n} <= yPlane; j += {8 * n})", () =>
                {
                    for (int a = 0; a < n; a++)
                        w.Line($"a{a} = TRed.Add(ref Unsafe.Add(ref dyo, {Expr.Add("j", 8 * a)}), a{a});");
                });
                for (int a = 0; a < n - 1; a++)
                    w.Line($"if (j + 8 <= yPlane) {{ a{a} = TRed.Add(ref Unsafe.Add(ref dyo, j), a{a}); j += 8; }}");
                w.Block("if (j < yPlane)", () =>
                {
                    w.Line("for (int l = 0; l < 8; l++) Unsafe.Add(ref bb, l) = j + l < yPlane ? Unsafe.Add(ref dyo, j + l) : 0f;");
                    w.Line($"a{n - 1} = TRed.Add(ref bb, a{n - 1});");
                });
                w.Line("Unsafe.Add(ref db, o) += (TRed.Sum(a0) + TRed.Sum(a1)) + (TRed.Sum(a2) + TRed.Sum(a3));");
            });
        }, Constraints);
        w.Line();
    }

    /// <summary>
    /// The bias gradient of a layer whose backward pass has the output gradient channel-last already (the
    /// channel plans transpose it for the weight gradient): per block of 8 channels, the pixels summed in
    /// <see cref="BiasAccumulators"/> accumulators, pixel p in accumulator p mod 4, combined as (a0 + a1) + (a2 + a3)
    /// and added into the running gradient. Whole blocks, no horizontal sums and no tail: on LeNet's C3 (16
    /// planes of 100) the planar sums above cost 0.45 µs, mostly their 8-lane trees and the short last block.
    /// Each lane is one channel's fixed order on every path.
    /// </summary>
    public static void EmitChannelLastBiasGradient(CodeWriter w, LayerPlan plan, int[]? fixedSizes)
    {
        var s = plan.Spec;
        const int n = BiasAccumulators;
        string pixels = fixedSizes is null ? ", int pixels" : "";
        w.Doc("Adds one batch item's bias gradient into <c>db</c> from the channel-last output gradient <c>dyT</c> (<c>[pixel][channel]</c>): each channel's sum over the pixels.");
        w.Block($"private static void BiasGradItem<TBlk, TAcc>(ref float dyT{pixels}, ref float db)", () =>
        {
            if (fixedSizes is { } f)
                w.Line($"const int pixels = {f[2] * f[3]};");
            w.Block($"for (int o = 0; o < {s.OutChannels}; o += 8)", () =>
            {
                w.Line("ref float d = ref Unsafe.Add(ref dyT, o);");
                w.Line($"// Pixel p in accumulator p mod {n} ({n} independent chains of adds per block of 8 channels).");
                w.Line($"TAcc {string.Join(", ", Enumerable.Range(0, n).Select(a => $"a{a} = TBlk.Zero"))};");
                w.Line("int p = 0;");
                w.Block($"for (; p + {n} <= pixels; p += {n})", () =>
                {
                    for (int a = 0; a < n; a++)
                        w.Line($"TBlk.Add(ref a{a}, TBlk.Load(ref d, {Expr.Add(Expr.Mul("p", s.OutChannels), a * s.OutChannels)}));");
                });
                for (int a = 0; a < n - 1; a++)
                    w.Line($"if ({Expr.Add("p", a)} < pixels) TBlk.Add(ref a{a}, TBlk.Load(ref d, {Expr.Add(Expr.Mul("p", s.OutChannels), a * s.OutChannels)}));");
                w.Line("TBlk.Add(ref a0, a1);");
                w.Line("TBlk.Add(ref a2, a3);");
                w.Line("TBlk.Add(ref a0, a2);");
                w.Line("TAcc sum = TBlk.Load(ref db, o);");
                w.Line("TBlk.Add(ref sum, a0);");
                w.Line("TBlk.Store(sum, ref db, o);");
            });
        }, "where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged");
        w.Line();
    }
}
