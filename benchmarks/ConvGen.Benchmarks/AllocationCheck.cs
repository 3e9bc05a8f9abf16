namespace ConvGen.Benchmarks;

/// <summary>
/// Exact managed allocations per ConvGen Forward/Backward call, on this thread only
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), so the runtime's background threads cannot
/// blur it the way they blur BenchmarkDotNet's per-operation average for slow operations.
/// Run: <c>dotnet run -c Release --project benchmarks/ConvGen.Benchmarks -- --alloc-check</c>.
/// </summary>
public static class AllocationCheck
{
    /// <summary>Prints bytes per call for every shape's ConvGen layer; returns 1 if any call allocates.</summary>
    public static int Run()
    {
        int failures = 0;
        foreach (var shape in Shapes.ById.Values)
        {
            var layer = Create(shape.Id);
            if (layer is null) { Console.WriteLine($"{shape.Id}: no ConvGen layer in this build"); continue; }
            var x = TestData.Fill(shape.InputLength, TestData.Input);
            var y = new float[shape.OutputLength];
            var dy = TestData.Fill(shape.OutputLength, TestData.Input);
            var dx = new float[shape.InputLength];
            long forward = PerCall(() => layer.Forward(x, y, 1, shape.Height, shape.Width));
            long backward = PerCall(() => layer.Backward(x, dy, dx, 1, shape.Height, shape.Width));
            long backwardNoInput = PerCall(() => layer.Backward(x, dy, Span<float>.Empty, 1, shape.Height, shape.Width));
            Console.WriteLine($"{shape.Id}: Forward {forward} B/call, Backward {backward} B/call, Backward without input gradient {backwardNoInput} B/call");
            if (forward != 0 || backward != 0 || backwardNoInput != 0) failures++;
        }
        return failures == 0 ? 0 : 1;
    }

    // Warm up (first calls may size work buffers and JIT tiers), then average over several calls.
    private static long PerCall(Action call)
    {
        for (int i = 0; i < 3; i++) call();
        const int Calls = 5;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) call();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }

    private static IConvLayer? Create(string id) => id switch
    {
#if CONVGEN_S1
        "S1" => new S1Layer(seed: 1),
#endif
#if CONVGEN_S2
        "S2" => new S2Layer(seed: 1),
#endif
#if CONVGEN_S3
        "S3" => new S3Layer(seed: 1),
#endif
#if CONVGEN_S4
        "S4" => new S4Layer(seed: 1),
#endif
#if CONVGEN_S5
        "S5" => new S5Layer(seed: 1),
#endif
#if CONVGEN_S6
        "S6" => new S6Layer(seed: 1),
#endif
#if CONVGEN_S7
        "S7" => new S7Layer(seed: 1),
#endif
        _ => null,
    };
}
