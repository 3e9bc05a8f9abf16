using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.InteropServices;
using ConvGen.Internal;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Proves where the numeric tests ran: on arm64, with NEON (AdvSimd) on or off as the script asked
/// (CONVGEN_EXPECT_NEON=1 or 0), and that ConvPath.Auto picked the matching path.
/// </summary>
public class Arm64Tests
{
    private static bool ExpectNeon =>
        Environment.GetEnvironmentVariable("CONVGEN_EXPECT_NEON") switch
        {
            "1" => true,
            "0" => false,
            var v => throw new InvalidOperationException($"set CONVGEN_EXPECT_NEON to 1 or 0 (got '{v}'); .ci/arm64-tests.sh does."),
        };

    [Fact]
    public void RunsAsArm64Code() =>
        Assert.Equal(Architecture.Arm64, RuntimeInformation.ProcessArchitecture);

    [Fact]
    public void NeonIsOnOrOffAsExpected()
    {
        Assert.Equal(ExpectNeon, AdvSimd.IsSupported);
        Assert.Equal(ExpectNeon, Vector128.IsHardwareAccelerated);
        Assert.False(Vector256.IsHardwareAccelerated); // no 256-bit vectors on NEON
        Console.WriteLine($"arm64: AdvSimd.IsSupported={AdvSimd.IsSupported}, Vector128 accelerated={Vector128.IsHardwareAccelerated}, Vector<float>.Count={Vector<float>.Count}");
    }

    [Fact]
    public void AutoPicksTheNeonPathOrScalar() =>
        Assert.Equal(ExpectNeon ? ConvPath.Vector128 : ConvPath.Scalar, Paths.Resolve(ConvPath.Auto));

    [Fact]
    public void NeonFusedMultiplyAddExecutes()
    {
        // A direct fmla, so the run fails loudly if the intrinsic path were only compiled, never executed.
        if (!ExpectNeon)
        {
            Assert.False(AdvSimd.IsSupported);
            return;
        }
        var r = AdvSimd.FusedMultiplyAdd(Vector128.Create(1f, 2f, 3f, 4f), Vector128.Create(0.5f), Vector128.Create(2f, 4f, 6f, 8f));
        Assert.Equal(Vector128.Create(2f, 4f, 6f, 8f), r);
    }
}
