using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Runs <see cref="AutoPathTests"/> in child processes of this test program with the runtime's switches
/// that turn instruction sets off, so every path is reached through the real dispatch on this machine:
/// no AVX2 gives Vector128 (SSE), no hardware intrinsics gives scalar, 256-bit vectors at most or no AVX-512 give
/// Vector256 (on an AVX-512 machine Auto picks Vector512 otherwise; on others Vector256 already).
/// </summary>
public class RuntimeSwitchTests
{
    public static TheoryData<string, string, string> Switches => new()
    {
        { "DOTNET_EnableHWIntrinsic", "0", "Scalar" },
        { "DOTNET_EnableAVX2", "0", "Vector128" },
        { "DOTNET_PreferredVectorBitWidth", "128", "Vector128" },
        // 256-bit vectors at most: Vector256 on an AVX-512 machine too.
        { "DOTNET_PreferredVectorBitWidth", "256", "Vector256" },
        // No AVX-512 at all, as on an AVX2-only machine: the forced Vector512 path runs in software there.
        { "DOTNET_EnableAVX512", "0", "Vector256" },
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public async Task AutoPathTestsPassUnderTheSwitch(string variable, string value, string expectedPath)
    {
        Assert.SkipUnless(RuntimeInformation.ProcessArchitecture == Architecture.X64, "these switches select x86 instruction sets");
        var start = ChildProcess();
        start.ArgumentList.Add("-class");
        start.ArgumentList.Add(typeof(AutoPathTests).FullName!);
        start.Environment[variable] = value;
        start.Environment["CONVGEN_EXPECTED_PATH"] = expectedPath;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"child run with {variable}={value} failed (exit {process.ExitCode}):\n{output}");
        var totals = Regex.Match(output, @"Total: (\d+), Errors: (\d+), Failed: (\d+)");
        Assert.True(totals.Success, $"no totals in the child's output:\n{output}");
        Assert.Equal(2, int.Parse(totals.Groups[1].Value));
        Assert.Equal("0", totals.Groups[3].Value);
        Assert.Contains($"Auto path: {expectedPath}", output);
    }

    /// <summary>This test program again: through its app host, or through the dotnet host that runs it.</summary>
    private static ProcessStartInfo ChildProcess()
    {
        string assembly = typeof(RuntimeSwitchTests).Assembly.Location;
        string host = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new ProcessStartInfo(host) { ArgumentList = { "exec", assembly } }
            : new ProcessStartInfo(Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null));
        start.UseShellExecute = false;
        return start;
    }
}
