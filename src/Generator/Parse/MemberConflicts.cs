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
    /// <summary>The name sets for layers with and without a fixed input size, built once: this runs for every layer on every edit.</summary>
    private sealed class Names(bool fixedSize)
    {
        public readonly HashSet<string> All = new(GeneratedMembers.AllNames(fixedSize));
        public readonly HashSet<string> Values = new(fixedSize ? GeneratedMembers.Values.Concat(GeneratedMembers.FixedSizeValues) : GeneratedMembers.Values);
        public readonly HashSet<string> PrivateMethods = new(GeneratedMembers.PrivateMethods);
        public readonly List<(string Name, string[] Parameters)> PublicMethods = GeneratedMembers.PublicMethods(fixedSize).ToList();
    }

    private static readonly Names Dynamic = new(fixedSize: false), Fixed = new(fixedSize: true);

    public static void Check(INamedTypeSymbol type, bool fixedSize, LocationInfo? attribute, List<DiagnosticInfo> diagnostics)
    {
        var names = fixedSize ? Fixed : Dynamic;
        if (names.All.Contains(type.Name) || GeneratedMembers.IsTileHelper(type.Name))
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeNameConflict, attribute, type.Name));

        // The declared names (MemberNames leaves out nested types) come from the declarations, without creating member
        // symbols: most layers declare nothing the generated code declares, and this runs for every layer on every edit.
        bool Clashes(string n) => names.All.Contains(n) || GeneratedMembers.IsTileHelper(n);
        if (!type.MemberNames.Any(n => n == WellKnownMemberNames.InstanceConstructorName || Clashes(n)) &&
            !type.GetTypeMembers().Any(t => Clashes(t.Name)))
            return;
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || !names.All.Contains(member.Name) && !GeneratedMembers.IsTileHelper(member.Name)
                && member is not IMethodSymbol { MethodKind: MethodKind.Constructor })
                continue;
            string? clash = Clash(member, names.Values, names.PrivateMethods, names.PublicMethods);
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
        if (values.Contains(name) || privateMethods.Contains(name) || GeneratedMembers.IsTileHelper(name))
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
