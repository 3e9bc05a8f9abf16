using BenchmarkDotNet.Running;

namespace ConvGen.Benchmarks;

/// <summary>FLOPs of one call of a benchmark case, from its class's metadata.</summary>
public static class Flops
{
    /// <summary>
    /// Forward: issue 4's formula 2·N·Cout·OH·OW·(Cin/groups)·KH·KW. Backward: twice that (the weight
    /// gradient and the input gradient each cost one forward's multiply-adds; the bias gradient is
    /// negligible). <see cref="FlopsAttribute"/> classes: the fixed count. Otherwise null.
    /// </summary>
    public static double? Of(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (type.GetCustomAttributes(typeof(FlopsAttribute), true).FirstOrDefault() is FlopsAttribute fixedFlops)
            return fixedFlops.Flops;
        if (type.GetCustomAttributes(typeof(ShapeIdAttribute), true).FirstOrDefault() is not ShapeIdAttribute shape)
            return null;
        bool backward = benchmarkCase.Descriptor.Categories.Contains(Category.Backward);
        return shape.Shape.ForwardFlops * (backward ? 2 : 1);
    }
}
