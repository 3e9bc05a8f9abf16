using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks;

/// <summary>
/// This machine's single-core FP32 FMA peak, measured in the same run as the convolutions so "% of peak"
/// uses the same clock and the same noise: 12 independent Vector256 FMA chains (enough to cover FMA
/// latency × throughput on AVX2 cores — 4 cycles × 2 units needs ≥ 8 — while 12 + 2 operands stay in the
/// 16 ymm registers; 16 accumulators spill, see TOOLCHAIN.md).
/// </summary>
[MemoryDiagnoser]
[Flops(Iterations * 12.0 * 8 * 2)]
public class FmaPeak
{
    /// <summary>Loop trips per call; each trip does 12 FMAs of 8 lanes (2 FLOPs each).</summary>
    public const int Iterations = 1 << 20;

    /// <summary>The FMA loop; returns a value that depends on every chain so nothing is dropped.</summary>
    [Benchmark]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Fma12()
    {
        if (!Fma.IsSupported) throw new PlatformNotSupportedException("FMA3 is needed to measure the FMA peak.");
        var a = Vector256.Create(0.999f);
        var b = Vector256.Create(0.001f);
        Vector256<float> c0 = Vector256.Create(0.0f), c1 = Vector256.Create(0.1f), c2 = Vector256.Create(0.2f),
            c3 = Vector256.Create(0.3f), c4 = Vector256.Create(0.4f), c5 = Vector256.Create(0.5f),
            c6 = Vector256.Create(0.6f), c7 = Vector256.Create(0.7f), c8 = Vector256.Create(0.8f),
            c9 = Vector256.Create(0.9f), c10 = Vector256.Create(1.0f), c11 = Vector256.Create(1.1f);
        for (int i = 0; i < Iterations; i++)
        {
            // c = c·a + b converges to 1: no overflow, no denormals.
            c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b); c2 = Fma.MultiplyAdd(c2, a, b);
            c3 = Fma.MultiplyAdd(c3, a, b); c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
            c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b); c8 = Fma.MultiplyAdd(c8, a, b);
            c9 = Fma.MultiplyAdd(c9, a, b); c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
        }
        var sum = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
        return Vector256.Sum(sum);
    }
}
