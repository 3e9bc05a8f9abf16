namespace ConvGen.Benchmarks;

/// <summary>Benchmark categories; each has its own baseline (ConvGen) in a shape's table.</summary>
public static class Category
{
    /// <summary>Forward pass.</summary>
    public const string Forward = "Forward";
    /// <summary>Backward pass: weight, bias and input gradients.</summary>
    public const string Backward = "Backward";
}

/// <summary>Names the <see cref="Shapes"/> entry a benchmark class measures (read by the GFLOP/s column and the report).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShapeIdAttribute(string id) : Attribute
{
    /// <summary>The shape id, e.g. <c>"S3"</c>.</summary>
    public string Id { get; } = id;
    /// <summary>The shape.</summary>
    public ConvShape Shape => Shapes.ById[Id];
}

/// <summary>Fixed floating-point operations per call of every benchmark in a class that is not a convolution shape.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FlopsAttribute(double flops) : Attribute
{
    /// <summary>FLOPs per benchmark call.</summary>
    public double Flops { get; } = flops;
}
