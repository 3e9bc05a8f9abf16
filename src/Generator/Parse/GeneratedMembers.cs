using System.Collections.Generic;

namespace ConvGen.Generator.Parse;

/// <summary>
/// The members the generated half of a layer class declares, so that a user's own member of the same
/// name can be reported at its declaration (CG0012) instead of as a compiler error inside generated code.
/// </summary>
/// <remarks>
/// This list MUST match what <c>Emit/LayerEmitter.cs</c> writes: when the emitter gains, renames or
/// drops a member, change it here too. <c>GeneratedMembersTests</c> compares it with the members of
/// freshly generated classes and fails when the two disagree.
/// </remarks>
internal static class GeneratedMembers
{
    /// <summary>Fields, properties and constants every layer gets: any member of the same name clashes (CS0102).</summary>
    public static readonly IReadOnlyList<string> Values =
    [
        "InChannels", "OutChannels", "Groups", "KernelHeight", "KernelWidth",
        "Weight", "Bias", "WeightGrad", "BiasGrad", "ExecutionPath",
        "LayerName", "_weight", "_bias", "_weightGrad", "_biasGrad",
        "_paddedInput", "_spreadGrad", "_paddedInputGrad",
    ];

    /// <summary>Properties only layers with a fixed input size (<c>InputHeight</c>/<c>InputWidth</c> given) get.</summary>
    public static readonly IReadOnlyList<string> FixedSizeValues = ["InputHeight", "InputWidth"];

    /// <summary>
    /// Private helper methods: the whole name is reserved, since the generated code calls them by
    /// name and a user overload could take part in that call.
    /// </summary>
    public static readonly IReadOnlyList<string> PrivateMethods =
    [
        "CheckShape", "ForwardBatch", "BackwardBatch", "ForwardItem", "InputGradItem", "WeightGradItem", "BiasGradItem",
    ];

    /// <summary>
    /// Families of private helpers numbered by their register tile (e.g. <c>ForwardItemTile4</c>, its steps
    /// <c>ForwardItemTile4x3</c>, <c>ForwardItemTile4Lane</c> and the two-row step <c>ForwardItemTile1Rows2x6</c>):
    /// every name of a prefix followed by digits, optionally followed by <c>x</c> and digits, by <c>Lane</c>, or by
    /// <c>Rows</c>, digits, <c>x</c> and digits, is reserved.
    /// </summary>
    public static readonly IReadOnlyList<string> PrivateMethodFamilies = ["ForwardItemTile", "InputGradItemTile", "WeightGradTile"];

    /// <summary>Whether <paramref name="name"/> is one of the tile helper families.</summary>
    public static bool IsTileHelper(string name)
    {
        foreach (var prefix in PrivateMethodFamilies)
        {
            if (!name.StartsWith(prefix, System.StringComparison.Ordinal)) continue;
            int i = prefix.Length;
            int start = i;
            while (i < name.Length && name[i] is >= '0' and <= '9') i++;
            if (i == start) continue;
            string rest = name.Substring(i);
            if (rest.StartsWith("Rows", System.StringComparison.Ordinal))
            {
                int r = 4;
                while (r < rest.Length && rest[r] is >= '0' and <= '9') r++;
                if (r == 4) continue;
                rest = rest.Substring(r);
                if (rest.Length == 0) continue;
            }
            if (rest.Length == 0 || rest == "Lane") return true;
            if (rest.Length > 1 && rest[0] == 'x')
            {
                bool digits = true;
                for (int d = 1; d < rest.Length; d++) digits &= rest[d] is >= '0' and <= '9';
                if (digits) return true;
            }
        }
        return false;
    }

    private const string Input = "global::System.ReadOnlySpan<float>";
    private const string Output = "global::System.Span<float>";

    /// <summary>
    /// Public methods by name and parameter types (fully qualified, as Roslyn displays them): only a
    /// user method with the same parameter types clashes (CS0111); other overloads are fine.
    /// </summary>
    public static IEnumerable<(string Name, string[] Parameters)> PublicMethods(bool fixedSize)
    {
        yield return ("Forward", [Input, Output, "int", "int", "int"]);
        yield return ("Backward", [Input, Input, Output, "int", "int", "int"]);
        yield return ("OutputHeight", ["int"]);
        yield return ("OutputWidth", ["int"]);
        yield return ("ZeroGrad", []);
        if (fixedSize)
        {
            yield return ("Forward", [Input, Output, "int"]);
            yield return ("Backward", [Input, Input, Output, "int"]);
        }
    }

    /// <summary>Parameter lists of the generated instance constructors: <c>()</c> and <c>(int seed)</c>.</summary>
    public static readonly IReadOnlyList<string[]> Constructors = [[], ["int"]];

    /// <summary>Every member name the generated class declares, except the numbered tile helpers (see <see cref="IsTileHelper"/>).</summary>
    public static IEnumerable<string> AllNames(bool fixedSize)
    {
        foreach (var n in Values) yield return n;
        if (fixedSize) foreach (var n in FixedSizeValues) yield return n;
        foreach (var n in PrivateMethods) yield return n;
        foreach (var (n, _) in PublicMethods(fixedSize)) yield return n;
    }
}
