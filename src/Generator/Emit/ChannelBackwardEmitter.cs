using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the backward kernels of a layer whose forward pass vectorises over output channels
/// (<see cref="LayerPlan.ChannelBackward"/>): the weight gradient with the output channels in lanes, and for
/// stride-1 layers the input gradient as products then a gather (see <see cref="ChannelInputGrad"/>). Every
/// kernel works on 8-lane blocks (<c>IBlock8</c>), so a lane's chain of operations is the same on every path.
/// </summary>
internal static class ChannelBackwardEmitter
{
    public const string Constraints = ChannelForwardEmitter.Constraints;

    /// <summary>The tile per path, paths with the same tile merged (see <see cref="ChannelForwardEmitter.Branches{T}"/>).</summary>
    private static List<(string? Condition, TapTile Tile)> Branches(TapTiles tiles) => ChannelForwardEmitter.Branches(tiles.For);

    /// <summary>Writes one body per path's tile (see <see cref="ChannelForwardEmitter.PerPath{T}"/>).</summary>
    private static void PerPath(CodeWriter w, TapTiles tiles, System.Action<TapTile> body) =>
        ChannelForwardEmitter.PerPath(w, Branches(tiles), body);

    /// <summary>The first tap of each chunk and its size.</summary>
    private static IEnumerable<(int First, int Count)> TapChunks(int taps, int most)
    {
        int first = 0;
        foreach (int count in TapTiles.Chunks(taps, most))
        {
            yield return (first, count);
            first += count;
        }
    }

    public static void Emit(CodeWriter w, LayerPlan plan)
    {
        WeightGradient(w, plan);
        if (plan.ChannelBackward!.InputGrad is not null)
            InputGradient(w, plan);
    }

    // ---- Weight gradient ------------------------------------------------------------------------------------------

    private static string WeightStepName(int taps, int blocks, int lanes) =>
        lanes == ChannelTile.Lanes ? $"WeightGradStep{taps}x{blocks}" : $"WeightGradStepWide{taps}x{blocks}";

    private static void WeightGradient(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        var tiles = plan.ChannelBackward!.WeightGrad;
        bool isFixed = s.IsFixedSize;
        int groupWeights = s.WeightLength / s.Groups;
        string sizes = isFixed ? "" : ", int xh, int xw";
        string outSizes = isFixed ? "" : ", int oh, int ow";
        string stepSizes = isFixed ? "" : ", xw, oh, ow";
        w.Doc("Adds one batch item's weight gradient into <c>dw</c>, channel-last (<c>[group][in/group][kh][kw][out/group]</c>): " +
              "<c>dy</c> is the item's output gradient channel-last (<c>[pixel][channel]</c>), <c>x</c> its (padded) input.");
        w.Block($"private static void WeightGradItem<TBlk, TAcc>(ref float x{sizes}, ref float dy{outSizes}, ref float dw)", () =>
        {
            w.Line(isFixed ? $"const int xPlane = {BatchLoops.FixedForwardSizes(plan)![0] * BatchLoops.FixedForwardSizes(plan)![1]};" : "int xPlane = xh * xw;");
            void GroupBody()
            {
                w.Line($"ref float xg = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Mul("g", s.InPerGroup), "xPlane")});");
                w.Line($"ref float dwg = ref Unsafe.Add(ref dw, {Expr.Mul("g", groupWeights)});");
                void TileBody(TapTile tile, int lanes)
                {
                    int channels = tile.Blocks * lanes;
                    void ChannelTileBody()
                    {
                        w.Line($"ref float dyo = ref Unsafe.Add(ref dy, {Expr.Add(Expr.Mul("g", s.OutPerGroup), "o")});");
                        void InputChannel()
                        {
                            w.Line("ref float xk = ref Unsafe.Add(ref xg, k * xPlane);");
                            w.Line($"ref float dwk = ref Unsafe.Add(ref dwg, {Expr.Add(Expr.Mul("k", s.Taps * s.OutPerGroup), "o")});");
                            foreach (var (first, count) in TapChunks(s.Taps, tile.Taps))
                                w.Line($"{WeightStepName(count, tile.Blocks, lanes)}<TBlk, TAcc>(ref xk, ref dyo, ref Unsafe.Add(ref dwk, {first * s.OutPerGroup}){stepSizes}, {first});");
                        }
                        w.LoopOrConst("k", s.InPerGroup, InputChannel);
                    }
                    w.LoopOrConst("o", s.OutPerGroup, channels, ChannelTileBody);
                }
                ChannelForwardEmitter.PerPathOrWide(w, Branches(tiles), tiles.Vector512, "TBlk", TileBody);
            }
            w.LoopOrConst("g", s.Groups, GroupBody);
        }, Constraints);
        w.Line();

        var steps = new List<(int Taps, int Blocks, int Lanes)>();
        foreach (var (tile, lanes) in ChannelForwardEmitter.TilesByLanes(Branches(tiles), tiles.Vector512))
            foreach (var (_, count) in TapChunks(s.Taps, tile.Taps))
                steps.Add((count, tile.Blocks, lanes));
        foreach (var (taps, blocks, lanes) in steps.Distinct())
            WeightStep(w, plan, taps, blocks, lanes);
    }

    private static void WeightStep(CodeWriter w, LayerPlan plan, int taps, int blocks, int lanes)
    {
        var s = plan.Spec;
        bool isFixed = s.IsFixedSize;
        string sizes = isFixed ? "" : ", int xw, int oh, int ow";
        w.Doc($"Taps first .. first + {taps - 1} (row-major) × {blocks * lanes} output channels: {taps * blocks} accumulators of {lanes} channels, " +
              "each one chain of fused multiply-adds over the output pixels in row-major order, then added into <c>dw</c> " +
              "(which starts at the tile's first channel of tap <c>first</c>). <c>x</c> is one input channel, <c>dy</c> starts at the tile's first channel of pixel 0.");
        w.Block($"private static void {WeightStepName(taps, blocks, lanes)}<TBlk, TAcc>(ref float x, ref float dy, ref float dw{sizes}, int first)", () =>
        {
            if (isFixed)
            {
                var f = BatchLoops.FixedForwardSizes(plan)!;
                w.Line($"const int xw = {f[1]}, oh = {f[2]}, ow = {f[3]};");
            }
            w.Line("// Where each tap reads, from the pixel's receptive field's first input.");
            for (int t = 0; t < taps; t++)
            {
                string tap = Expr.Add("first", t);
                w.Line($"int u{t} = {Expr.Factor(tap)} / {s.KernelWidth}, v{t} = {Expr.Factor(tap)} - u{t} * {s.KernelWidth};");
                w.Line($"nint r{t} = {Expr.Mul(Expr.Mul($"u{t}", s.DilationHeight), "xw")} + {Expr.Mul($"v{t}", s.DilationWidth)};");
            }
            for (int t = 0; t < taps; t++)
                w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"a{t}_{b} = TBlk.Zero")) + ";");
            w.Block("for (int i = 0; i < oh; i++)", () =>
            {
                w.Line($"ref float xi = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Mul("i", s.StrideHeight), "xw")});");
                w.Line($"ref float di = ref Unsafe.Add(ref dy, {Expr.Mul("i * ow", s.OutChannels)});");
                void Pixel()
                {
                    w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b =>
                        $"d{b} = TBlk.Load(ref di, {Expr.Add(Expr.Mul("j", s.OutChannels), b * lanes)})")) + ";");
                    w.Line($"ref float xj = ref Unsafe.Add(ref xi, {Expr.Mul("j", s.StrideWidth)});");
                    for (int t = 0; t < taps; t++)
                    {
                        w.Line($"TAcc x{t} = TBlk.Broadcast(Unsafe.Add(ref xj, r{t}));");
                        for (int b = 0; b < blocks; b++)
                            w.Line($"TBlk.Fma(ref a{t}_{b}, x{t}, d{b});");
                    }
                }
                if (ChannelBackward.WritesRowOut(s, taps, blocks))
                {
                    // The row's pixels written out, in the loop's order (so the same bits).
                    for (int j = 0; j < s.OutputWidth(s.InputWidth); j++)
                        w.Block("", () => { w.Line($"const int j = {j};"); Pixel(); });
                }
                else
                    w.Block("for (int j = 0; j < ow; j++)", Pixel);
            });
            w.Line("// The item's gradient added into the call's sum.");
            for (int t = 0; t < taps; t++)
                for (int b = 0; b < blocks; b++)
                {
                    int at = t * s.OutPerGroup + b * lanes;
                    w.Line($"{{ TAcc sum = TBlk.Load(ref dw, {at}); TBlk.Add(ref sum, a{t}_{b}); TBlk.Store(sum, ref dw, {at}); }}");
                }
        }, Constraints);
        w.Line();
    }

    // ---- Input gradient -------------------------------------------------------------------------------------------

    private static string ProductStepName(int taps, int blocks, int lanes) =>
        lanes == ChannelTile.Lanes ? $"InputGradProducts{taps}x{blocks}" : $"InputGradProductsWide{taps}x{blocks}";

    private static void InputGradient(CodeWriter w, LayerPlan plan)
    {
        var s = plan.Spec;
        var ig = plan.ChannelBackward!.InputGrad!;
        int pixels = ChannelInputGrad.Pixels(s);
        int planeStride = ig.PlaneStride; // of Z and of the output gradient as read (staged when pixels < 8)
        int dyPlane = ig.StagesOutputGrad(s) ? planeStride : pixels;
        int oh = s.OutputHeight(s.InputHeight), ow = s.OutputWidth(s.InputWidth);
        int lanes = ChannelTile.Lanes;
        var vectors = ig.ColumnVectors();
        w.Doc("The input gradient of one batch item: per input channel, the products Z[tap][pixel] of the output gradient <c>dy</c> (planes of " +
              $"{dyPlane}) with the weights <c>weight</c> (as declared, <c>[out][in/group][kh][kw]</c>) in <c>z</c>, then each row of <c>dx</c> " +
              $"(planes of {ig.Rows} rows of {ig.Stride}) gathered from them: Σ over taps (u, v) of Z[(u, v)][y + {ig.OffsetTop} - u·{s.DilationHeight}][x + {ig.OffsetLeft} - v·{s.DilationWidth}], " +
              "the terms outside the output left out.");
        var wideProducts = plan.WideProducts;
        w.Block($"private static void InputGradItem<TBlk, TAcc{(wideProducts is not null ? ", TWide, TWideAcc" : "")}>(ref float dy, ref float weight, ref float z, ref float dx)", () =>
        {
            w.Line($"const int oh = {oh}, ow = {ow}, zPlane = {planeStride}, rows = {ig.Rows}, stride = {ig.Stride};");
            w.Line($"// The lanes of each row vector whose term for kernel column v exists (0 <= output column < {ow}{(ig.Columns < lanes ? $", region column < {ig.Columns}" : "")}).");
            var masks = new Dictionary<(int Vector, int V), string>();
            for (int c = 0; c < vectors.Length; c++)
                for (int v = 0; v < s.KernelWidth; v++)
                {
                    var (first, end) = ig.Lanes(s, vectors[c], v);
                    if (first >= end) masks[(c, v)] = "none";
                    else if (first == 0 && end == lanes) masks[(c, v)] = "all";
                    else
                    {
                        masks[(c, v)] = $"m{c}_{v}";
                        w.Line($"TAcc m{c}_{v} = TBlk.Mask({first}, {end});");
                    }
                }
            void GroupBody()
            {
                w.Line($"ref float dyg = ref Unsafe.Add(ref dy, {Expr.Mul(Expr.Mul("g", s.OutPerGroup), "zPlane")});");
                w.Line($"ref float wg = ref Unsafe.Add(ref weight, {Expr.Mul("g", s.WeightLength / s.Groups)});");
                void InputChannel()
                {
                    w.Line($"ref float wk = ref Unsafe.Add(ref wg, {Expr.Mul("k", s.Taps)});");
                    w.Line("// Z[tap][p] = Σ over the group's output channels o of W[o][k][tap] · dY[o][p].");
                    ChannelForwardEmitter.PerPathOrWide(w, Branches(ig.Products), wideProducts, "TWide", (tile, lanes) =>
                        ProductSteps(w, plan, tile, pixels, lanes, lanes == ChannelTile.WideLanes ? "TWide, TWideAcc" : "TBlk, TAcc"));
                    w.Line($"ref float dxk = ref Unsafe.Add(ref dx, {Expr.Mul(Expr.Factor(Expr.Add(Expr.Mul("g", s.InPerGroup), "k")), "rows * stride")});");
                    // One row's sums: for each kernel column v, each vector's term (masked where the output column is outside).
                    void RowAdds(string sum, string rowOffset)
                    {
                        for (int v = 0; v < s.KernelWidth; v++)
                        {
                            var parts = new List<string>();
                            for (int c = 0; c < vectors.Length; c++)
                            {
                                string mask = masks[(c, v)];
                                if (mask == "none") continue;
                                string offset = Expr.Add(rowOffset, (v * planeStride - v * s.DilationWidth + vectors[c]).ToString());
                                string load = $"TBlk.Load(ref zu, {offset})";
                                parts.Add($"TBlk.Add(ref {sum}{c}, {(mask == "all" ? load : $"TBlk.And({load}, {mask})")});");
                            }
                            if (parts.Count > 0)
                                w.Line($"/* v = {v} */ " + string.Join(" ", parts));
                        }
                    }
                    string Zeros(string sum) => string.Join(", ", Enumerable.Range(0, vectors.Length).Select(c => $"{sum}{c} = TBlk.Zero"));
                    void Stores(string sum, string row, string name) =>
                        w.Line($"ref float {name} = ref Unsafe.Add(ref dxk, {row} * stride); " +
                               string.Join(" ", Enumerable.Range(0, vectors.Length).Select(c => $"TBlk.Store({sum}{c}, ref {name}, {vectors[c]});")) +
                               (vectors.Length > 1 && ig.Columns % lanes != 0 ? " // the last vector overlaps the one before: the same sums, the same bits" : ""));
                    string ZRow(string i) => $"ref float zu = ref Unsafe.Add(ref z, {Expr.Add(Expr.Mul("u", s.KernelWidth * planeStride), Expr.Add($"{i} * ow", ig.OffsetLeft))}); // row {i} of Z[(u, 0)], at the region's column 0";
                    w.Line("// Two rows at a time: each row's vectors summed in registers over the kernel rows that reach an output row, then every kernel");
                    w.Line("// column; the two rows' chains interleave (one row's are too few to hide the additions' latency), each in its order alone.");
                    w.Line("int y = 0;");
                    w.Block("for (; y + 2 <= rows; y += 2)", () =>
                    {
                        w.Line($"TAcc {Zeros("s")}; // row y");
                        w.Line($"TAcc {Zeros("t")}; // row y + 1");
                        w.Block($"for (int u = 0; u < {s.KernelHeight}; u++)", () =>
                        {
                            w.Line($"int i = {Expr.Add("y", ig.OffsetTop)} - {Expr.Mul("u", s.DilationHeight)}; // the output row that row y reads for kernel row u (row y + 1: i + 1)");
                            w.Line("bool first = (uint)i < oh, second = (uint)(i + 1) < oh;");
                            w.Block("if (first && second)", () =>
                            {
                                w.Line(ZRow("i"));
                                RowAdds("s", "0");
                                RowAdds("t", "ow");
                            });
                            w.Block("else if (first)", () =>
                            {
                                w.Line(ZRow("i"));
                                RowAdds("s", "0");
                            });
                            w.Block("else if (second)", () =>
                            {
                                w.Line(ZRow("(i + 1)"));
                                RowAdds("t", "0");
                            });
                        });
                        Stores("s", "y", "dxy");
                        Stores("t", "(y + 1)", "dxy1");
                    });
                    if (ig.Rows % 2 == 1) // an odd last row
                    {
                        w.Block("if (y < rows)", () =>
                        {
                            w.Line($"TAcc {Zeros("s")}; // the last row, alone");
                            w.Block($"for (int u = 0; u < {s.KernelHeight}; u++)", () =>
                            {
                                w.Line($"int i = {Expr.Add("y", ig.OffsetTop)} - {Expr.Mul("u", s.DilationHeight)};");
                                w.Line("if ((uint)i >= oh) continue;");
                                w.Line(ZRow("i"));
                                RowAdds("s", "0");
                            });
                            Stores("s", "y", "dxy");
                        });
                    }
                }
                w.LoopOrConst("k", s.InPerGroup, InputChannel);
            }
            w.LoopOrConst("g", s.Groups, GroupBody);
        }, Constraints + (wideProducts is not null ? " where TWide : struct, IBlock8<TWideAcc> where TWideAcc : unmanaged" : ""));
        w.Line();

        var steps = new List<(int Taps, int Blocks, int Lanes)>();
        foreach (var (tile, tileLanes) in ChannelForwardEmitter.TilesByLanes(Branches(ig.Products), wideProducts))
            foreach (var (_, count) in TapChunks(s.Taps, tile.Taps))
                foreach (var (_, blocks) in PixelSteps(pixels, tile.Blocks, tileLanes))
                    steps.Add((count, blocks, tileLanes));
        foreach (var (taps, blocks, stepLanes) in steps.Distinct())
            ProductStep(w, plan, taps, blocks, stepLanes);
    }

    /// <summary>
    /// The pixel steps over a plane of <paramref name="pixels"/> (at least 8; fewer are staged in 8): steps of
    /// <paramref name="most"/> blocks, then the rest in one step ending at the plane's end (overlapping what is done,
    /// recomputed to the same bits), or in single blocks where that step would start before the plane.
    /// </summary>
    private static List<(int Start, int Blocks)> PixelSteps(int pixels, int most, int lanes)
    {
        pixels = System.Math.Max(pixels, lanes);
        var steps = new List<(int, int)>();
        int p = 0;
        for (; p + most * lanes <= pixels; p += most * lanes)
            steps.Add((p, most));
        if (p < pixels)
        {
            int blocks = (pixels - p + lanes - 1) / lanes;
            if (pixels >= blocks * lanes)
                steps.Add((pixels - blocks * lanes, blocks));
            else
            {
                for (; p + lanes <= pixels; p += lanes)
                    steps.Add((p, 1));
                if (p < pixels)
                    steps.Add((pixels - lanes, 1));
            }
        }
        return steps;
    }

    private static void ProductSteps(CodeWriter w, LayerPlan plan, TapTile tile, int pixels, int lanes, string types)
    {
        var s = plan.Spec;
        int planeStride = plan.ChannelBackward!.InputGrad!.PlaneStride;
        var steps = PixelSteps(pixels, tile.Blocks, lanes);
        // Per chunk of taps one call runs the whole steps (a loop inside, so a step's chains overlap the next one's),
        // then the rest of the plane in calls of one step each (overlapped).
        int step = tile.Blocks * lanes;
        int wholeSteps = 0;
        while (wholeSteps < steps.Count && steps[wholeSteps] == (wholeSteps * step, tile.Blocks))
            wholeSteps++;
        foreach (var (first, count) in TapChunks(s.Taps, tile.Taps))
        {
            string z = $"ref Unsafe.Add(ref z, {first * planeStride})";
            if (wholeSteps > 0)
                w.Line($"{ProductStepName(count, tile.Blocks, lanes)}<{types}>(ref dyg, ref Unsafe.Add(ref wk, {first}), {z}, 0, {wholeSteps * step});");
            for (int i = wholeSteps; i < steps.Count; i++)
                w.Line($"{ProductStepName(count, steps[i].Blocks, lanes)}<{types}>(ref dyg, ref Unsafe.Add(ref wk, {first}), {z}, {steps[i].Start}, {steps[i].Start + steps[i].Blocks * lanes});");
        }
    }

    private static void ProductStep(CodeWriter w, LayerPlan plan, int taps, int blocks, int lanes)
    {
        var s = plan.Spec;
        var ig = plan.ChannelBackward!.InputGrad!;
        int dyPlane = ig.StagesOutputGrad(s) ? ig.PlaneStride : ChannelInputGrad.Pixels(s);
        w.Doc($"Z for {taps} tap{(taps > 1 ? "s" : "")} × {blocks * lanes} pixels: {taps * blocks} accumulators of {lanes} pixels, each one chain of fused multiply-adds " +
              "over the group's output channels from zero. <c>dy</c> starts at the first pixel of the group's first channel, <c>w</c> at the first tap's weight of its first channel, <c>z</c> at the first tap's plane; pixels <c>p</c> .. <c>end</c> - 1, a step at a time.");
        w.Block($"private static void {ProductStepName(taps, blocks, lanes)}<TBlk, TAcc>(ref float dy, ref float w, ref float z, int p, int end)", () =>
        w.Block($"for (; p < end; p += {blocks * lanes})", () =>
        {
            w.Line("ref float dyp = ref Unsafe.Add(ref dy, p), zp = ref Unsafe.Add(ref z, p);");
            for (int t = 0; t < taps; t++)
                w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"a{t}_{b} = TBlk.Zero")) + ";");
            // Each output channel's blocks loaded once, each weight broadcast once; the channels written out when few
            // enough (no loop counter or address arithmetic between the fused multiply-adds), else a loop.
            void Channel(System.Func<int, string> dyAt, System.Func<int, string> wAt)
            {
                w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"d{b} = TBlk.Load(ref dyp, {dyAt(b * lanes)})")) + ";");
                for (int t = 0; t < taps; t++)
                {
                    w.Line($"TAcc w{t} = TBlk.Broadcast(Unsafe.Add(ref w, {wAt(t)}));");
                    for (int b = 0; b < blocks; b++)
                        w.Line($"TBlk.Fma(ref a{t}_{b}, d{b}, w{t});");
                }
            }
            int weightStride = s.InPerGroup * s.Taps;
            if (s.OutPerGroup * taps * blocks <= Tile.MaxUnrolled)
                for (int o = 0; o < s.OutPerGroup; o++)
                    w.Block($"// output channel {o}", () => Channel(b => (o * dyPlane + b).ToString(), t => (o * weightStride + t).ToString()));
            else
                w.Block($"for (int o = 0; o < {s.OutPerGroup}; o++)", () =>
                    Channel(b => Expr.Add($"o * {dyPlane}", b), t => Expr.Add($"o * {weightStride}", t)));
            for (int t = 0; t < taps; t++)
                for (int b = 0; b < blocks; b++)
                    w.Line($"TBlk.Store(a{t}_{b}, ref zp, {t * ig.PlaneStride + b * lanes});");
        }), Constraints);
        w.Line();
    }
}
