using Xunit;

namespace ConvGen.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void GeneratorLoads() => Assert.NotNull(new ConvLayerGenerator());
}
