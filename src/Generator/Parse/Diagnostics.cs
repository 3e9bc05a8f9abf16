using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Parse;

/// <summary>Every diagnostic the generator reports. IDs are stable: never reuse or renumber one.</summary>
internal static class Diagnostics
{
    private const string Category = "ConvGen";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/convgen/convgen/blob/main/README.md#{id.ToLowerInvariant()}");

    public static readonly DiagnosticDescriptor NotPartial = Error("CG0001",
        "ConvLayer class must be partial",
        "'{0}' is marked [ConvLayer] but is not partial; declare it 'partial class {0}' so the generator can add the layer's members");

    public static readonly DiagnosticDescriptor UnsupportedType = Error("CG0002",
        "ConvLayer target kind is not supported",
        "'{0}' cannot be a [ConvLayer]: {1}; declare a non-generic, non-static partial class");

    public static readonly DiagnosticDescriptor InvalidKernel = Error("CG0003",
        "Invalid kernel size",
        "Kernel {0} of '{1}' must be between 1 and {2}; got {3}");

    public static readonly DiagnosticDescriptor InvalidChannels = Error("CG0004",
        "Invalid channel count",
        "{0} of '{1}' must be at least 1; got {2}");

    public static readonly DiagnosticDescriptor GroupsMismatch = Error("CG0005",
        "Channels not divisible by groups",
        "{0} ({1}) of '{2}' must be divisible by Groups ({3})");

    public static readonly DiagnosticDescriptor InvalidStride = Error("CG0006",
        "Invalid stride",
        "{0} of '{1}' must be at least 1; got {2}");

    public static readonly DiagnosticDescriptor InvalidPadding = Error("CG0007",
        "Invalid padding",
        "{0} of '{1}' {2}; got {3}");

    public static readonly DiagnosticDescriptor InvalidDilation = Error("CG0008",
        "Invalid dilation",
        "{0} of '{1}' must be at least 1; got {2}");

    public static readonly DiagnosticDescriptor SameWithStride = Error("CG0009",
        "Padding 'same' needs stride 1",
        "'{0}' uses PaddingKind.Same with stride {1}x{2}; PyTorch supports padding='same' only with stride 1");

    public static readonly DiagnosticDescriptor InvalidInputSize = Error("CG0010",
        "Invalid fixed input size",
        "The fixed input of '{0}' {1}");

    public static readonly DiagnosticDescriptor InvalidArgument = Error("CG0011",
        "Invalid ConvLayer argument",
        "Argument {0} of [ConvLayer] on '{1}' {2}");

    public static readonly DiagnosticDescriptor MemberConflict = Error("CG0012",
        "Member conflicts with a generated member",
        "'{0}' already declares {1}, which the generator writes for every [ConvLayer] class; remove or rename it");

    public static readonly DiagnosticDescriptor TypeNameConflict = Error("CG0013",
        "Layer class named like a generated member",
        "A [ConvLayer] class cannot be named '{0}': the generator adds a member '{0}' and C# forbids a member named like its class; rename the class");

    public static readonly DiagnosticDescriptor GlobalAlias = new("CG0014",
        "A global alias of ConvLayerAttribute is not followed",
        "'global using {0} = ...' aliases ConvGen's attribute for every file, but the generator follows aliases only in the file that declares them; " +
        "classes marked [{0}] in other files get no layer code. Declare the alias in each file that uses it, or write [ConvLayer].",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: "https://github.com/convgen/convgen/blob/main/README.md#cg0014");
}
