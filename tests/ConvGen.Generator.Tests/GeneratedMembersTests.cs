using ConvGen.Generator.Parse;
using ConvGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ConvGen.Generator.Tests;

/// <summary>The parser's list of generated members (for CG0012/CG0013) agrees with what the emitter writes.</summary>
public class GeneratedMembersTests
{
    [Theory]
    // One channel in and out, two gradient rows per step: the bias gradient is summed in the weight gradient (no BiasGradItem).
    [InlineData("[ConvLayer(3, 3)] public partial class Dynamic { }", false, false)]
    [InlineData("[ConvLayer(3, 3, InputHeight = 8, InputWidth = 8)] public partial class Fixed { }", true, true)]
    [InlineData("[ConvLayer(3, 3, OutChannels = 2)] public partial class TwoPlanes { }", false, true)]
    [InlineData("[ConvLayer(3, 3, InChannels = 2, InputHeight = 8, InputWidth = 8)] public partial class TwoInputs { }", true, true)]
    [InlineData("[ConvLayer(1, 2, Bias = false, Padding = 1, PaddingMode = PaddingMode.Circular)] public partial class NoBias { }", false, false)]
    public void TheListMatchesTheGeneratedClass(string declaration, bool fixedSize, bool biasPass)
    {
        string text = GeneratorHarness.GeneratedText("using ConvGen;\n" + declaration);
        var type = CSharpSyntaxTree.ParseText(text, cancellationToken: TestContext.Current.CancellationToken).GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
        var all = type.Members.SelectMany(Names).Where(n => n != type.Identifier.ValueText).ToArray();
        // Numbered tile helpers are reserved as families; each one emitted must belong to one.
        Assert.All(all.Where(n => n.Contains("Tile", StringComparison.Ordinal)), n => Assert.True(GeneratedMembers.IsTileHelper(n), n));
        var emitted = all.Where(n => !GeneratedMembers.IsTileHelper(n)).ToHashSet();
        var listed = GeneratedMembers.AllNames(fixedSize).ToHashSet();
        // A layer without bias, or whose bias gradient is summed in the weight gradient, has no BiasGradItem;
        // the name stays reserved for every layer.
        Assert.Equal(biasPass, emitted.Contains("BiasGradItem"));
        emitted.Add("BiasGradItem");
        Assert.Equal(listed.Order(), emitted.Order());

        var constructors = type.Members.OfType<ConstructorDeclarationSyntax>()
            .Select(c => string.Join(",", c.ParameterList.Parameters.Select(p => p.Type!.ToString()))).Order();
        Assert.Equal(GeneratedMembers.Constructors.Select(p => string.Join(",", p)).Order(), constructors);

        var methods = type.Members.OfType<MethodDeclarationSyntax>().Where(m => m.Modifiers.Any(SyntaxKind.PublicKeyword))
            .Select(m => m.Identifier.ValueText + "(" + string.Join(",", m.ParameterList.Parameters.Select(p => "global::System." + p.Type!.ToString())) + ")")
            .Select(s => s.Replace("global::System.int", "int")).Order();
        Assert.Equal(GeneratedMembers.PublicMethods(fixedSize).Select(m => m.Name + "(" + string.Join(",", m.Parameters) + ")").Order(), methods);
    }

    private static IEnumerable<string> Names(MemberDeclarationSyntax member) => member switch
    {
        BaseFieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.ValueText),
        PropertyDeclarationSyntax p => [p.Identifier.ValueText],
        MethodDeclarationSyntax m => [m.Identifier.ValueText],
        BaseTypeDeclarationSyntax t => [t.Identifier.ValueText],
        _ => [],
    };
}
