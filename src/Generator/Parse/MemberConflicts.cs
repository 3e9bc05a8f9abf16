using System.Collections.Generic;
using System.Linq;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Parse;

/// <summary>
/// Finds members the user already declared that the generated code would declare again: each becomes
/// CG0012 at the user's member, so the error points at code the user can change.
/// </summary>
internal static class MemberConflicts
{
    public static void Check(INamedTypeSymbol type, bool fixedSize, LocationInfo? attribute, List<DiagnosticInfo> diagnostics)
    {
        var names = new HashSet<string>(GeneratedMembers.AllNames(fixedSize));
        if (names.Contains(type.Name))
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeNameConflict, attribute, type.Name));

        var values = new HashSet<string>(GeneratedMembers.Values);
        if (fixedSize) values.UnionWith(GeneratedMembers.FixedSizeValues);
        var privateMethods = new HashSet<string>(GeneratedMembers.PrivateMethods);
        var publicMethods = GeneratedMembers.PublicMethods(fixedSize).ToList();

        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared) continue;
            string? clash = Clash(member, values, privateMethods, publicMethods);
            if (clash is null) continue;
            var location = member.Locations.FirstOrDefault(l => l.IsInSource);
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MemberConflict, LocationInfo.From(location) ?? attribute, type.Name, clash));
        }
    }

    /// <summary>How the clashing generated member is shown in the message, or null when there is no clash.</summary>
    private static string? Clash(ISymbol member, HashSet<string> values, HashSet<string> privateMethods, List<(string Name, string[] Parameters)> publicMethods)
    {
        if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor)
            return GeneratedMembers.Constructors.Any(p => SameParameters(ctor, p)) ? $"constructor {member.ContainingType.Name}({string.Join(", ", Shown(ctor))})" : null;
        if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
            return null; // operators, conversions, static constructors, explicit interface implementations, accessors
        string name = member.Name;
        if (values.Contains(name) || privateMethods.Contains(name))
            return name;
        if (!publicMethods.Any(m => m.Name == name))
            return null;
        if (member is not IMethodSymbol method)
            return name; // a property, field, event or nested type named like a generated method
        return method.Arity == 0 && publicMethods.Any(m => m.Name == name && SameParameters(method, m.Parameters))
            ? $"{name}({string.Join(", ", Shown(method))})"
            : null;
    }

    private static bool SameParameters(IMethodSymbol method, string[] parameters)
    {
        if (method.Parameters.Length != parameters.Length) return false;
        for (int i = 0; i < parameters.Length; i++)
            if (method.Parameters[i].Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) != parameters[i])
                return false;
        return true;
    }

    private static IEnumerable<string> Shown(IMethodSymbol method) =>
        method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
}
