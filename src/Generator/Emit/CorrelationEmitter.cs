using System.Linq;
using System.Collections.Generic;
using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes a generic correlation kernel (see <see cref="CorrelationKernel"/>): a driver over groups and
/// plane tiles, and one method per tile height with every tap unrolled. Each tile method steps over
/// an output row in register tiles of several vectors, then single vectors, then one overlapped
/// vector; a row narrower than a vector runs the one-vector step with narrower operations (4-lane
/// vectors, or single lanes). Strided rows go one column at a time. Every output element is the same
/// chain of fused multiply-adds in every step kind, so all paths and tails agree to the bit.
/// </summary>
internal static class CorrelationEmitter
{
    public const string Constraints = "where TOps : struct, ISimd<TVec> where TVec : unmanaged";

    public static void Emit(CodeWriter w, LayerPlan plan, CorrelationKernel k)
    {
        Driver(w, k);
        int planes = k.Tile.Planes;
        TileMethod(w, plan, k, planes);
        int remainder = k.OutPerGroup % planes;
        if (remainder != 0)
            TileMethod(w, plan, k, remainder);
    }

    private static string SizeParameters(CorrelationKernel k) => k.FixedSizes is null ? ", int xh, int xw" : "";
    private static string OutParameters(CorrelationKernel k) => k.FixedSizes is null ? ", int oh, int ow" : "";
    private static string TileArguments(CorrelationKernel k) => k.FixedSizes is null ? "xw, xPlane, " : "";
    private static string TileOutArguments(CorrelationKernel k) => k.FixedSizes is null ? ", yPlane, oh, ow" : "";

    private static void Driver(CodeWriter w, CorrelationKernel k)
    {
        int planes = k.Tile.Planes;
        string bias = k.HasBias ? ", ref float bias" : "";
        w.Doc(k.Summary);
        string range = k.GroupRange ? ", int g0, int g1" : "";
        w.Block($"private static void {k.Name}<TOps, TVec>(ref float x{SizeParameters(k)}, ref float weight{bias}, ref float y{OutParameters(k)}{range})", () =>
        {
            if (k.FixedSizes is { } f)
                w.Line($"const int xh = {f[0]}, xw = {f[1]}, oh = {f[2]}, ow = {f[3]};");
            w.Line("int xPlane = xh * xw, yPlane = oh * ow;");
            TileLoop.Emit(w, k.Groups, k.OutPerGroup, planes,
                preamble: () =>
                {
                    w.Line($"ref float xg = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Mul(k.GroupRange ? "(g - g0)" : "g", k.SumPerGroup), "xPlane")});");
                    w.Line($"ref float wg = ref Unsafe.Add(ref weight, {Expr.Mul("g", k.GroupWeightStride)});");
                },
                call: (size, o) =>
                    $"{k.Name}Tile{size}<TOps, TVec>(ref xg, {TileArguments(k)}ref Unsafe.Add(ref wg, {Expr.Mul(o, k.MemberWeightStride)}), " +
                    (k.HasBias ? $"ref Unsafe.Add(ref bias, {Expr.Add(Expr.Mul("g", k.OutPerGroup), o)}), " : "") +
                    $"ref Unsafe.Add(ref y, {Expr.Mul(Expr.Factor(Expr.Add(Expr.Mul("g", k.OutPerGroup), o)), "yPlane")}){TileOutArguments(k)});",
                groupRange: k.GroupRange);
        }, Constraints);
        w.Line();
    }

    private static void TileMethod(CodeWriter w, LayerPlan plan, CorrelationKernel k, int planes)
    {
        var s = plan.Spec;
        bool vectorise = k.StrideWidth == 1;
        int vectors = planes == k.Tile.Planes ? k.Tile.Vectors : Tile.Choose(planes, s.Taps).Vectors;
        string sizes = k.FixedSizes is null ? ", int xw, int xPlane" : "";
        string outSizes = k.FixedSizes is null ? ", int yPlane, int oh, int ow" : "";
        string bias = k.HasBias ? ", ref float bias" : "";
        w.Doc($"Output planes y .. y + {planes - 1} (weights <c>w</c>, source planes from <c>x</c>): " +
              (vectorise ? $"{vectors} vector{(vectors > 1 ? "s" : "")} × {planes} plane{(planes > 1 ? "s" : "")} of accumulators per step." : "one column at a time (strided)."));
        w.Block($"private static void {k.Name}Tile{planes}<TOps, TVec>(ref float x{sizes}, ref float w{bias}, ref float y{outSizes})", () =>
        {
            if (k.FixedSizes is { } f)
                w.Line($"const int xw = {f[1]}, xPlane = {f[0] * f[1]}, oh = {f[2]}, ow = {f[3]}, yPlane = {f[2] * f[3]};");
            bool rowTiles = vectorise && planes == k.Tile.Planes && k.Tile.Rows > 1;
            if (rowTiles)
                w.Line($"int rowTileEnd = 0; // columns of the current {k.Tile.Rows} rows already written by {k.Tile.Rows}-row steps");
            w.Block("for (int i = 0; i < oh; i++)", () =>
            {
                w.Line($"ref float xi = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Mul("i", k.StrideHeight), "xw")});");
                w.Line("ref float yi = ref Unsafe.Add(ref y, i * ow);");
                if (rowTiles)
                {
                    int rows = k.Tile.Rows;
                    w.Block($"if (i % {rows} == 0)", () =>
                    {
                        w.Line($"// Rows i .. i + {rows - 1} together as far as whole tiles go; the rest of each row follows one row at a time.");
                        w.Line("rowTileEnd = 0;");
                        w.Line($"if (i + {rows} <= oh)");
                        foreach (string line in RowStepCalls(k, k.HasBias ? "ref bias, " : "", "rowTileEnd", "ow"))
                            w.Line("    " + line);
                    });
                    w.Line("int j = rowTileEnd;");
                }
                else
                    w.Line("int j = 0;");
                if (vectorise)
                    RowSteps(w, k, planes, vectors, "ow");
                else
                {
                    w.Line("for (; j < ow; j++)");
                    w.Line("    " + StepCall(k, planes, 0));
                }
            });
        }, Constraints);
        w.Line();

        // Each step kind is its own method: one method holding every unrolled variant would have more
        // locals than the JIT tracks in registers.
        if (vectorise)
        {
            foreach (int kind in StepKinds(vectors))
                StepMethod(w, plan, k, planes, kind);
            if (planes == k.Tile.Planes && k.Tile.Rows > 1)
                RowStepMethod(w, plan, k, k.Tile.Rows, k.Tile.RowVectors);
        }
        else
            StepMethod(w, plan, k, planes, 0);
    }

    /// <summary>The step kinds a row of tiles of <paramref name="vectors"/> vectors uses: the tile, then the smaller ones.</summary>
    internal static List<int> StepKinds(int vectors)
    {
        var kinds = new List<int> { vectors };
        foreach (int smaller in Ladder(vectors))
            if (!kinds.Contains(smaller)) kinds.Add(smaller);
        return kinds;
    }

    /// <summary>
    /// The steps along columns j .. <paramref name="end"/> - 1 of one output row: register tiles of
    /// <paramref name="vectors"/> vectors, smaller tiles, then one step ending at <paramref name="end"/> that
    /// overlaps columns already done (recomputed to the same bits). A whole row (<paramref name="regionStart"/>
    /// null) may overlap back to column 0 and may be narrower than a vector; a region of a row (at least one
    /// vector wide) overlaps back only to <paramref name="regionStart"/>.
    /// </summary>
    internal static void RowSteps(CodeWriter w, CorrelationKernel k, int planes, int vectors, string end, string? regionStart = null)
    {
        string Width(int vectorsWide) => regionStart is null ? $"{end} >= {Expr.Mul(vectorsWide, "TOps.Count")}" : $"{end} - {regionStart} >= {Expr.Mul(vectorsWide, "TOps.Count")}";
        if (vectors == 3)
        {
            // A 3-vector tile followed by a last single vector (4 FMA chains or fewer: bound by the FMA's
            // latency, as slow as a 2-vector step) costs more than two 2-vector steps, so the tiles
            // stop when 3 to 4 vectors are left and two 2-vector steps (the second overlapped) end the row.
            w.Line("// Register tiles of 3 vectors, leaving the last 3 to 4 vectors to two 2-vector steps.");
            w.Line($"for (; j + 3 * TOps.Count <= {end} && ({end} - j == 3 * TOps.Count || {end} - j > 4 * TOps.Count); j += 3 * TOps.Count)");
            w.Line("    " + StepCall(k, planes, 3));
        }
        else if (vectors > 1)
        {
            w.Line($"// Register tiles of {vectors} vectors.");
            w.Line($"for (; j + {vectors} * TOps.Count <= {end}; j += {vectors} * TOps.Count)");
            w.Line("    " + StepCall(k, planes, vectors));
        }
        // What is left of the row takes smaller tiles (powers of two), so it still has several FMA chains.
        foreach (int smaller in Ladder(vectors))
        {
            if (smaller == 1)
            {
                if (vectors == 1)
                {
                    w.Line($"for (; j + TOps.Count <= {end}; j += TOps.Count)");
                    w.Line("    " + StepCall(k, planes, 1));
                }
            }
            else
                w.Block($"if (j + {smaller} * TOps.Count <= {end})", () =>
                {
                    w.Line(StepCall(k, planes, smaller));
                    w.Line($"j += {smaller} * TOps.Count;");
                });
        }
        w.Block($"if (j < {end})", () =>
        {
            if (vectors > 1)
            {
                // Less than two vectors are left (exactly two after a 3-vector back-off).
                w.Block($"if ({end} - j > TOps.Count && {Width(2)})", () =>
                {
                    w.Line("// More than one vector left: one 2-vector step ending at the row's end, overlapping what is");
                    w.Line("// done (recomputed to the same bits); twice the FMA chains of two 1-vector steps, in the time of one.");
                    w.Line($"j = {end} - 2 * TOps.Count;");
                    w.Line(StepCall(k, planes, 2));
                });
                w.Line(regionStart is null ? $"else if ({Width(1)})" : "else");
            }
            else if (regionStart is null)
                w.Line($"if ({Width(1)})");
            w.Block("", () =>
            {
                if (vectors > 1)
                {
                    w.Line("// A row of 1 to 2 vectors: one vector first.");
                    w.Line($"if ({end} - j > TOps.Count)");
                    w.Line("    " + StepCall(k, planes, 1));
                }
                w.Line("// One vector ends the row, overlapping what is done: it recomputes a few columns to the same bits.");
                w.Line($"j = {end} - TOps.Count;");
                w.Line(StepCall(k, planes, 1));
            });
            if (regionStart is null)
                NarrowRow(w, k, planes);
        });
    }

    /// <summary>
    /// A row narrower than one vector (on wide paths): the one-vector step run with narrower operations —
    /// two 4-lane vectors (the second overlapped) on the 8-lane path when the row has 4 to 7 columns, else
    /// one lane at a time with <c>SimdScalar</c>. Each output element is still the same chain, so the bits
    /// do not change; the branch is decided per path when the JIT specialises the method.
    /// </summary>
    private static void NarrowRow(CodeWriter w, CorrelationKernel k, int planes)
    {
        w.Block("else if (TOps.Count > 4 && ow >= 4)", () =>
        {
            w.Line("// A row of 4 to 7 columns: two 4-lane vectors, the second overlapping the first.");
            w.Line(StepCall(k, planes, 1, "Simd128, Vector128<float>"));
            w.Line("j = ow - 4;");
            w.Line(StepCall(k, planes, 1, "Simd128, Vector128<float>"));
        });
        w.Line("else");
        w.Line("    for (; j < ow; j++)");
        w.Line("        " + StepCall(k, planes, 1, "SimdScalar, float"));
    }

    private static string StepName(CorrelationKernel k, int planes, int vectors) =>
        vectors == 0 ? $"{k.Name}Tile{planes}Lane" : $"{k.Name}Tile{planes}x{vectors}";

    /// <summary>The call of one step at column j of the current row; <paramref name="vectors"/> 0 means one lane.</summary>
    internal static string StepCall(CorrelationKernel k, int planes, int vectors, string types = "TOps, TVec") =>
        $"{StepName(k, planes, vectors)}<{types}>(ref xi, xw, xPlane, ref w, {(k.HasBias ? "ref bias, " : "")}ref yi, yPlane, j);";

    internal static void StepMethod(CodeWriter w, LayerPlan plan, CorrelationKernel k, int planes, int vectors)
    {
        w.Doc(vectors == 0
            ? $"One output column of planes yi .. yi + {planes - 1} at column j, one lane at a time with MathF.FusedMultiplyAdd."
            : $"Columns j .. j + {vectors} * TOps.Count - 1 of planes yi .. yi + {planes - 1}: {planes * vectors} accumulators.");
        w.Block($"private static void {StepName(k, planes, vectors)}<TOps, TVec>(ref float xi, int xw, int xPlane, ref float w{(k.HasBias ? ", ref float bias" : "")}, ref float yi, int yPlane, int j)", () =>
        {
            for (int t = 0; t < planes; t++)
                w.Line($"float b{t} = {(k.HasBias ? $"Unsafe.Add(ref bias, {t})" : "0f")};");
            if (vectors == 0)
                ScalarStep(w, plan, k, planes);
            else
                VectorStep(w, plan, k, planes, vectors);
        }, Constraints);
        w.Line();
    }

    internal static string RowStepName(CorrelationKernel k, int rows, int vectors) => $"{k.Name}Tile1Rows{rows}x{vectors}";

    /// <summary>
    /// The lines that run <paramref name="k"/>'s row steps over rows <c>xi</c> / <c>yi</c> from <paramref name="column"/> while a
    /// step fits before <paramref name="end"/>, leaving <paramref name="column"/> at the first column not covered: one call to a step
    /// that holds its weights and walks the columns itself (<see cref="Tile.HeldWeights"/>), or a loop of one-step calls.
    /// </summary>
    internal static IEnumerable<string> RowStepCalls(CorrelationKernel k, string biasArgument, string column, string end)
    {
        int vectors = k.Tile.RowVectors;
        string call = $"{RowStepName(k, k.Tile.Rows, vectors)}<TOps, TVec>(ref xi, xw, xPlane, ref w, {biasArgument}ref yi, ow, {column}";
        if (k.Tile.HeldWeights)
        {
            yield return $"{column} = {call}, {end});";
            yield break;
        }
        yield return $"for (; {column} + {vectors} * TOps.Count <= {end}; {column} += {vectors} * TOps.Count)";
        yield return $"    {call});";
    }

    /// <summary>
    /// A single-plane step over <paramref name="rows"/> output rows × <paramref name="vectors"/> vectors. It
    /// walks the input rows the tile reads; each input vector is loaded once and feeds the FMA of every
    /// output row that reads it, with that row's weight for the tap. Output row r meets its taps in the
    /// canonical order (input row r + u for kernel row u, ascending; columns ascending), so its chain is the
    /// one-row step's chain, to the bit. With <paramref name="edge"/>, a one-vector step at the output's left or right
    /// edge reads the input rows in place through <c>EdgeLoad.Row</c> (see <see cref="EdgeRead"/>).
    /// <para>
    /// A tile with <see cref="Tile.HeldWeights"/> (one summed channel) broadcasts each weight once into a register and
    /// then loops over the columns itself, from <c>j</c> while a whole step fits before <c>j1</c>, and returns the first
    /// column it did not cover. The FMAs and their order are the same as the one-step method's.
    /// </para>
    /// </summary>
    internal static void RowStepMethod(CodeWriter w, LayerPlan plan, CorrelationKernel k, int rows, int vectors, EdgeRead? edge = null)
    {
        var s = plan.Spec;
        int kh = s.KernelHeight, kw = s.KernelWidth;
        if (edge is not null && vectors != 1) throw new System.ArgumentException("An edge step is one vector wide.", nameof(vectors));
        bool held = edge is null && k.Tile.HeldWeights && rows == k.Tile.Rows && vectors == k.Tile.RowVectors;
        if (held && k.SumPerGroup != 1) throw new System.ArgumentException("Held weights need one summed channel.", nameof(k));
        w.Doc(held
            ? $"Columns j .. of output rows yi .. yi + {rows - 1} (row length <c>ow</c>), {vectors} * TOps.Count at a time while a step fits before <c>j1</c>: " +
              $"{rows * vectors} accumulators, the {s.Taps} weights held in registers across the steps. Returns the first column not covered."
            : $"Columns j .. j + {vectors} * TOps.Count - 1 of output rows yi .. yi + {rows - 1} (row length <c>ow</c>): {rows * vectors} accumulators." +
              (edge is null ? "" : $" {edge.Summary} The input in place: output column j's tap v is input column j + v - {edge.PadLeft}, and the lanes outside the row (the padding) load as zero."));
        string name = edge?.Name ?? RowStepName(k, rows, vectors);
        string columns = edge is not null ? "" : held ? ", int j, int j1" : ", int j";
        w.Block($"private static {(held ? "int" : "void")} {name}<TOps, TVec>(ref float xi, int xw, int xPlane, ref float w{(k.HasBias ? ", ref float bias" : "")}, ref float yi, int ow{columns})", () =>
        {
            if (edge is not null)
                w.Line($"int j = {edge.Column}; // a constant for each path, so the edge loads' range checks fold away");
            w.Line($"float b0 = {(k.HasBias ? "Unsafe.Add(ref bias, 0)" : "0f")};");
            if (held)
            {
                w.Line("// The weights, each broadcast once: 16 registers hold them, the accumulators and the input vector.");
                var indices = Taps(plan, k).Select(t => t.Index).OrderBy(i => i).ToList();
                w.Statements(indices.Count, i => w.Part($"TVec h{indices[i]} = TOps.Broadcast(Unsafe.Add(ref w, {indices[i]}));"), perLine: 3);
                w.Line("TVec b = TOps.Broadcast(b0);");
                w.Block($"for (; j + {vectors} * TOps.Count <= j1; j += {vectors} * TOps.Count)", () => Body("b"));
                w.Line("return j;");
            }
            else
                Body("TOps.Broadcast(b0)");
        }, Constraints);
        w.Line();

        void Body(string start)
        {
            for (int r = 0; r < rows; r++)
                w.Line("TVec " + string.Join(", ", Range(vectors, c => $"a{r}_{c} = {start}")) + $"; // output row {r}");
            w.Line(held ? "TVec x; // one input vector" : "TVec x, " + string.Join(", ", Range(rows, r => $"v{r}")) + "; // one input vector; the weight each output row applies to it");
            if (edge is null)
                w.Line("ref float xj = ref Unsafe.Add(ref xi, j); // the tile's first column in its first input row");
            else
                w.Line("ref float xj = ref xi; // the edge loads index each row from its start");
            SumLoop(w, k, () =>
            {
                w.Line($"ref float q0 = ref Unsafe.Add(ref xj, {Expr.Mul("k", "xPlane")}); // input row 0 of the tile");
                for (int m = 1; m < rows + kh - 1; m++)
                    w.Line($"ref float q{m} = ref Unsafe.Add(ref q0, {Expr.Mul(m, "xw")}); // input row {m}");
                if (!held)
                    w.Line($"ref float wk = ref Unsafe.Add(ref w, {Expr.Mul("k", k.SumWeightStride)});");
                var offsets = Offsets(kw, s.DilationWidth, vectors);
                for (int m = 0; m < rows + kh - 1; m++)
                {
                    // The output rows that read input row m: r with 0 <= m - r < kh.
                    int first = System.Math.Max(0, m - kh + 1), last = System.Math.Min(rows - 1, m);
                    for (int v = 0; v < kw; v++)
                    {
                        w.StartLine().Part($"// input row {m}, kernel column {v}: ");
                        for (int r = first; r <= last; r++)
                            w.Part($"{(r > first ? ", " : "")}output row {r} tap {m - r},{v}");
                        w.EndLine();
                        string Weight(int r) => held ? $"h{WeightIndex(plan, k, m - r, v)}" : $"v{r}";
                        if (!held)
                        {
                            w.StartLine();
                            for (int r = first; r <= last; r++)
                                w.Part($"{(r > first ? " " : "")}v{r} = TOps.Broadcast(Unsafe.Add(ref wk, {WeightIndex(plan, k, m - r, v)}));");
                            w.EndLine();
                        }
                        for (int c = 0; c < vectors; c++)
                        {
                            if (edge is null)
                                w.StartLine().Part($"x = TOps.Load(ref q{m}, {offsets[v][c]});");
                            else
                                w.StartLine().Part($"x = EdgeLoad.Row<TOps, TVec>(ref q{m}, {Column(v - edge.PadLeft)}, {edge.Width});");
                            for (int r = first; r <= last; r++)
                                w.Part($" a{r}_{c} = TOps.Fma(x, {Weight(r)}, a{r}_{c});");
                            w.EndLine();
                        }
                    }
                }
            });
            w.Line("ref float yj = ref Unsafe.Add(ref yi, j);");
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < vectors; c++)
                    w.Line($"TOps.Store(a{r}_{c}, ref yj, {Expr.Add(Expr.Mul(r, "ow"), Offset(0, c))});");
        }
    }

    /// <summary>Input column <c>j + shift</c>, written as a sum or a difference.</summary>
    private static string Column(int shift) => shift switch { 0 => "j", > 0 => $"j + {shift}", _ => $"j - {-shift}" };

    /// <summary>Kernel taps with the weight index each reads (rotated by 180° for a flipped kernel).</summary>
    private static IEnumerable<(Tap Tap, int Index)> Taps(LayerPlan plan, CorrelationKernel k)
    {
        var s = plan.Spec;
        foreach (var t in plan.Taps)
            yield return (t, WeightIndex(plan, k, t.Row, t.Column));
    }

    /// <summary>The weight index kernel tap (<paramref name="row"/>, <paramref name="column"/>) reads (rotated by 180° for a flipped kernel).</summary>
    private static int WeightIndex(LayerPlan plan, CorrelationKernel k, int row, int column)
    {
        var s = plan.Spec;
        return k.FlipKernel
            ? (s.KernelHeight - 1 - row) * s.KernelWidth + (s.KernelWidth - 1 - column)
            : row * s.KernelWidth + column;
    }

    private static void SumLoop(CodeWriter w, CorrelationKernel k, System.Action body)
    {
        w.LoopOrConst("k", k.SumPerGroup, body);
    }

    private static void RowRefs(CodeWriter w, LayerPlan plan, CorrelationKernel k, string origin = "xi")
    {
        var s = plan.Spec;
        w.Line($"ref float r0 = ref Unsafe.Add(ref {origin}, {Expr.Mul("k", "xPlane")}); // kernel row 0");
        for (int u = 1; u < s.KernelHeight; u++)
            w.Line($"ref float r{u} = ref Unsafe.Add(ref r0, {Expr.Mul(u * s.DilationHeight, "xw")}); // kernel row {u}");
        w.Line($"ref float wk = ref Unsafe.Add(ref w, {Expr.Mul("k", k.SumWeightStride)});");
    }

    private static void VectorStep(CodeWriter w, LayerPlan plan, CorrelationKernel k, int planes, int vectors)
    {
        var s = plan.Spec;
        for (int t = 0; t < planes; t++)
            for (int c = 0; c < vectors; c++)
                w.Line($"TVec a{t}_{c} = TOps.Broadcast(b{t});");
        // One line per tap for its input vectors, and one per output plane for its weight and FMAs (the
        // fused multiply-adds of one plane across the tile's vectors): the tile reads as a table, and the
        // file stays small enough that the generator writes it quickly.
        // Every load and store is at a constant offset from one reference per kernel row, so the JIT
        // addresses them as [register + constant] instead of keeping (and spilling) an index per offset.
        // With one plane each input vector feeds one FMA, so the load is written inside it and the JIT
        // folds it into the FMA's memory operand; with several planes it is loaded once into a register.
        bool fold = planes == 1;
        w.Line(fold ? "TVec v; // the tap's weight, broadcast" : "TVec " + string.Join(", ", Range(vectors, c => $"x{c}")) + ", v; // the tap's input vectors; one plane's weight, broadcast");
        w.Line("ref float xj = ref Unsafe.Add(ref xi, j); // the tile's first column in the first input row");
        var offsets = Offsets(s.KernelWidth, s.DilationWidth, vectors);
        SumLoop(w, k, () =>
        {
            RowRefs(w, plan, k, "xj");
            foreach (var (tap, index) in Taps(plan, k))
            {
                w.Line($"// tap {tap.Row},{tap.Column}");
                int row = tap.Row;
                string[] offset = offsets[tap.Column];
                if (!fold)
                    w.Statements(vectors, c => w.Part($"x{c} = TOps.Load(ref r{row}, {offset[c]});"));
                for (int t = 0; t < planes; t++)
                {
                    int plane = t, weight = t * k.MemberWeightStride + index;
                    if (fold)
                    {
                        w.Line($"v = TOps.Broadcast(Unsafe.Add(ref wk, {weight}));");
                        w.Statements(vectors, c => w.Part($"a{plane}_{c} = TOps.Fma(TOps.Load(ref r{row}, {offset[c]}), v, a{plane}_{c});"), perLine: 4);
                    }
                    else
                        w.Statements(vectors + 1, i =>
                        {
                            if (i == 0) w.Part($"v = TOps.Broadcast(Unsafe.Add(ref wk, {weight}));");
                            else w.Part($"a{plane}_{i - 1} = TOps.Fma(x{i - 1}, v, a{plane}_{i - 1});");
                        });
                }
            }
        });
        w.Line("ref float yj = ref Unsafe.Add(ref yi, j);");
        for (int t = 0; t < planes; t++)
            for (int c = 0; c < vectors; c++)
                w.Line($"TOps.Store(a{t}_{c}, ref yj, {Expr.Add(Expr.Mul(t, "yPlane"), Offset(0, c))});");
    }

    /// <summary>The load offsets of a step, by kernel column and vector: written once per step, used by every tap.</summary>
    private static string[][] Offsets(int kernelWidth, int dilation, int vectors)
    {
        var offsets = new string[kernelWidth][];
        for (int v = 0; v < kernelWidth; v++)
        {
            offsets[v] = new string[vectors];
            for (int c = 0; c < vectors; c++)
                offsets[v][c] = Offset(v * dilation, c);
        }
        return offsets;
    }

    /// <summary>Column <paramref name="column"/> plus <paramref name="vector"/> vectors, as a constant expression.</summary>
    private static string Offset(int column, int vector) =>
        vector == 0 ? column.ToString(System.Globalization.CultureInfo.InvariantCulture) : Expr.Add(Expr.Mul(vector, "TOps.Count"), column);

    private static void ScalarStep(CodeWriter w, LayerPlan plan, CorrelationKernel k, int planes)
    {
        var s = plan.Spec;
        string col = "j";
        if (k.StrideWidth != 1)
        {
            w.Line($"int c = j * {k.StrideWidth}; // input column of the first tap");
            col = "c";
        }
        w.Line("float " + string.Join(", ", Range(planes, t => $"s{t} = b{t}")) + ";");
        SumLoop(w, k, () =>
        {
            RowRefs(w, plan, k);
            foreach (var (tap, index) in Taps(plan, k))
            {
                w.Line($"float x{tap.Row}_{tap.Column} = Unsafe.Add(ref r{tap.Row}, {Expr.Add(col, tap.Column * s.DilationWidth)});");
                for (int t = 0; t < planes; t++)
                    w.Line($"s{t} = MathF.FusedMultiplyAdd(x{tap.Row}_{tap.Column}, Unsafe.Add(ref wk, {t * k.MemberWeightStride + index}), s{t});");
            }
        });
        for (int t = 0; t < planes; t++)
            w.Line($"Unsafe.Add(ref yi, {Expr.Add(Expr.Mul(t, "yPlane"), "j")}) = s{t};");
    }

    /// <summary>Powers of two below <paramref name="vectors"/>, largest first, ending with 1.</summary>
    private static IEnumerable<int> Ladder(int vectors)
    {
        int step = 1;
        while (step * 2 < vectors) step *= 2;
        for (; step >= 1; step /= 2)
            if (step < vectors || vectors == 1)
                yield return step;
    }

    private static IEnumerable<string> Range(int n, System.Func<int, string> item)
    {
        for (int i = 0; i < n; i++) yield return item(i);
    }
}
