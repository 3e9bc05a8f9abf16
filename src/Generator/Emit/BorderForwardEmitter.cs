using System.Collections.Generic;
using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the forward pass of a layer whose plan reads the input in place (see <see cref="ForwardBorder"/>):
/// the batch loop, the copy of each group's top and bottom bands, and a kernel that splits the output plane
/// into regions (the interior read in place, its rows' left and right edge vectors read in place through
/// <c>EdgeLoad.Row</c>, the top and bottom band rows), each run by one region method with
/// <see cref="CorrelationEmitter"/>'s step methods. A region reads output (r, j)'s tap (u, v) at
/// <c>x[(r + u) · xw + j + v]</c> for its own origin and row length, so the steps are the padded-copy plan's, to the bit.
/// The input gradient of a layer with one input channel per group is the same kind of correlation (of the output gradient
/// inside a zero frame, with the flipped kernel), so the same methods, named after its kernel, write it in place too
/// (<see cref="LayerPlan.InputGradBorder"/>): no framed copy of the output gradient.
/// </summary>
internal static class BorderForwardEmitter
{
    /// <summary>The batch loop: per batch item and group, run its kernel (which copies the group's bands).</summary>
    public static void Batch(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        w.Doc("Runs <see cref=\"ForwardItem\"/> over the batch and the groups on one instruction-set path.");
        w.Block("private void ForwardBatch<TOps, TVec>(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width, int oh, int ow)", () =>
        {
            w.Line($"int inItem = {Expr.Mul(s.InChannels, "height * width")}, outItem = {Expr.Mul(s.OutChannels, "oh * ow")}, groupItem = {Expr.Mul(s.InPerGroup, "height * width")};");
            w.Line("Span<float> border = _forwardBorder.Span;");
            w.Line("ref float weight = ref MemoryMarshal.GetArrayDataReference(_weight);");
            if (s.HasBias)
                w.Line("ref float bias = ref MemoryMarshal.GetArrayDataReference(_bias);");
            w.Block("for (int n = 0; n < batch; n++)", () =>
            {
                w.Line("ref float y = ref MemoryMarshal.GetReference(output.Slice(n * outItem, outItem));");
                w.Block($"for (int g = 0; g < {s.Groups}; g++)", () =>
                {
                    w.Line($"ForwardItem<TOps, TVec>(input.Slice(n * inItem + g * groupItem, groupItem), border, ref weight{(s.HasBias ? ", ref bias" : "")}, ref y, g);");
                });
            });
        }, CorrelationEmitter.Constraints);
        w.Line();
    }

    /// <summary>The border copy, the per-group kernel, its region and row methods, and the steps they call.</summary>
    /// <remarks>
    /// <paramref name="k"/> is the forward pass (<c>ForwardItem</c>, over the input) or the input gradient (<c>InputGradItem</c>,
    /// over the output gradient with the flipped kernel, framed by <paramref name="b"/>): the methods take their names from it.
    /// </remarks>
    public static void Emit(CodeWriter w, LayerPlan plan, CorrelationKernel k, ForwardBorder b)
    {
        if (b.HasBands)
            FillMethod(w, k, b);
        ItemMethod(w, plan, k, b);
        RegionMethod(w, plan, k, b);
        if (b.Left > 0 || b.Right > 0)
            EdgeMethod(w, plan, k, b);
        RowMethod(w, plan, k, b);
        foreach (int kind in CorrelationEmitter.StepKinds(k.Tile.Vectors))
            CorrelationEmitter.StepMethod(w, plan, k, 1, kind);
        if (k.Tile.Rows > 1)
            CorrelationEmitter.RowStepMethod(w, plan, k, k.Tile.Rows, k.Tile.RowVectors);
        foreach (var edge in Edges(k, b))
            CorrelationEmitter.RowStepMethod(w, plan, k, b.EdgeRows, 1, edge);
    }

    /// <summary>The band-copy method of <paramref name="k"/>'s pass: <c>FillForwardBorder</c> or <c>FillInputGradBorder</c>.</summary>
    public static string FillName(CorrelationKernel k) => $"Fill{k.Name.Replace("Item", "")}Border";

    private static void FillMethod(CodeWriter w, CorrelationKernel k, ForwardBorder b)
    {
        int kh = b.KernelHeight, width = b.Width, pw = b.PaddedWidth;
        w.Doc($"Copies, per {(k.FlipKernel ? "output-gradient plane" : "input channel")} of one group, what the output's top and bottom rows read into its {b.ChannelLength} floats of <c>border</c>: the top band " +
              $"({b.TopBandRows} padded rows) and the bottom band ({b.BottomBandRows}). Only input values are written: the zero border around them is never written, so it stays as allocated.");
        w.Block($"private static void {FillName(k)}(ReadOnlySpan<float> x, Span<float> border)", () =>
        {
            void Body(string c)
            {
                w.Line($"ReadOnlySpan<float> plane = x.Slice({Expr.Mul(c, b.Height * width)}, {b.Height * width});");
                w.Line($"Span<float> channel = border.Slice({Expr.Mul(c, b.ChannelLength)}, {b.ChannelLength});");
                if (b.TopBandRows > 0 && kh > 1)
                {
                    w.Line($"// Top band: rows {b.Top} .. {b.TopBandRows - 1} hold input rows 0 .. {kh - 2} from column {b.Left}; the rows above are the zero border.");
                    w.Line($"Planes.CopyRows(plane, {width}, channel.Slice({b.TopBandOffset + b.Top * pw + b.Left}), {pw}, rows: {kh - 1}, columns: {width});");
                }
                if (b.BottomBandRows > 0 && kh > 1)
                {
                    w.Line($"// Bottom band: rows 0 .. {kh - 2} hold input rows {b.Height - kh + 1} .. {b.Height - 1} from column {b.Left}; the rows below are the zero border.");
                    w.Line($"Planes.CopyRows(plane.Slice({(b.Height - kh + 1) * width}), {width}, channel.Slice({b.BottomBandOffset + b.Left}), {pw}, rows: {kh - 1}, columns: {width});");
                }
            }
            w.LoopOrConst("c", k.SumPerGroup, () => Body("c"));
        });
        w.Line();
    }

    private static string RowRange(int first, int last) => first == last ? $"row {first}" : $"rows {first} .. {last}";

    private static string BiasParameter(CorrelationKernel k) => k.HasBias ? ", ref float bias" : "";
    private static string BiasArgument(CorrelationKernel k) => k.HasBias ? "ref bias, " : "";

    private static void ItemMethod(CodeWriter w, LayerPlan plan, CorrelationKernel k, ForwardBorder b)
    {
        var s = plan.Spec;
        int oh = b.OutputHeight, ow = b.OutputWidth, inner = oh - b.Top - b.Bottom;
        w.Doc((k.FlipKernel
                  ? "Input gradient of group <c>g</c> for one batch item: input plane g's gradient is the correlation of the group's output-gradient planes <c>input</c>, " +
                    "framed by zeros (the kernel's reach less the padding), with its kernels turned by 180 degrees. In this pass's methods and comments, " +
                    "\"input\" is the output gradient the correlation reads, \"output\" the input gradient it writes, and \"padding\" the zero frame."
                  : "Forward pass of group <c>g</c> for one batch item: output plane g is its bias plus the correlation of the zero-padded input planes <c>input</c> with its kernels.") +
              $" The rows between the top and bottom {(k.FlipKernel ? "frame" : "padding")} read the planes in place (their edge vectors zero the lanes in the {(k.FlipKernel ? "frame" : "padding")})" +
              (b.HasBands
                  ? $"; then, with the planes in a near cache, <see cref=\"{FillName(k)}\"/> copies what the top and bottom rows read into <c>work</c>, and they are computed from there."
                  : "."));
        w.Block($"private static void {k.Name}<TOps, TVec>(ReadOnlySpan<float> input, Span<float> work, ref float weight{(k.HasBias ? ", ref float biases" : "")}, ref float y, int g)", () =>
        {
            w.Line("ref float x = ref MemoryMarshal.GetReference(input);");
            if (b.HasBands)
            {
                w.Line("ref float border = ref MemoryMarshal.GetReference(work);");
                w.Line($"const int xw = {b.Width}, xPlane = {b.Height * b.Width}, oh = {oh}, ow = {ow}, pw = {b.PaddedWidth}, borderPlane = {b.ChannelLength};");
            }
            else
                w.Line($"const int xw = {b.Width}, xPlane = {b.Height * b.Width}, oh = {oh}, ow = {ow}; // no top or bottom padding: no bands (work is empty)");
            w.Line($"ref float w = ref Unsafe.Add(ref weight, {Expr.Mul("g", k.GroupWeightStride)});");
            if (k.HasBias)
                w.Line("ref float bias = ref Unsafe.Add(ref biases, g);");
            w.Line("ref float yg = ref Unsafe.Add(ref y, g * oh * ow);");
            if (b.Left > 0 || b.Right > 0)
                w.Line("// Output columns the edge steps give: the padding rounded up to whole vectors of this path.");
            if (b.Left > 0) w.Line($"int left = {Round(b.Left)};");
            if (b.Right > 0) w.Line($"int right = {Round(b.Right)};");
            string left = b.Left > 0 ? "left" : "0", right = b.Right > 0 ? "right" : "0";
            string Region(string x, string xw, string xPlane, string y, string rows, string j0, string j1) =>
                $"{k.Name}Region<TOps, TVec>(ref {x}, {xw}, {xPlane}, ref w, {BiasArgument(k)}ref {y}, {rows}, {j0}, {j1});";
            string Rows(int from) => from == 0 ? "yg" : $"Unsafe.Add(ref yg, {Expr.Mul(from, "ow")})";
            w.Line($"// Output rows {b.Top} .. {oh - b.Bottom - 1}, columns {left} .. ow - {right} - 1: the input in place (output column j reads from input column j{(b.Left > 0 ? " - " + b.Left : "")} on).");
            string interiorY = b.Left > 0 ? $"Unsafe.Add(ref yg, {Expr.Add(Expr.Mul(b.Top, "ow"), b.Left)})" : Rows(b.Top);
            w.Line(Region("x", "xw", "xPlane", interiorY, inner.ToString(), b.Left > 0 ? $"left - {b.Left}" : "0", $"ow - {right}{(b.Left > 0 ? " - " + b.Left : "")}"));
            if (b.Left > 0 || b.Right > 0)
            {
                w.Line("// The same rows' first and last columns, the input in place: the edge steps zero the lanes in the padding.");
                w.Line($"{k.Name}Edges<TOps, TVec>(ref x, ref w, {BiasArgument(k)}ref {Rows(b.Top)});");
            }
            if (b.HasBands)
            {
                w.Line("// The planes are in a near cache now: copy what the top and bottom rows read into the band buffer.");
                w.Line($"{FillName(k)}(input, work);");
            }
            if (b.Top > 0)
            {
                w.Line($"// Output {RowRange(0, b.Top - 1)}, every column, from the top band.");
                w.Line(Region($"Unsafe.Add(ref border, {b.TopBandOffset})", "pw", "borderPlane", "yg", b.Top.ToString(), "0", "ow"));
            }
            if (b.Bottom > 0)
            {
                w.Line($"// Output {RowRange(oh - b.Bottom, oh - 1)}, every column, from the bottom band.");
                w.Line(Region($"Unsafe.Add(ref border, {b.BottomBandOffset})", "pw", "borderPlane", Rows(oh - b.Bottom), b.Bottom.ToString(), "0", "ow"));
            }
        }, CorrelationEmitter.Constraints);
        w.Line();
    }

    private static void RegionMethod(CodeWriter w, LayerPlan plan, CorrelationKernel k, ForwardBorder b)
    {
        int rowsPerTile = k.Tile.Rows;
        w.Doc("Output rows <c>y</c> .. + rows - 1 (row length <c>ow</c>), columns j0 .. j1 - 1 (at least one vector), with output (r, j)'s tap (u, v) read at " +
              "<c>x[(r + u) · xw + j + v]</c>, source planes <c>xPlane</c> apart" +
              (rowsPerTile > 1 ? $": rows {rowsPerTile} at a time in {rowsPerTile}-row steps as far as they go, then the rest of each row alone." : "."));
        w.Block($"private static void {k.Name}Region<TOps, TVec>(ref float x, int xw, int xPlane, ref float w{BiasParameter(k)}, ref float y, int rows, int j0, int j1)", () =>
        {
            w.Line($"const int ow = {b.OutputWidth};");
            w.Line("int i = 0;");
            if (rowsPerTile > 1)
                w.Block($"for (; i + {rowsPerTile} <= rows; i += {rowsPerTile})", () =>
                {
                    w.Line("ref float xi = ref Unsafe.Add(ref x, i * xw);");
                    w.Line("ref float yi = ref Unsafe.Add(ref y, i * ow);");
                    w.Line("int j = j0;");
                    foreach (string line in CorrelationEmitter.RowStepCalls(k, BiasArgument(k), "j", "j1"))
                        w.Line(line);
                    w.Line("if (j == j1) continue; // the row steps covered the columns (a call per row would cost as much as a step here)");
                    for (int r = 0; r < rowsPerTile; r++)
                        w.Line($"{k.Name}Row<TOps, TVec>(ref {(r == 0 ? "xi" : $"Unsafe.Add(ref xi, {Expr.Mul(r, "xw")})")}, xw, xPlane, ref w, {BiasArgument(k)}ref {(r == 0 ? "yi" : $"Unsafe.Add(ref yi, {Expr.Mul(r, "ow")})")}, j, j1);");
                });
            w.Line("for (; i < rows; i++)");
            w.Line($"    {k.Name}Row<TOps, TVec>(ref Unsafe.Add(ref x, i * xw), xw, xPlane, ref w, {BiasArgument(k)}ref Unsafe.Add(ref y, i * ow), j0, j1);");
        }, CorrelationEmitter.Constraints);
        w.Line();
    }

    /// <summary>
    /// The edge steps: one per vector of each edge, the left edge's vector m at column m · Count, the right edge's at
    /// ow - right + m · Count. A path with n lanes runs those with m · n below the edge's padding rounded up to n; the
    /// scalar path, the widest edge, has one per padding column.
    /// </summary>
    private static IEnumerable<EdgeRead> Edges(CorrelationKernel k, ForwardBorder b)
    {
        for (int m = 0; m < b.Left; m++)
            yield return new EdgeRead(EdgeStepName(k, "Left", m, b), $"The left edge's vector {m}.", m == 0 ? "0" : $"{m} * TOps.Count", b.Left, b.Width);
        for (int m = 0; m < b.Right; m++)
            yield return new EdgeRead(EdgeStepName(k, "Right", m, b), $"The right edge's vector {m}.",
                $"{b.OutputWidth} - {Round(b.Right)}{(m == 0 ? "" : $" + {m} * TOps.Count")}", b.Left, b.Width);
    }

    /// <summary>The columns an edge of <paramref name="pad"/> padding columns takes on a path: the padding rounded up to whole vectors (a constant to the JIT).</summary>
    private static string Round(int pad) => $"({pad} + TOps.Count - 1) / TOps.Count * TOps.Count";

    private static string EdgeStepName(CorrelationKernel k, string side, int m, ForwardBorder b) => $"{k.Name}{side}Edge{m}Rows{b.EdgeRows}";

    private static void EdgeMethod(CodeWriter w, LayerPlan plan, CorrelationKernel k, ForwardBorder b)
    {
        int edgeRows = b.EdgeRows, rows = b.OutputHeight - b.Top - b.Bottom;
        w.Doc($"Output rows <c>y</c> .. + {rows - 1}, their first and last columns (the padding rounded up to whole vectors), from the input in place: " +
              $"output (r, j)'s tap (u, v) is input (r + u, j + v - {b.Left}), and the edge loads zero the lanes outside the row. {edgeRows} rows x 1 vector per step" +
              (rows % edgeRows != 0 ? ", the last step overlapping the one before (it recomputes a few rows to the same bits)." : "."));
        w.Block($"private static void {k.Name}Edges<TOps, TVec>(ref float x, ref float w{BiasParameter(k)}, ref float y)", () =>
        {
            w.Line($"const int xw = {b.Width}, xPlane = {b.Height * b.Width}, ow = {b.OutputWidth};");
            // An edge wider than one column can take several vectors on the narrower paths.
            if (b.Left > 1) w.Line($"int left = {Round(b.Left)}; // the left edge's columns on this path");
            if (b.Right > 1) w.Line($"int right = {Round(b.Right)}; // the right edge's columns on this path");
            void Steps()
            {
                w.Line("ref float xi = ref Unsafe.Add(ref x, i * xw);");
                w.Line("ref float yi = ref Unsafe.Add(ref y, i * ow);");
                foreach (var (side, pad) in new[] { ("Left", b.Left), ("Right", b.Right) })
                    for (int m = 0; m < pad; m++)
                    {
                        string call = $"{EdgeStepName(k, side, m, b)}<TOps, TVec>(ref xi, xw, xPlane, ref w, {BiasArgument(k)}ref yi, ow);";
                        w.Line(m == 0 ? call : $"if ({m} * TOps.Count < {side.ToLowerInvariant()}) {call}");
                    }
            }
            if (rows == edgeRows)
            {
                w.Line("const int i = 0; // one step covers the rows");
                Steps();
            }
            else
                w.Block($"for (int i = 0; i < {rows}; i += {edgeRows})", () =>
                {
                    if (rows % edgeRows != 0)
                        w.Line($"if (i > {rows - edgeRows}) i = {rows - edgeRows}; // the last step ends at the last row");
                    Steps();
                });
        }, CorrelationEmitter.Constraints);
        w.Line();
    }

    private static void RowMethod(CodeWriter w, LayerPlan plan, CorrelationKernel k, ForwardBorder b)
    {
        int vectors = k.Tile.Vectors;
        w.Doc($"Columns j .. j1 - 1 of one output row: tiles of {vectors} vector{(vectors > 1 ? "s" : "")} and smaller, then one step ending at j1 " +
              "(it recomputes a few columns of the region to the same bits; the region is at least one vector wide).");
        w.Block($"private static void {k.Name}Row<TOps, TVec>(ref float xi, int xw, int xPlane, ref float w{BiasParameter(k)}, ref float yi, int j, int j1)", () =>
        {
            w.Line($"const int yPlane = {b.OutputHeight * b.OutputWidth};");
            w.Line("int j0 = j;");
            CorrelationEmitter.RowSteps(w, k, 1, vectors, "j1", regionStart: "j0");
        }, CorrelationEmitter.Constraints);
        w.Line();
    }
}
