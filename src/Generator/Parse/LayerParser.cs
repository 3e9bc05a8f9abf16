using System;
using System.Collections.Generic;
using System.Threading;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parse;

/// <summary>
/// Turns one <c>[ConvLayer]</c> usage into a <see cref="ParseResult"/>: the resolved
/// <see cref="LayerSpec"/> when the declaration is valid, and a diagnostic for each problem.
/// Never throws on user input: anything unexpected becomes a diagnostic or no output.
/// </summary>
internal static class LayerParser
{
    /// <summary>Largest kernel side: every tap is unrolled into the generated source.</summary>
    public const int MaxKernel = 32;
    /// <summary>Largest channel count, stride, padding or dilation accepted (keeps every size in range of int).</summary>
    public const int MaxSize = 1 << 16;
    /// <summary>Largest number of weights, so buffers stay well inside an array's limits.</summary>
    public const long MaxWeights = 1L << 26;

    private static readonly ParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>For tests: bind every attribute, never reading arguments from the syntax, so that both ways can be run on the same sources and compared.</summary>
    internal static readonly AsyncLocal<bool> AlwaysBind = new();

    /// <summary>
    /// A type declaration with an attribute named like <c>ConvLayer</c> (see <see cref="ConvLayerSyntax"/>). The type's
    /// symbol is declared, not bound (no member or attribute binding). When the name can only mean ConvGen's
    /// attribute and every argument is a literal, the arguments come from the syntax; otherwise (an alias, a
    /// constant, a name imported by a global using...) the attribute is bound, as the compiler does, and only when
    /// it is ConvGen's does anything follow.
    /// </summary>
    public static ParseResult Parse(GeneratorSyntaxContext context, CancellationToken token)
    {
        if (context.Node is not TypeDeclarationSyntax node ||
            context.SemanticModel.GetDeclaredSymbol(node, token) is not INamedTypeSymbol type)
            return Nothing;
        var attributes = ConvLayerSyntax.ConvLayerAttributes(node);
        if (attributes.Count != 1)
            return Nothing; // none, or [ConvLayer] twice: the compiler's CS0579

        var args = !AlwaysBind.Value && ConvLayerSyntax.NamesConvGen(attributes[0]) && !ConvLayerSyntax.MustBind(context.SemanticModel.Compilation)
            ? AttributeArguments.FromSyntax(attributes[0])
            : null;
        if (args is not null)
        {
            // On two partial declarations: the compiler's CS0579 again, and two files of one name otherwise.
            if (type.DeclaringSyntaxReferences.Length > 1 && CountNamedConvLayer(type, token) > 1)
                return Nothing;
        }
        else
        {
            AttributeData? bound = null;
            foreach (var attribute in type.GetAttributes())
                if (IsConvLayer(attribute) && attribute.ApplicationSyntaxReference?.GetSyntax(token) == attributes[0])
                    bound = attribute;
            if (bound is null || CountConvLayer(type) > 1)
                return Nothing; // not ConvGen's attribute, or twice
            args = AttributeArguments.Read(bound, token);
        }
        return Parse(type, node, args);
    }

    private static ParseResult Parse(INamedTypeSymbol type, SyntaxNode node, AttributeArguments args)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var target = TargetReader.Read(type, node, args.AttributeLocation, diagnostics);
        // When the compiler cannot bind an argument it reports that error itself; say nothing more.
        if (args.HasErrors || target is null)
            return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));

        var spec = Resolve(target, args, diagnostics);
        MemberConflicts.Check(type, args.IsGiven("InputHeight") && args.IsGiven("InputWidth"), args.AttributeLocation, diagnostics);
        return new ParseResult(diagnostics.Count == 0 ? spec : null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    /// <summary>The attributes named <c>ConvLayer</c> on all of the type's declarations, from their syntax.</summary>
    private static int CountNamedConvLayer(INamedTypeSymbol type, CancellationToken token)
    {
        int count = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
            if (reference.GetSyntax(token) is TypeDeclarationSyntax declaration)
                count += ConvLayerSyntax.ConvLayerAttributes(declaration).Count;
        return count;
    }

    private static bool IsConvLayer(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "ConvLayerAttribute", ContainingNamespace: { Name: "ConvGen", ContainingNamespace.IsGlobalNamespace: true } };

    private static int CountConvLayer(INamedTypeSymbol type)
    {
        int count = 0;
        foreach (var attribute in type.GetAttributes())
            if (IsConvLayer(attribute))
                count++;
        return count;
    }

    private static LayerSpec Resolve(TypeTarget target, AttributeArguments a, List<DiagnosticInfo> d)
    {
        string name = target.Name;
        int kh = a.PositionalInt(0), kw = a.PositionalInt(1);
        CheckRange(d, a, "kernelHeight", "height", kh, name);
        CheckRange(d, a, "kernelWidth", "width", kw, name);

        int inC = a.Int("InChannels", 1), outC = a.Int("OutChannels", 1), groups = a.Int("Groups", 1);
        bool channelsOk = AtLeastOne(d, a, "InChannels", inC, name, Diagnostics.InvalidChannels)
                        & AtLeastOne(d, a, "OutChannels", outC, name, Diagnostics.InvalidChannels)
                        & AtLeastOne(d, a, "Groups", groups, name, Diagnostics.InvalidChannels);
        if (channelsOk)
        {
            if (inC % groups != 0)
                d.Add(DiagnosticInfo.Create(Diagnostics.GroupsMismatch, a.LocationOf("Groups"), "InChannels", inC, name, groups));
            if (outC % groups != 0)
                d.Add(DiagnosticInfo.Create(Diagnostics.GroupsMismatch, a.LocationOf("Groups"), "OutChannels", outC, name, groups));
        }

        int stride = a.Int("Stride", 1);
        int sh = a.IsGiven("StrideHeight") ? a.Int("StrideHeight", 1) : stride;
        int sw = a.IsGiven("StrideWidth") ? a.Int("StrideWidth", 1) : stride;
        AtLeastOne(d, a, a.IsGiven("StrideHeight") ? "StrideHeight" : "Stride", sh, name, Diagnostics.InvalidStride);
        if (a.IsGiven("StrideWidth") || sw != sh)
            AtLeastOne(d, a, a.IsGiven("StrideWidth") ? "StrideWidth" : "Stride", sw, name, Diagnostics.InvalidStride);

        int dilation = a.Int("Dilation", 1);
        int dh = a.IsGiven("DilationHeight") ? a.Int("DilationHeight", 1) : dilation;
        int dw = a.IsGiven("DilationWidth") ? a.Int("DilationWidth", 1) : dilation;
        AtLeastOne(d, a, a.IsGiven("DilationHeight") ? "DilationHeight" : "Dilation", dh, name, Diagnostics.InvalidDilation);
        if (a.IsGiven("DilationWidth") || dw != dh)
            AtLeastOne(d, a, a.IsGiven("DilationWidth") ? "DilationWidth" : "Dilation", dw, name, Diagnostics.InvalidDilation);

        var kind = (PaddingKindValue)a.Int("PaddingKind", 0);
        var mode = (PaddingModeValue)a.Int("PaddingMode", 0);
        if (!Enum.IsDefined(typeof(PaddingKindValue), kind))
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidArgument, a.LocationOf("PaddingKind"), "PaddingKind", name, $"must be Explicit, Same or Valid; got {(int)kind}"));
        if (!Enum.IsDefined(typeof(PaddingModeValue), mode))
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidArgument, a.LocationOf("PaddingMode"), "PaddingMode", name, $"must be Zeros, Reflect, Replicate or Circular; got {(int)mode}"));

        int top, bottom, left, right;
        bool explicitNumbers = a.IsGiven("Padding") || a.IsGiven("PaddingHeight") || a.IsGiven("PaddingWidth");
        if (kind == PaddingKindValue.Same || kind == PaddingKindValue.Valid)
        {
            if (explicitNumbers)
            {
                string given = a.IsGiven("Padding") ? "Padding" : a.IsGiven("PaddingHeight") ? "PaddingHeight" : "PaddingWidth";
                d.Add(DiagnosticInfo.Create(Diagnostics.InvalidPadding, a.LocationOf(given), given, name,
                    $"cannot be combined with PaddingKind.{kind}, which sets the padding itself", a.Int(given, 0)));
            }
            if (kind == PaddingKindValue.Same && (sh != 1 || sw != 1))
                d.Add(DiagnosticInfo.Create(Diagnostics.SameWithStride, a.LocationOf("PaddingKind"), name, sh, sw));
            // PyTorch's 'same': total = d·(k − 1), the smaller half before, the extra one after.
            int totalH = kind == PaddingKindValue.Same ? SafeMul(dh, kh - 1) : 0;
            int totalW = kind == PaddingKindValue.Same ? SafeMul(dw, kw - 1) : 0;
            top = totalH / 2; bottom = totalH - top; left = totalW / 2; right = totalW - left;
        }
        else
        {
            int padding = a.Int("Padding", 0);
            int ph = a.IsGiven("PaddingHeight") ? a.Int("PaddingHeight", 0) : padding;
            int pw = a.IsGiven("PaddingWidth") ? a.Int("PaddingWidth", 0) : padding;
            CheckPadding(d, a, a.IsGiven("PaddingHeight") ? "PaddingHeight" : "Padding", ph, name);
            if (a.IsGiven("PaddingWidth") || pw != ph)
                CheckPadding(d, a, a.IsGiven("PaddingWidth") ? "PaddingWidth" : "Padding", pw, name);
            top = bottom = ph; left = right = pw;
        }

        bool hasBias = a.Bool("Bias", true);
        int ih = a.Int("InputHeight", 0), iw = a.Int("InputWidth", 0);

        var spec = new LayerSpec(target, kh, kw, inC, outC, sh, sw, top, bottom, left, right, dh, dw,
                                 groups, hasBias, mode, kind, ih, iw);
        if (d.Count == 0)
        {
            if ((long)outC * (inC / groups) * kh * kw > MaxWeights)
                d.Add(DiagnosticInfo.Create(Diagnostics.InvalidChannels, a.AttributeLocation, "The weight count", name,
                    $"{(long)outC * (inC / groups) * kh * kw} (more than {MaxWeights})"));
            CheckFixedInput(d, a, spec);
        }
        return spec;
    }

    private static void CheckFixedInput(List<DiagnosticInfo> d, AttributeArguments a, LayerSpec s)
    {
        bool h = a.IsGiven("InputHeight"), w = a.IsGiven("InputWidth");
        if (!h && !w) return;
        string name = s.Target.Name;
        if (h != w)
        {
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidInputSize, a.LocationOf(h ? "InputHeight" : "InputWidth"), name,
                "needs both InputHeight and InputWidth"));
            return;
        }
        if (s.InputHeight < 1 || s.InputWidth < 1 || s.InputHeight > MaxSize || s.InputWidth > MaxSize)
        {
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidInputSize, a.LocationOf(s.InputHeight < 1 || s.InputHeight > MaxSize ? "InputHeight" : "InputWidth"), name,
                $"must be between 1x1 and {MaxSize}x{MaxSize}; got {s.InputHeight}x{s.InputWidth}"));
            return;
        }
        if (s.InputHeight < s.MinInputHeight || s.InputWidth < s.MinInputWidth)
        {
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidInputSize, a.LocationOf(s.InputHeight < s.MinInputHeight ? "InputHeight" : "InputWidth"), name,
                $"{s.InputHeight}x{s.InputWidth} is smaller than the dilated kernel {s.ReachHeight}x{s.ReachWidth} minus padding: expected at least {s.MinInputHeight}x{s.MinInputWidth}"));
            return;
        }
        CheckModeFits(d, a, s, "PaddingHeight", s.InputHeight, Math.Max(s.PadTop, s.PadBottom), "height");
        CheckModeFits(d, a, s, "PaddingWidth", s.InputWidth, Math.Max(s.PadLeft, s.PadRight), "width");
    }

    private static void CheckModeFits(List<DiagnosticInfo> d, AttributeArguments a, LayerSpec s, string axisName, int size, int pad, string axis)
    {
        // PyTorch: reflect needs padding < size; circular needs padding <= size.
        bool bad = s.PaddingMode switch
        {
            PaddingModeValue.Reflect => pad >= size,
            PaddingModeValue.Circular => pad > size,
            _ => false,
        };
        if (bad)
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidPadding,
                a.LocationOf(a.IsGiven(axisName) ? axisName : a.IsGiven("Padding") || !a.IsGiven("PaddingKind") ? "Padding" : "PaddingKind"), axisName, s.Target.Name,
                $"must be {(s.PaddingMode == PaddingModeValue.Reflect ? "smaller than" : "at most")} the fixed input {axis} {size} with PaddingMode.{s.PaddingMode}", pad));
    }

    private static void CheckRange(List<DiagnosticInfo> d, AttributeArguments a, string key, string axis, int value, string name)
    {
        if (value < 1 || value > MaxKernel)
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidKernel, a.LocationOf(key), axis, name, MaxKernel, value));
    }

    private static bool AtLeastOne(List<DiagnosticInfo> d, AttributeArguments a, string key, int value, string name, DiagnosticDescriptor descriptor)
    {
        if (value >= 1 && value <= MaxSize) return true;
        if (value > MaxSize)
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidArgument, a.LocationOf(key), key, name, $"must be at most {MaxSize}; got {value}"));
        else
            d.Add(DiagnosticInfo.Create(descriptor, a.LocationOf(key), key, name, value));
        return false;
    }

    private static void CheckPadding(List<DiagnosticInfo> d, AttributeArguments a, string key, int value, string name)
    {
        if (value < 0)
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidPadding, a.LocationOf(key), key, name, "must be at least 0", value));
        else if (value > MaxSize)
            d.Add(DiagnosticInfo.Create(Diagnostics.InvalidPadding, a.LocationOf(key), key, name, $"must be at most {MaxSize}", value));
    }

    private static int SafeMul(int a, int b) => (int)Math.Min(int.MaxValue / 4, Math.Max(0, (long)a * b));
}
