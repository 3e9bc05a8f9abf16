using System.Collections.Generic;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parse;

/// <summary>Checks that the annotated type can take generated members and describes where they go.</summary>
internal static class TargetReader
{
    public static TypeTarget? Read(INamedTypeSymbol type, SyntaxNode node, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        string? problem =
            type.TypeKind != TypeKind.Class ? $"it is {Article(type.TypeKind)}" :
            type.IsRecord ? "it is a record" :
            type.IsStatic ? "it is static" :
            type.IsAbstract ? "it is abstract" :
            type.IsGenericType ? "it is generic" :
            // A file-local type's partial declarations must all be in its one file; generated code is another file.
            type.IsFileLocal ? "it is file-local ('file' types cannot be completed from a generated file)" :
            null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedType, location, type.Name, problem));
            return null;
        }

        if (node is not TypeDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotPartial, location, type.Name));
            return null;
        }

        var containing = new List<string>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedType, location, type.Name,
                    $"it is nested in the generic type '{outer.Name}'"));
                return null;
            }
            bool partial = false;
            foreach (var reference in outer.DeclaringSyntaxReferences)
                if (reference.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword))
                    partial = true;
            if (!partial)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotPartial, location, outer.Name));
                return null;
            }
            string keyword = outer.IsRecord
                ? (outer.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : outer.TypeKind switch { TypeKind.Struct => "struct", TypeKind.Interface => "interface", _ => "class" };
            containing.Insert(0, $"partial {keyword} {Identifier(outer.Name)}");
        }

        var ns = new List<string>();
        for (var n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
            ns.Insert(0, Identifier(n.Name));
        return new TypeTarget(string.Join(".", ns), new EquatableArray<string>(containing.ToArray()), Identifier(type.Name));
    }

    /// <summary>The name as C# source: a keyword used as a name (<c>@class</c>) keeps its <c>@</c>.</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string Article(TypeKind kind) => kind switch
    {
        TypeKind.Struct => "a struct",
        TypeKind.Interface => "an interface",
        TypeKind.Enum => "an enum",
        TypeKind.Delegate => "a delegate",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };
}
