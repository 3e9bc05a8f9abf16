using Microsoft.CodeAnalysis;

namespace ConvGen.Generator.Benchmarks;

/// <summary>
/// A generator that finds the same <c>[ConvLayer]</c> classes as ConvGen (so Roslyn binds the same
/// symbols and attributes) but does nothing with them: what the driver and that binding cost by
/// themselves, so ConvGen's own share of a run can be read off.
/// </summary>
internal sealed class BaselineGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName("ConvGen.ConvLayerAttribute",
            static (node, _) => true, static (ctx, _) => ctx.TargetSymbol.Name + ctx.Attributes.Length);
        context.RegisterSourceOutput(names, static (_, _) => { });
    }
}
