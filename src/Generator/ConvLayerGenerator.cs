using Microsoft.CodeAnalysis;

namespace ConvGen.Generator;

/// <summary>Placeholder while the parse → plan → emit pipeline is written.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConvLayerGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) { }
}
