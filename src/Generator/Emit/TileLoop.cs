using System;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Writes the loop every tiled kernel driver shares: over channel groups and, within a group, over
/// tiles of <c>planes</c> channels, then one call for the remaining channels.
/// </summary>
internal static class TileLoop
{
    /// <param name="w">The writer.</param>
    /// <param name="groups">Channel groups (no loop when 1).</param>
    /// <param name="perGroup">Channels per group the tiles cover.</param>
    /// <param name="planes">Channels per tile.</param>
    /// <param name="preamble">Writes the per-group lines before the tile calls (may use <c>g</c>).</param>
    /// <param name="call">The call for a tile of the given size starting at the given channel expression (may use <c>g</c>).</param>
    /// <param name="groupRange">Loop over groups <c>g0 .. g1 - 1</c> (parameters of the driver) instead of all of them.</param>
    public static void Emit(CodeWriter w, int groups, int perGroup, int planes, Action preamble, Func<int, string, string> call, bool groupRange = false)
    {
        int remainder = perGroup % planes;
        void GroupBody()
        {
            preamble();
            if (perGroup == planes)
            {
                w.Line(call(planes, "0"));
                return;
            }
            w.Line("int o = 0;");
            w.Line($"for (; o + {planes} <= {perGroup}; o += {planes})");
            w.Line("    " + call(planes, "o"));
            if (remainder != 0)
                w.Line(call(remainder, "o") + $" // the last {remainder} channel{(remainder > 1 ? "s" : "")}");
        }
        if (groupRange)
            w.Block("for (int g = g0; g < g1; g++)", GroupBody);
        else if (groups == 1)
        {
            w.Line("const int g = 0;");
            GroupBody();
        }
        else
            w.Block($"for (int g = 0; g < {groups}; g++)", GroupBody);
    }
}
