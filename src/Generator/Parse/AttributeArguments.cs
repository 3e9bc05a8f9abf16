using System.Collections.Generic;
using ConvGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    /// <summary>The named properties of <c>ConvLayerAttribute</c> and the kind of literal each takes.</summary>
    private static readonly Dictionary<string, System.Type> Properties = new()
    {
        ["InChannels"] = typeof(int), ["OutChannels"] = typeof(int), ["Groups"] = typeof(int),
        ["Stride"] = typeof(int), ["StrideHeight"] = typeof(int), ["StrideWidth"] = typeof(int),
        ["Padding"] = typeof(int), ["PaddingHeight"] = typeof(int), ["PaddingWidth"] = typeof(int),
        ["Dilation"] = typeof(int), ["DilationHeight"] = typeof(int), ["DilationWidth"] = typeof(int),
        ["InputHeight"] = typeof(int), ["InputWidth"] = typeof(int),
        ["Bias"] = typeof(bool), ["PaddingKind"] = typeof(PaddingKindValue), ["PaddingMode"] = typeof(PaddingModeValue),
    };

    /// <summary>
    /// The arguments read from the syntax alone, when every one is a literal the compiler would accept as written:
    /// two positional int literals, then named properties given once each as int literals (optionally negated),
    /// <c>true</c>/<c>false</c>, or <c>PaddingMode.X</c>/<c>PaddingKind.X</c> members. Anything else (a constant,
    /// an expression, a cast, a type error) is null: the caller binds the attribute, and the compiler's values and
    /// errors decide, as before.
    /// </summary>
    public static AttributeArguments? FromSyntax(AttributeSyntax syntax)
    {
        var result = new AttributeArguments { _syntax = syntax };
        var positional = new List<object?>(2);
        foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameColon is not null) return null;
            if (argument.NameEquals is null)
            {
                if (result._named.Count > 0 || Int(argument.Expression) is not { } value) return null;
                positional.Add(value);
                continue;
            }
            string name = argument.NameEquals.Name.Identifier.ValueText;
            if (!Properties.TryGetValue(name, out var type) || result._named.ContainsKey(name)) return null;
            object? literal = type == typeof(int) ? Int(argument.Expression)
                : type == typeof(bool) ? Bool(argument.Expression)
                : Member(argument.Expression, type, syntax);
            if (literal is null) return null;
            result._named[name] = literal;
        }
        if (positional.Count != 2) return null;
        result.Positional = positional.ToArray();
        return result;
    }

    private static object? Int(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax { Token.Value: int i } when e.IsKind(SyntaxKind.NumericLiteralExpression) => i,
        PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax { Token.Value: int i } operand } u
            when u.IsKind(SyntaxKind.UnaryMinusExpression) && operand.IsKind(SyntaxKind.NumericLiteralExpression) => -i,
        _ => null,
    };

    private static object? Bool(ExpressionSyntax e) =>
        e.IsKind(SyntaxKind.TrueLiteralExpression) ? true : e.IsKind(SyntaxKind.FalseLiteralExpression) ? false : null;

    /// <summary>
    /// <c>PaddingMode.Reflect</c> (or <c>ConvGen.PaddingMode.Reflect</c>): the member's value, as the compiler's constant
    /// would be; a bare enum name only where it can only be ConvGen's (<see cref="ConvLayerSyntax.NamesConvGenEnum"/>).
    /// </summary>
    private static object? Member(ExpressionSyntax e, System.Type enumType, AttributeSyntax attribute)
    {
        if (e is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access || !access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
            return null;
        string typeName = enumType == typeof(PaddingModeValue) ? "PaddingMode" : "PaddingKind";
        bool named = access.Expression switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText == typeName && ConvLayerSyntax.NamesConvGenEnum(attribute, typeName),
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "ConvGen" }, Name.Identifier.ValueText: var n } => n == typeName,
            _ => false,
        };
        if (!named || !System.Enum.IsDefined(enumType, member.Identifier.ValueText)) return null;
        return (int)System.Enum.Parse(enumType, member.Identifier.ValueText);
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
