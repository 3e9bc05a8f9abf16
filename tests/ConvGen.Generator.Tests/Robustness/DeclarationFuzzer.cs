using System.Text;

namespace ConvGen.Generator.Tests.Robustness;

/// <summary>
/// Writes random, mostly broken <c>[ConvLayer]</c> declarations, the kind an editor holds mid-keystroke:
/// wrong argument types, huge and negative numbers, missing parentheses and braces, duplicated
/// attributes, odd nesting, generic containers, partial/non-partial mixes, names that clash.
/// Deterministic for a seed, so a failure can be replayed.
/// </summary>
internal sealed class DeclarationFuzzer(int seed)
{
    private readonly Random _random = new(seed);
    private int _counter;

    private static readonly string[] Numbers =
    [
        "0", "1", "2", "3", "5", "-1", "-3", "32", "33", "64", "65536", "65537", "100000", "int.MaxValue", "int.MinValue",
        "unchecked(int.MaxValue + 1)", "2147483647", "-2147483648", "1 << 30", "(1 << 16) + 1", "0x7fff_ffff", "3 * 3",
    ];

    private static readonly string[] WrongValues =
    [
        "2.5", "\"3\"", "true", "null", "'c'", "3L", "(byte)3", "3u", "1e9", "Sizes.K", "Sizes.Const", "typeof(int)", "new int[0]",
        "PaddingKind.Same", "PaddingMode.Reflect", "(PaddingMode)99", "(PaddingKind)(-1)", "1 +", "", "(", ")", "default", "nameof(Sizes)",
        "Sizes.Missing", "x => x", "double.NaN", "checked(int.MaxValue + 1)",
    ];

    private static readonly string[] Names =
    [
        "InChannels", "OutChannels", "Stride", "StrideHeight", "StrideWidth", "Padding", "PaddingHeight", "PaddingWidth",
        "PaddingKind", "PaddingMode", "Dilation", "DilationHeight", "DilationWidth", "Groups", "Bias", "InputHeight", "InputWidth",
        "KernelHeight", "Foo", "kernelHeight", "kernelWidth", "bias",
    ];

    private static readonly string[] TypeNames =
    [
        "Layer", "Conv", "Weight", "Forward", "Paths", "ConvGuard", "Span", "IConvLayer", "@class", "Δelta", "_x", "LayerName", "Sizes",
    ];

    private static readonly string[] Members =
    [
        "public float[] Weight = new float[1];", "public void Forward(System.ReadOnlySpan<float> x, System.Span<float> y, int b, int h, int w) { }",
        "public int Forward => 1;", "void ZeroGrad() { }", "public Layer() { }", "public Layer(int seed) { }", "int _bias;",
        "static void CheckShape(int a, int b, int c) { }", "class LayerName { }", "public int InputHeight => 1;",
        "public void Forward(float[] a) { }", "int x;", "void M() { int y = 1; }", "public event System.Action Bias;",
        "public int this[int i] => i;", "public static Layer operator +(Layer a, Layer b) => a;", "~Layer() { }", "int OutputHeight;",
        "partial void P();", "Span<float> IConvLayer.Weight => default;", "[ConvLayer(1, 1)] partial class NestedLayer { }",
    ];

    /// <summary>One source file with a few declarations and sometimes a namespace.</summary>
    public string NextFile(int declarations)
    {
        var file = new StringBuilder();
        if (Chance(0.9)) file.AppendLine("using ConvGen;");
        // Aliases: of ConvGen's attribute (followed in this file), of something else named like it, and global ones (CG0014).
        if (Chance(0.05)) file.AppendLine(Pick(["using CL = ConvGen.ConvLayerAttribute;", "using ConvLayer = System.ObsoleteAttribute;",
                                                "global using CL = ConvGen.ConvLayerAttribute;", "using CL = ConvGen.ConvLayer"]));
        if (Chance(0.3)) file.AppendLine("using System;");
        if (Chance(0.2)) file.AppendLine("public static class Sizes { public static int K = 3; public const int Const = 3; }");
        bool fileScoped = Chance(0.3);
        if (fileScoped) file.AppendLine($"namespace {Pick(["Demo", "Demo.Layers", "Weight", "A.B", "@class"])};");
        for (int i = 0; i < declarations; i++)
        {
            string declaration = Declaration();
            if (!fileScoped && Chance(0.3)) declaration = $"namespace {Pick(["N", "N.M", "Layer", "ConvGen"])} {{ {declaration} }}";
            file.AppendLine(Mangle(declaration));
        }
        return file.ToString();
    }

    private string Declaration()
    {
        string declaration = Attributes() + " " + TypeDeclaration();
        int depth = _random.Next(3) == 0 ? _random.Next(1, 4) : 0;
        for (int i = 0; i < depth; i++)
            declaration = Container() + " { " + declaration + (Chance(0.3) ? " " + Pick(Members) : "") + " }";
        return declaration;
    }

    private string Attributes()
    {
        int count = _random.Next(10) switch { 0 => 0, 1 => 2, _ => 1 };
        var parts = new List<string>();
        for (int i = 0; i < count; i++) parts.Add(Attribute());
        return _random.Next(3) == 0 && parts.Count > 1 ? "[" + string.Join(", ", parts) + "]" : string.Concat(parts.Select(p => "[" + p + "]"));
    }

    private string Attribute()
    {
        if (Chance(0.35)) return PlausibleAttribute();
        string name = _random.Next(12) switch
        {
            0 => "ConvGen.ConvLayer", 1 => "ConvLayerAttribute", 2 => "global::ConvGen.ConvLayerAttribute", 3 => "ConvLay", 4 => "Obsolete", 5 => "CL",
            _ => "ConvLayer",
        };
        if (Chance(0.05)) return name;
        var args = new List<string>();
        int positional = _random.Next(8) switch { 0 => 0, 1 => 1, 2 => 3, _ => 2 };
        for (int i = 0; i < positional; i++) args.Add(Value());
        if (Chance(0.1)) args.Add($"{Pick(["kernelWidth", "kernelHeight", "k"])}: {Value()}");
        int named = _random.Next(0, 6);
        for (int i = 0; i < named; i++)
            args.Add(Chance(0.05) ? Pick(Names) + " =" : $"{Pick(Names)} = {NamedValue()}");
        string list = string.Join(Chance(0.05) ? " " : ", ", args);
        return _random.Next(20) switch
        {
            0 => $"{name}({list}",
            1 => $"{name} {list})",
            2 => $"{name}({list}))",
            3 => $"{name}({list},)",
            _ => $"{name}({list})",
        };
    }

    /// <summary>An attribute as a user would write it: small valid-looking numbers, so many declarations reach the emitter.</summary>
    private string PlausibleAttribute()
    {
        var args = new List<string> { Pick(["1", "2", "3", "5"]), Pick(["1", "2", "3", "4"]) };
        int channels = _random.Next(1, 4);
        if (Chance(0.5)) args.Add($"InChannels = {channels}");
        if (Chance(0.5)) args.Add($"OutChannels = {channels * _random.Next(1, 3)}");
        if (Chance(0.2)) args.Add($"Groups = {channels}");
        if (Chance(0.3)) args.Add($"Stride = {_random.Next(1, 3)}");
        if (Chance(0.3)) args.Add($"Padding = {_random.Next(0, 3)}");
        if (Chance(0.2)) args.Add($"Dilation = {_random.Next(1, 3)}");
        if (Chance(0.2)) args.Add($"PaddingMode = PaddingMode.{Pick(["Zeros", "Reflect", "Replicate", "Circular"])}");
        if (Chance(0.2)) args.Add("Bias = false");
        if (Chance(0.2)) args.Add($"InputHeight = {_random.Next(1, 12)}, InputWidth = {_random.Next(1, 12)}");
        if (Chance(0.1)) args.Add($"PaddingKind = PaddingKind.{Pick(["Explicit", "Same", "Valid"])}");
        // One literal at the edge of the valid range, or past it: the limits are where reading and binding could disagree.
        if (Chance(0.25))
        {
            int i = _random.Next(args.Count);
            string edge = Pick(["0", "-1", "-3", "32", "33", "65536", "65537", "2147483647", "-2147483648"]);
            args[i] = i < 2 ? edge : args[i].Substring(0, args[i].IndexOf('=') + 1) + " " + edge;
        }
        return Pick(["ConvLayer(", "ConvLayer(", "ConvLayerAttribute(", "ConvGen.ConvLayer("]) + string.Join(", ", args) + ")";
    }

    private string NamedValue() => Chance(0.15) ? Pick(["PaddingKind.Same", "PaddingKind.Valid", "PaddingMode.Circular", "PaddingMode.Reflect", "false", "true"]) : Value();

    private string Value() => Chance(0.75) ? Pick(Numbers) : Pick(WrongValues);

    private string TypeDeclaration()
    {
        var modifiers = new List<string>();
        if (Chance(0.6)) modifiers.Add(Pick(["public", "internal", "private", "file", "protected"]));
        foreach (var m in new[] { "static", "abstract", "sealed", "unsafe", "readonly", "new" })
            if (Chance(0.05)) modifiers.Add(m);
        if (Chance(0.8)) modifiers.Add("partial");
        string kind = _random.Next(20) switch
        {
            0 => "struct", 1 => "record", 2 => "record struct", 3 => "interface", 4 => "enum", 5 => "record class", 6 => "ref struct",
            _ => "class",
        };
        string name = Chance(0.3) ? Pick(TypeNames) : "L" + _counter++;
        string generic = _random.Next(12) switch { 0 => "<T>", 1 => "<T, U> where T : class", 2 => "<", _ => "" };
        string bases = _random.Next(10) switch { 0 => " : IConvLayer", 1 => " : System.Object", 2 => " : Layer", 3 => " :", _ => "" };
        var body = new StringBuilder();
        int members = _random.Next(5) == 0 ? _random.Next(1, 4) : 0;
        for (int i = 0; i < members; i++) body.Append(' ').Append(Pick(Members).Replace("Layer(", name.TrimStart('@') + "("));
        string close = Chance(0.05) ? "" : " }";
        if (kind == "enum") return $"{string.Join(" ", modifiers)} enum {name} {{ A, B{close}";
        return Chance(0.05)
            ? $"{string.Join(" ", modifiers)} {kind} {name}{generic}{bases};"
            : $"{string.Join(" ", modifiers)} {kind} {name}{generic}{bases} {{{body}{close}";
    }

    private string Container() => _random.Next(10) switch
    {
        0 => "class Outer" + _counter++,
        1 => "partial struct S" + _counter++,
        2 => "partial class G" + _counter++ + "<T>",
        3 => "partial record R" + _counter++,
        4 => "partial interface I" + _counter++,
        5 => "static partial class St" + _counter++,
        6 => "namespace Inner" + _counter++,
        7 => "void Method()",
        _ => "partial class Outer" + _counter++,
    };

    /// <summary>Sometimes cuts the text short or drops a character, like an editor mid-edit.</summary>
    private string Mangle(string text)
    {
        if (text.Length == 0) return text;
        return _random.Next(16) switch
        {
            0 => text.Substring(0, _random.Next(text.Length)),
            1 => text.Remove(_random.Next(text.Length), 1),
            2 => text.Insert(_random.Next(text.Length), Pick(["(", ")", "[", "]", "{", "}", ",", "=", "\"", "/*", "#if X", "'"])),
            _ => text,
        };
    }

    private bool Chance(double p) => _random.NextDouble() < p;
    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
