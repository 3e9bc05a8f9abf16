using ConvGen.Generator.Model;

namespace ConvGen.Generator.Parse;

/// <summary>Where the generated partial class goes: namespace, containing types, name, each as C# source
/// (a keyword used as a name keeps its <c>@</c>, e.g. <c>@class</c>).</summary>
/// <param name="Namespace">The namespace, or an empty string for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of containing types, outermost first (e.g. <c>partial class Outer</c>).</param>
/// <param name="Name">The class name.</param>
internal sealed record TypeTarget(string Namespace, EquatableArray<string> ContainingTypes, string Name)
{
    /// <summary>Dotted name used for the file name and messages, e.g. <c>Demo.Outer.Layer</c>, without any
    /// <c>@</c> (which a generated file's hint name may not contain).</summary>
    public string FullName
    {
        get
        {
            var parts = new System.Collections.Generic.List<string>();
            if (Namespace.Length > 0) parts.Add(Namespace);
            foreach (var c in ContainingTypes) parts.Add(c.Substring(c.LastIndexOf(' ') + 1));
            parts.Add(Name);
            return string.Join(".", parts).Replace("@", "");
        }
    }

    /// <summary>
    /// The generated file's name: the namespace dotted, containing types joined by <c>+</c> as in
    /// metadata names (e.g. <c>Demo.Outer+Layer.g.cs</c>), so that namespace <c>A.B</c>'s class <c>C</c> and
    /// class <c>A.B</c>'s nested class <c>C</c> (a CS0101 state an editor may hold) never share a file name.
    /// </summary>
    public string HintName
    {
        get
        {
            var types = new System.Collections.Generic.List<string>();
            foreach (var c in ContainingTypes) types.Add(c.Substring(c.LastIndexOf(' ') + 1));
            types.Add(Name);
            string name = string.Join("+", types);
            return ((Namespace.Length > 0 ? Namespace + "." : "") + name).Replace("@", "") + ".g.cs";
        }
    }
}

/// <summary>
/// Everything the generator needs from one <c>[ConvLayer]</c> declaration, resolved and validated:
/// plain values only, so the incremental pipeline caches it by value.
/// </summary>
internal sealed record LayerSpec(
    TypeTarget Target,
    int KernelHeight, int KernelWidth,
    int InChannels, int OutChannels,
    int StrideHeight, int StrideWidth,
    int PadTop, int PadBottom, int PadLeft, int PadRight,
    int DilationHeight, int DilationWidth,
    int Groups, bool HasBias,
    PaddingModeValue PaddingMode, PaddingKindValue PaddingKind,
    int InputHeight, int InputWidth)
{
    public int InPerGroup => InChannels / Groups;
    public int OutPerGroup => OutChannels / Groups;
    public int Taps => KernelHeight * KernelWidth;
    public int WeightLength => OutChannels * InPerGroup * Taps;
    public int FanIn => InPerGroup * Taps;
    public bool HasPadding => PadTop + PadBottom + PadLeft + PadRight > 0;
    public bool IsFixedSize => InputHeight > 0 && InputWidth > 0;
    /// <summary>Rows the dilated kernel spans.</summary>
    public int ReachHeight => DilationHeight * (KernelHeight - 1) + 1;
    /// <summary>Columns the dilated kernel spans.</summary>
    public int ReachWidth => DilationWidth * (KernelWidth - 1) + 1;
    /// <summary>Smallest input height with at least one output row.</summary>
    public int MinInputHeight => System.Math.Max(1, ReachHeight - PadTop - PadBottom);
    /// <summary>Smallest input width with at least one output column.</summary>
    public int MinInputWidth => System.Math.Max(1, ReachWidth - PadLeft - PadRight);
    public int OutputHeight(int height) => (height + PadTop + PadBottom - ReachHeight) / StrideHeight + 1;
    public int OutputWidth(int width) => (width + PadLeft + PadRight - ReachWidth) / StrideWidth + 1;
}

/// <summary>Mirror of <c>ConvGen.PaddingMode</c> (the generator cannot reference the runtime).</summary>
internal enum PaddingModeValue { Zeros = 0, Reflect = 1, Replicate = 2, Circular = 3 }

/// <summary>Mirror of <c>ConvGen.PaddingKind</c>.</summary>
internal enum PaddingKindValue { Explicit = 0, Same = 1, Valid = 2 }

/// <summary>The outcome of parsing one declaration: a spec when it is valid, and its diagnostics.</summary>
internal sealed record ParseResult(LayerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
