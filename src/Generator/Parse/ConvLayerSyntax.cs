using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parse;

/// <summary>
/// Recognises <c>[ConvLayer]</c> from the syntax alone. Binding an attribute on each new compilation (what
/// <c>ForAttributeWithMetadataName</c> does for every layer on every keystroke) resolves the file's usings first
/// and cost ~30 µs a layer, 6-7 ms for 200 layers; reading the name and literal arguments from the syntax costs
/// a few microseconds. The semantic binding stays as the fallback wherever the syntax cannot decide (see
/// <see cref="LayerParser.Parse(GeneratorSyntaxContext, System.Threading.CancellationToken)"/>).
/// </summary>
internal static class ConvLayerSyntax
{
    /// <summary>
    /// Whether <paramref name="node"/> is a type declaration with an attribute named like ConvGen's: <c>ConvLayer</c> or
    /// <c>ConvLayerAttribute</c>, bare or qualified, or an alias of it declared in the file (<c>using L =
    /// ConvGen.ConvLayerAttribute;</c>). The pipeline's predicate: syntax only, run on edited files only.
    /// </summary>
    public static bool IsCandidate(SyntaxNode node) => node is TypeDeclarationSyntax { AttributeLists.Count: > 0 } type && ConvLayerAttributes(type).Count > 0;

    /// <summary>The attributes on <paramref name="type"/> named like ConvGen's (see <see cref="IsCandidate"/>).</summary>
    public static List<AttributeSyntax> ConvLayerAttributes(TypeDeclarationSyntax type)
    {
        var found = new List<AttributeSyntax>(1);
        foreach (var list in type.AttributeLists)
            foreach (var attribute in list.Attributes)
                if (IsConvLayerName(attribute.Name) || attribute.Name is IdentifierNameSyntax { Identifier.ValueText: var name } && IsAliasInScope(attribute, name))
                    found.Add(attribute);
        return found;
    }

    /// <summary>Whether a using directive around <paramref name="node"/> makes <paramref name="name"/> an alias of a type named like ConvGen's attribute.</summary>
    private static bool IsAliasInScope(SyntaxNode node, string name) => HasAlias(node, name, ofConvLayer: true);

    /// <summary>Whether a using directive around <paramref name="node"/> declares the alias <paramref name="name"/> (of a type named like ConvGen's attribute, when <paramref name="ofConvLayer"/>).</summary>
    private static bool HasAlias(SyntaxNode node, string name, bool ofConvLayer = false)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            var usings = n switch
            {
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                CompilationUnitSyntax unit => unit.Usings,
                _ => default,
            };
            foreach (var u in usings)
                if (u.Alias?.Name.Identifier.ValueText == name && (!ofConvLayer || u.Name is { } target && IsConvLayerName(target)))
                    return true;
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="node"/> is <c>global using X = ConvGen.ConvLayerAttribute;</c>: an alias the predicate,
    /// which sees one file, cannot follow into the others (CG0014).
    /// </summary>
    public static bool IsGlobalAlias(SyntaxNode node) =>
        node is UsingDirectiveSyntax { Alias: not null, GlobalKeyword.RawKind: (int)SyntaxKind.GlobalKeyword, Name: { } target } && IsConvLayerName(target);

    private static bool IsConvLayerName(NameSyntax name) => Rightmost(name) is "ConvLayer" or "ConvLayerAttribute";

    private static string? Rightmost(NameSyntax name) => name switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// Whether the name can only mean <c>ConvGen.ConvLayerAttribute</c> (given <see cref="MustBind"/> is false): written
    /// <c>ConvGen.ConvLayer</c> or <c>global::ConvGen.ConvLayer</c>, or bare in a file that imports <c>ConvGen</c>
    /// (<see cref="ImportsConvGen(SyntaxNode)"/>) with no alias of that name. Anything else is bound: a bare name
    /// imported another way (a global using in another file), any declaration inside a namespace named ConvGen, where
    /// names resolve against the user's own ConvGen types first, and any declaration in a file with syntax errors.
    /// </summary>
    public static bool NamesConvGen(AttributeSyntax attribute)
    {
        // A file with syntax errors (mid-edit) may leave the compiler unable to bind the attribute at all (a type
        // inside a method body, a broken namespace): the binder decides there, for that file's layers only.
        if (attribute.SyntaxTree.GetRoot().ContainsDiagnostics || InsideConvGenNamespace(attribute))
            return false;
        return attribute.Name switch
        {
            QualifiedNameSyntax { Left: var left } =>
                left is IdentifierNameSyntax { Identifier.ValueText: "ConvGen" } or
                        AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name.Identifier.ValueText: "ConvGen" },
            // An alias of that name, whatever it names: the binder decides.
            IdentifierNameSyntax { Identifier.ValueText: var name } =>
                !HasAlias(attribute, name) && !HasAlias(attribute, name + "Attribute") && ImportsConvGen(attribute),
            _ => false,
        };
    }

    /// <summary>
    /// Whether a bare <c>PaddingMode</c> or <c>PaddingKind</c> in this attribute's arguments is ConvGen's: the file
    /// imports ConvGen and declares no alias of that name (given <see cref="MustBind"/> is false).
    /// </summary>
    public static bool NamesConvGenEnum(AttributeSyntax attribute, string enumName) =>
        !InsideConvGenNamespace(attribute) && !HasAlias(attribute, enumName) && ImportsConvGen(attribute);

    /// <summary>Whether <c>using ConvGen;</c> stands in the file around <paramref name="node"/> (at the top or in an enclosing namespace).</summary>
    private static bool ImportsConvGen(SyntaxNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            if (n is BaseNamespaceDeclarationSyntax ns && ImportsConvGen(ns.Usings))
                return true;
            if (n is CompilationUnitSyntax unit)
                return ImportsConvGen(unit.Usings);
        }
        return false;
    }

    private static bool InsideConvGenNamespace(SyntaxNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
            if (n is BaseNamespaceDeclarationSyntax ns && Leftmost(ns.Name) == "ConvGen")
                return true;
        return false;
    }

    private static bool ImportsConvGen(SyntaxList<UsingDirectiveSyntax> usings)
    {
        foreach (var u in usings)
            if (u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) &&
                u.Name is IdentifierNameSyntax { Identifier.ValueText: "ConvGen" } or
                          AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name.Identifier.ValueText: "ConvGen" })
                return true;
        return false;
    }

    private static string? Leftmost(NameSyntax name) => name switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        QualifiedNameSyntax q => Leftmost(q.Left),
        _ => null,
    };

    /// <summary>
    /// Whether a bare name may mean something else in this compilation, so that every layer is bound: its own source
    /// declares a type named like one the arguments name (<c>ConvLayer</c>, <c>ConvLayerAttribute</c>, <c>PaddingMode</c>,
    /// <c>PaddingKind</c>), or a file declares a global alias of the attribute (then any other attribute on a layer may
    /// be ConvGen's too: CG0014). Lookups in the compilation's name index and the files' leading usings (no binding),
    /// once per compilation.
    /// </summary>
    public static bool MustBind(Compilation compilation) =>
        Lookalikes.GetValue(compilation, static c => new StrongBox<bool>(
            c.ContainsSymbolsWithName("ConvLayerAttribute", SymbolFilter.Type) ||
            c.ContainsSymbolsWithName("ConvLayer", SymbolFilter.Type) ||
            c.ContainsSymbolsWithName("PaddingMode", SymbolFilter.Type) ||
            c.ContainsSymbolsWithName("PaddingKind", SymbolFilter.Type) ||
            c.SyntaxTrees.Any(t => t.GetRoot() is CompilationUnitSyntax unit && unit.Usings.Any(IsGlobalAlias)))).Value;

    // Keyed by the compilation, and gone with it; an answer computed twice by two threads is the same answer.
    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> Lookalikes = new();
}
