namespace ConvGen.Generator.Tests.Packaging;

/// <summary>The files of a fresh console project that installs ConvGen from a local folder feed, as a user would.</summary>
internal static class ConsumerProject
{
    public static void Write(string directory, string feed, string packagesPath, string version)
    {
        Directory.CreateDirectory(directory);
        // Only the local feed: the package must come from what was just packed, nothing else is needed.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <!-- A fresh package folder, so a package cached by an earlier run is never reused. -->
                <RestorePackagesPath>{packagesPath}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ConvGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
    }

    /// <summary>Two layers, fixed weights, printed results (invariant culture, one line per quantity).</summary>
    private const string Program = """
        using System.Globalization;
        using ConvGen;

        static string Show(ReadOnlySpan<float> values) => string.Join(" ", values.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

        var small = new Small(seed: 1);
        new float[] { 1, 2, 3, 4 }.CopyTo(small.Weight);
        small.Bias[0] = 0.5f;
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var y = new float[small.OutputHeight(3) * small.OutputWidth(3)];
        foreach (var path in new[] { ConvPath.Vector512, ConvPath.Vector256, ConvPath.Vector128, ConvPath.Scalar })
        {
            small.ExecutionPath = path;
            small.Forward(x, y, 1, 3, 3);
            Console.WriteLine($"small.forward.{path} {Show(y)}");
        }
        small.ZeroGrad();
        small.Backward(x, new float[] { 1, 1, 1, 1 }, Span<float>.Empty, 1, 3, 3);
        Console.WriteLine($"small.weightgrad {Show(small.WeightGrad)}");
        Console.WriteLine($"small.biasgrad {Show(small.BiasGrad)}");

        var edge = new Edge();
        new float[] { 1, -1 }.CopyTo(edge.Weight);
        var e = new float[2 * 2];
        edge.Forward(new float[] { 1, 1, 0, 0, 0, 1 }, e);
        Console.WriteLine($"edge.forward {Show(e)}");
        Console.WriteLine($"edge.bias {edge.Bias.Length}");

        [ConvLayer(2, 2)] partial class Small { }

        [ConvLayer(1, 2, Bias = false, InputHeight = 2, InputWidth = 3)] partial class Edge { }
        """;
}
