using System.Collections.Generic;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Parse;

/// <summary>
/// The arguments of one <c>[ConvLayer]</c> usage as written: which named properties were given, their
/// values, and where each argument stands in the source (for precise diagnostics).
/// </summary>
internal sealed class AttributeArguments
{
    private readonly Dictionary<string, object?> _named = new();
    private AttributeSyntax? _syntax;
    private LocationInfo? _attributeLocation;

    /// <summary>The whole attribute; computed on first use, since a valid declaration reports nothing.</summary>
    public LocationInfo? AttributeLocation => _attributeLocation ??= LocationInfo.From(_syntax);
    public object?[] Positional { get; private set; } = System.Array.Empty<object?>();
    /// <summary>True when the compiler could not bind an argument; it reports that error itself.</summary>
    public bool HasErrors { get; private set; }

    public static AttributeArguments Read(AttributeData data, System.Threading.CancellationToken token)
    {
        var result = new AttributeArguments();
        result._syntax = data.ApplicationSyntaxReference?.GetSyntax(token) as AttributeSyntax;

        var positional = new object?[data.ConstructorArguments.Length];
        for (int i = 0; i < positional.Length; i++)
        {
            var arg = data.ConstructorArguments[i];
            if (arg.Kind == TypedConstantKind.Error) result.HasErrors = true;
            positional[i] = arg.Value;
        }
        result.Positional = positional;
        if (data.AttributeConstructor is null || positional.Length != 2) result.HasErrors = true;

        foreach (var pair in data.NamedArguments)
        {
            if (pair.Value.Kind == TypedConstantKind.Error) result.HasErrors = true;
            result._named[pair.Key] = pair.Value.Value;
        }
        return result;
    }

    public bool IsGiven(string name) => _named.ContainsKey(name);

    /// <summary>
    /// Where the argument stands (found in the syntax only when a diagnostic needs it), or the whole attribute when it
    /// was not written. Positional arguments are named <c>kernelHeight</c> and <c>kernelWidth</c>, or by their
    /// parameter name when written with a colon; further positional ones <c>#2</c>, <c>#3</c>...
    /// </summary>
    public LocationInfo? LocationOf(string name)
    {
        AttributeArgumentSyntax? found = null; // the last one, if an argument is (wrongly) written twice
        if (_syntax?.ArgumentList is { } list)
        {
            int index = 0;
            foreach (var argument in list.Arguments)
            {
                string key = argument.NameEquals?.Name.Identifier.ValueText
                             ?? argument.NameColon?.Name.Identifier.ValueText
                             ?? (index == 0 ? "kernelHeight" : index == 1 ? "kernelWidth" : "#" + index);
                if (argument.NameEquals is null) index++;
                if (key == name) found = argument;
            }
        }
        return LocationInfo.From(found) ?? AttributeLocation;
    }

    public int Int(string name, int fallback) => _named.TryGetValue(name, out var v) && v is int i ? i : fallback;
    public bool Bool(string name, bool fallback) => _named.TryGetValue(name, out var v) && v is bool b ? b : fallback;
    public int PositionalInt(int index) => Positional.Length > index && Positional[index] is int i ? i : 0;
}
