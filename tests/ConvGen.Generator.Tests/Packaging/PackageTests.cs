using System.Diagnostics;
using System.IO.Compression;
using Xunit;

namespace ConvGen.Generator.Tests.Packaging;

/// <summary>
/// What a user installs is what the tests tested: <c>dotnet pack src/Runtime</c> gives one package
/// with the runtime and the generator, and a fresh console project that installs it from a local
/// folder feed builds, generates two layers and prints the numbers a hand calculation gives.
/// </summary>
public class PackageTests
{
    [Fact]
    public void APackedConvGenWorksInAFreshProject()
    {
        var token = TestContext.Current.CancellationToken;
        string root = Path.Combine(Path.GetTempPath(), "convgen-package-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Pack from a copy of the sources, so this never shares bin/ or obj/ with the build running the tests.
            string repo = FindRepositoryRoot(), copy = Path.Combine(root, "repo"), feed = Path.Combine(root, "feed");
            foreach (var item in new[] { "src", "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md", "LICENSE" })
                Copy(Path.Combine(repo, item), Path.Combine(copy, item));
            Run(copy, token, "pack", "src/Runtime", "-c", "Release", "-o", feed);

            string package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
            Assert.Equal("ConvGen.0.1.0.nupkg", Path.GetFileName(package));
            using (var zip = ZipFile.OpenRead(package))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
                Assert.Subset(entries, new HashSet<string> { "lib/net10.0/ConvGen.dll", "lib/net10.0/ConvGen.xml", "analyzers/dotnet/cs/ConvGen.Generator.dll", "README.md", "LICENSE", "ConvGen.nuspec" });
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
                using var nuspec = new StreamReader(zip.GetEntry("ConvGen.nuspec")!.Open());
                string text = nuspec.ReadToEnd();
                Assert.Contains("<version>0.1.0</version>", text);
                Assert.Contains("<license type=\"file\">LICENSE</license>", text);
                Assert.Contains("<repository type=\"git\" url=\"https://github.com/convgen/convgen\"", text);
                Assert.Contains("<readme>README.md</readme>", text);
                Assert.DoesNotContain("<dependency ", text);
            }

            string consumer = Path.Combine(root, "consumer"), packages = Path.Combine(root, "packages");
            ConsumerProject.Write(consumer, feed, packages, "0.1.0");
            Run(consumer, token, "build", "-c", "Release");
            Assert.True(Directory.Exists(Path.Combine(packages, "convgen", "0.1.0")), "ConvGen was not restored into the fresh package folder");
            var generated = Directory.GetFiles(Path.Combine(consumer, "obj"), "*.g.cs", SearchOption.AllDirectories)
                .Where(f => f.Contains("ConvGen.Generator", StringComparison.Ordinal)).Select(Path.GetFileName).Order();
            Assert.Equal(["Edge.g.cs", "Small.g.cs"], generated);

            var lines = Run(consumer, token, "bin/Release/net10.0/Consumer.dll").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1].Trim());

            // Hand-computed: input 1..9 as 3x3, kernel [[1, 2], [3, 4]], bias 0.5; e.g. 1·1 + 2·2 + 4·3 + 5·4 + 0.5 = 37.5.
            foreach (var path in new[] { "Vector512", "Vector256", "Vector128", "Scalar" })
                Assert.Equal("37.5 47.5 67.5 77.5", lines[$"small.forward.{path}"]);
            // dL/dW[a, b] = sum of the input window at (a, b) for an all-ones output gradient; dL/db = 4 outputs.
            Assert.Equal("12 16 24 28", lines["small.weightgrad"]);
            Assert.Equal("4", lines["small.biasgrad"]);
            // Kernel [1, -1] over [[1, 1, 0], [0, 0, 1]]: x[j] - x[j + 1].
            Assert.Equal("0 1 0 -1", lines["edge.forward"]);
            Assert.Equal("0", lines["edge.bias"]);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Runs <c>dotnet</c> with no build servers left behind; fails with the output on a non-zero exit.</summary>
    private static string Run(string directory, CancellationToken token, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (arguments[0] is "pack" or "build")
            foreach (var a in new[] { "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false" }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // The test host's own variables (e.g. its test platform settings) must not leak into the child builds.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(token);
        var error = process.StandardError.ReadToEndAsync(token);
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(" ", arguments)} took more than 3 minutes");
        }
        process.WaitForExit();
        string text = output.Result + error.Result;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(" ", arguments)} exited with {process.ExitCode}:\n{text}");
        return output.Result;
    }

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            return;
        }
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            Copy(file, Path.Combine(target, relative));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ConvGen.sln"))) return dir.FullName;
        throw new InvalidOperationException("ConvGen.sln not found above " + AppContext.BaseDirectory);
    }
}
