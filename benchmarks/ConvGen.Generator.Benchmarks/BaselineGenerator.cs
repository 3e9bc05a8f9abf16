using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Generator.Benchmarks;

/// <summary>
/// A generator that finds the same <c>[ConvLayer]</c> classes as ConvGen, from the syntax as ConvGen does, but does
/// nothing with them: what the driver and the syntax walk cost by themselves, so ConvGen's own share of a run
/// can be read off. (Until 2026-11-30 it used <c>ForAttributeWithMetadataName</c>, as ConvGen then did; that
/// baseline bound every attribute and cost 6-7 ms per incremental run.)
/// </summary>
internal sealed class BaselineGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.CreateSyntaxProvider(
            static (node, _) => node is TypeDeclarationSyntax type && type.AttributeLists.SelectMany(l => l.Attributes)
                .Any(a => a.Name is IdentifierNameSyntax { Identifier.ValueText: "ConvLayer" or "ConvLayerAttribute" }),
            static (ctx, _) => ((TypeDeclarationSyntax)ctx.Node).Identifier.ValueText);
        context.RegisterSourceOutput(names, static (_, _) => { });
    }
}
