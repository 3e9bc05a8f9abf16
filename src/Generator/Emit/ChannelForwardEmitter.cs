using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Plan;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the forward kernel that vectorises over output channels (<see cref="LayerPlan.ForwardChannels"/>):
/// a driver over groups, channel tiles and pixel tiles, and one step method per tile size with every
/// tap unrolled. The kernel reads weights in channel-last order, <c>[group][in/group][kh][kw][out/group]</c>,
/// and writes the output channel-last, <c>[pixel][channel]</c>; the batch loop copies in and out of
/// those orders. A lane is one output channel, so each output element is still one chain of fused
/// multiply-adds from its bias over (input channel, kernel row, kernel column), the same on every path.
/// </summary>
internal static class ChannelForwardEmitter
{
    public const string Constraints = "where TBlk : struct, IBlock8<TAcc> where TAcc : unmanaged";

    public static void Emit(CodeWriter w, LayerPlan plan)
    {
        var tiles = plan.ForwardChannels!.Value;
        var branches = Branches(tiles);
        Driver(w, plan, branches);
        var steps = new List<(int Pixels, int Blocks, int Lanes)>();
        foreach (var (tile, lanes) in TilesByLanes(branches, tiles.Vector512))
        {
            steps.Add((tile.Pixels, tile.Blocks, lanes));
            if (!plan.Spec.IsFixedSize && tile.Pixels > 1)
                steps.Add((1, tile.Blocks, lanes));
        }
        foreach (var (pixels, blocks, lanes) in steps.Distinct())
            Step(w, plan, pixels, blocks, lanes);
    }

    /// <summary>The tile per path, paths with the same tile merged: (condition on <c>TBlk.Registers</c>, tile); the last condition is null (else).</summary>
    public static List<(string? Condition, ChannelTile Tile)> Branches(ChannelTiles tiles) => Branches(tiles.For);

    /// <summary>
    /// Writes one body per branch of <see cref="Branches{T}"/>: the body alone when every path has the same tile, else an
    /// if / else if / else on <c>TBlk.Registers</c> (a constant to the JIT, so each path keeps only its own).
    /// </summary>
    public static void PerPath<T>(CodeWriter w, List<(string? Condition, T Tile)> branches, System.Action<T> body)
    {
        if (branches.Count == 1)
        {
            body(branches[0].Tile);
            return;
        }
        w.Line("// The tile for this path's register width (TBlk.Registers is a constant to the JIT).");
        for (int i = 0; i < branches.Count; i++)
        {
            var (condition, tile) = branches[i];
            string header = condition is null ? "else" : i == 0 ? $"if ({condition})" : $"else if ({condition})";
            w.Block(header, () => body(tile));
        }
    }

    /// <summary>
    /// Like <see cref="PerPath{T}"/>, with the Vector512 path's tile of 16-lane blocks first when there is one:
    /// <c>if (<paramref name="block"/>.Lanes == 16)</c> (a constant to the JIT) its body, else the per-register branches.
    /// <paramref name="body"/> takes the tile and its lanes.
    /// </summary>
    public static void PerPathOrWide<T>(CodeWriter w, List<(string? Condition, T Tile)> branches, T? wide, string block, System.Action<T, int> body)
        where T : struct
    {
        if (wide is not { } wideTile)
        {
            PerPath(w, branches, tile => body(tile, ChannelTile.Lanes));
            return;
        }
        w.Line($"// The Vector512 path's 16-lane blocks ({block}.Lanes is a constant to the JIT too).");
        w.Block($"if ({block}.Lanes == 16)", () => body(wideTile, ChannelTile.WideLanes));
        w.Block("else", () => PerPath(w, branches, tile => body(tile, ChannelTile.Lanes)));
    }

    /// <summary>Every path's tile with its lanes: the branches' tiles (8 lanes), then the Vector512 tile (16) if any.</summary>
    public static List<(T Tile, int Lanes)> TilesByLanes<T>(List<(string? Condition, T Tile)> branches, T? wide) where T : struct
    {
        var tiles = branches.Select(b => (b.Tile, ChannelTile.Lanes)).ToList();
        if (wide is { } wideTile)
            tiles.Add((wideTile, ChannelTile.WideLanes));
        return tiles;
    }

    /// <summary>
    /// The tiles <paramref name="tileFor"/> gives a block of 1, 2 or 8 registers (Vector256, Vector128, scalar), paths
    /// with the same tile merged: (condition on <c>TBlk.Registers</c>, tile); the last condition is null (else).
    /// </summary>
    public static List<(string? Condition, T Tile)> Branches<T>(System.Func<int, T> tileFor)
    {
        var groups = new List<(List<int> Registers, T Tile)>();
        foreach (int registers in new[] { 1, 2, 8 })
        {
            var tile = tileFor(registers);
            if (groups.Count > 0 && EqualityComparer<T>.Default.Equals(groups[groups.Count - 1].Tile, tile))
                groups[groups.Count - 1].Registers.Add(registers);
            else
                groups.Add((new List<int> { registers }, tile));
        }
        var branches = new List<(string?, T)>();
        for (int i = 0; i < groups.Count; i++)
        {
            var (members, tile) = groups[i];
            int last = members[members.Count - 1];
            string? condition = i == groups.Count - 1 ? null
                : members.Count == 1 ? $"TBlk.Registers == {last}" : $"TBlk.Registers <= {last}";
            branches.Add((condition, tile));
        }
        return branches;
    }

    private static string StepName(int pixels, int blocks, int lanes) =>
        lanes == ChannelTile.Lanes ? $"ForwardItem{pixels}x{blocks}" : $"ForwardItemWide{pixels}x{blocks}";

    private static void Driver(CodeWriter w, LayerPlan plan, List<(string? Condition, ChannelTile Tile)> branches)
    {
        var s = plan.Spec;
        bool isFixed = s.IsFixedSize;
        string sizes = isFixed ? "" : ", int xh, int xw";
        string outSizes = isFixed ? "" : ", int oh, int ow";
        string bias = s.HasBias ? ", ref float bias" : "";
        w.Doc("Forward pass for one batch item over the (padded) input <c>x</c>, vectorised over output channels: " +
              "<c>weight</c> is channel-last (<c>[group][in/group][kh][kw][out/group]</c>) and the output <c>t</c> is written channel-last (<c>[pixel][channel]</c>).");
        w.Block($"private static void ForwardItem<TBlk, TAcc>(ref float x{sizes}, ref float weight{bias}, ref float t{outSizes})", () =>
        {
            if (isFixed)
            {
                var f = BatchLoops.FixedForwardSizes(plan)!;
                w.Line($"const int xPlane = {f[0] * f[1]}, pixels = {f[2] * f[3]};");
            }
            else
                w.Line("int xPlane = xh * xw, pixels = oh * ow;");
            string extra = isFixed ? "" : ", xw, xPlane, ow";
            void TileLoops(ChannelTile tile, int lanes)
            {
                int p = tile.Pixels, tileChannels = tile.Blocks * lanes;
                string Call(int pixels, string q) =>
                    $"{StepName(pixels, tile.Blocks, lanes)}<TBlk, TAcc>(ref xg, ref wo, {(s.HasBias ? "ref bo, " : "")}ref to, {q}{extra});";
                void ChannelTileBody()
                {
                    w.Line("ref float wo = ref Unsafe.Add(ref wg, o);");
                    if (s.HasBias)
                        w.Line($"ref float bo = ref Unsafe.Add(ref bias, {Expr.Add(Expr.Mul("g", s.OutPerGroup), "o")});");
                    w.Line($"ref float to = ref Unsafe.Add(ref t, {Expr.Add(Expr.Mul("g", s.OutPerGroup), "o")});");
                    w.Line("int q = 0;");
                    w.Line(p == 1 ? "for (; q < pixels; q++)" : $"for (; q + {p} <= pixels; q += {p})");
                    w.Line("    " + Call(p, "q"));
                    if (isFixed)
                    {
                        var f = BatchLoops.FixedForwardSizes(plan)!;
                        if (f[2] * f[3] % p != 0)
                        {
                            w.Line("// One overlapped tile ends the output: it recomputes a few pixels to the same bits.");
                            w.Line(Call(p, $"pixels - {p}"));
                        }
                    }
                    else if (p > 1)
                    {
                        w.Block("if (q < pixels)", () =>
                        {
                            w.Line($"if (pixels >= {p})");
                            w.Line($"    {Call(p, $"pixels - {p}")} // overlapped: recomputes a few pixels to the same bits");
                            w.Line("else");
                            w.Line("    for (; q < pixels; q++)");
                            w.Line("        " + Call(1, "q"));
                        });
                    }
                }
                w.LoopOrConst("o", s.OutPerGroup, tileChannels, ChannelTileBody);
            }
            void GroupBody()
            {
                w.Line($"ref float xg = ref Unsafe.Add(ref x, {Expr.Mul(Expr.Mul("g", s.InPerGroup), "xPlane")});");
                w.Line($"ref float wg = ref Unsafe.Add(ref weight, {Expr.Mul("g", s.WeightLength / s.Groups)});");
                PerPathOrWide(w, branches, plan.ForwardChannels!.Value.Vector512, "TBlk", TileLoops);
            }
            w.LoopOrConst("g", s.Groups, GroupBody);
        }, Constraints);
        w.Line();
    }

    private static void Step(CodeWriter w, LayerPlan plan, int pixels, int blocks, int lanes)
    {
        var s = plan.Spec;
        bool isFixed = s.IsFixedSize;
        string sizes = isFixed ? "" : ", int xw, int xPlane, int ow";
        w.Doc((pixels == 1 ? "Output pixel q" : $"Output pixels q .. q + {pixels - 1} (row-major)") + $" × the tile's {blocks * lanes} output channels: {pixels * blocks} accumulators of {lanes} channels. " +
              "<c>x</c> is the group's input, <c>w</c> and <c>bias</c> start at the tile's first channel, <c>t</c> at its first channel of pixel 0.");
        w.Block($"private static void {StepName(pixels, blocks, lanes)}<TBlk, TAcc>(ref float x, ref float w{(s.HasBias ? ", ref float bias" : "")}, ref float t, int q{sizes})", () =>
        {
            if (isFixed)
            {
                var f = BatchLoops.FixedForwardSizes(plan)!;
                w.Line($"const int xw = {f[1]}, xPlane = {f[0] * f[1]}, ow = {f[3]};");
            }
            w.Line("// Where each pixel's receptive field starts in an input plane.");
            for (int p = 0; p < pixels; p++)
            {
                string qp = Expr.Add("q", p);
                w.Line($"int i{p} = {Expr.Factor(qp)} / ow;");
                w.Line($"nint p{p} = {Expr.Mul(Expr.Mul($"i{p}", s.StrideHeight), "xw")} + {Expr.Mul($"({qp} - i{p} * ow)", s.StrideWidth)};");
            }
            w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b =>
                $"b{b} = {(s.HasBias ? $"TBlk.Load(ref bias, {b * lanes})" : "TBlk.Zero")}")) + ";");
            for (int p = 0; p < pixels; p++)
                w.Line("TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b => $"a{p}_{b} = b{b}")) + ";");
            void Body()
            {
                w.Line("ref float xk = ref Unsafe.Add(ref x, k * xPlane);");
                w.Line($"ref float wk = ref Unsafe.Add(ref w, {Expr.Mul("k", s.Taps * s.OutPerGroup)});");
                foreach (var tap in plan.Taps)
                {
                    int index = tap.Row * s.KernelWidth + tap.Column;
                    string offset = isFixed
                        ? (tap.Row * s.DilationHeight * BatchLoops.FixedForwardSizes(plan)![1] + tap.Column * s.DilationWidth).ToString()
                        : Expr.Add(Expr.Mul(tap.Row * s.DilationHeight, "xw"), tap.Column * s.DilationWidth);
                    w.Line($"// tap {tap.Row},{tap.Column}");
                    w.Line("{");
                    w.Line("    TAcc " + string.Join(", ", Enumerable.Range(0, blocks).Select(b =>
                        $"w{b} = TBlk.Load(ref wk, {index * s.OutPerGroup + b * lanes})")) + ";");
                    for (int p = 0; p < pixels; p++)
                    {
                        string at = offset == "0" ? $"p{p}" : $"p{p} + {offset}";
                        w.Line($"    TAcc x{p} = TBlk.Broadcast(Unsafe.Add(ref xk, {at}));");
                        for (int b = 0; b < blocks; b++)
                            w.Line($"    TBlk.Fma(ref a{p}_{b}, x{p}, w{b});");
                    }
                    w.Line("}");
                }
            }
            w.LoopOrConst("k", s.InPerGroup, Body);
            for (int p = 0; p < pixels; p++)
                for (int b = 0; b < blocks; b++)
                    w.Line($"TBlk.Store(a{p}_{b}, ref t, {Expr.Add(Expr.Mul(Expr.Factor(Expr.Add("q", p)), s.OutChannels), b * lanes)});");
        }, Constraints);
        w.Line();
    }
}
