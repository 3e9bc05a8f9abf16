using ConvGen.Generator.Emit;
using ConvGen.Generator.Model;
using ConvGen.Generator.Parse;
using ConvGen.Generator.Plan;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.Generator;

/// <summary>
/// The ConvGen source generator: for every class marked <c>[ConvGen.ConvLayer]</c>, parse the
/// attribute into a <see cref="LayerSpec"/>, plan the kernels from the shape, and emit one file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConvLayerGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class Steps
    {
        public const string Parse = "ConvGen.Parse";
        public const string Plan = "ConvGen.Plan";
        public const string GlobalAlias = "ConvGen.GlobalAlias";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Layers named [ConvLayer] in the source: recognised from the syntax, bound only where it cannot decide
        // (see LayerParser). ForAttributeWithMetadataName bound every attribute on every edit: 6-7 ms of an
        // incremental run over 200 layers, against ~1.5 ms for this whole pipeline (benchmarks/RESULTS.md).
        var parsed = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => ConvLayerSyntax.IsCandidate(node),
                transform: static (ctx, token) => LayerParser.Parse(ctx, token))
            .WithTrackingName(Steps.Parse);

        context.RegisterSourceOutput(parsed, static (spc, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        var plans = parsed
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => LayerPlan.For(r.Spec!))
            .WithTrackingName(Steps.Plan);

        // A global alias of the attribute would reach classes in other files, which the syntax predicate cannot see: say so.
        var globalAliases = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => ConvLayerSyntax.IsGlobalAlias(node),
                transform: static (ctx, _) => DiagnosticInfo.Create(Diagnostics.GlobalAlias, LocationInfo.From(ctx.Node),
                    ((UsingDirectiveSyntax)ctx.Node).Alias!.Name.Identifier.ValueText))
            .WithTrackingName(Steps.GlobalAlias);
        context.RegisterSourceOutput(globalAliases, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic.ToDiagnostic()));

        context.RegisterSourceOutput(plans, static (spc, plan) =>
            spc.AddSource(plan.Spec.Target.HintName, SourceText.From(LayerEmitter.Emit(plan), System.Text.Encoding.UTF8)));
    }
}
