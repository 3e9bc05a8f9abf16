using BenchmarkDotNet.Attributes;

namespace ConvGen.Benchmarks;

// One class per shape of issue 4 (the table in Shapes.cs). ConvGen is the baseline of each category;
// the peers' benchmarks come from ConvBenchmark / ConvBackwardBenchmark.

/// <summary>S1, the chapter: 1×6×8, 1×2 kernel, no bias.</summary>
[ShapeId("S1")]
public class S1 : ConvBenchmark
{
#if CONVGEN_S1
    private S1Layer layer = null!;

    /// <inheritdoc />
    protected override IConvLayer CreateConvGen() => layer = new S1Layer(seed: 1);

    /// <summary>ConvGen's generated forward pass.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Forward)]
    public void ConvGen() => layer.Forward(X, Y);
#else
    // Left out of this build: CONVGEN_S1 is not defined in the project file.
#endif
}

/// <summary>S2, 1×256×256, 1×2 kernel.</summary>
[ShapeId("S2")]
public class S2 : ConvBenchmark
{
#if CONVGEN_S2
    private S2Layer layer = null!;

    /// <inheritdoc />
    protected override IConvLayer CreateConvGen() => layer = new S2Layer(seed: 1);

    /// <summary>ConvGen's generated forward pass.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Forward)]
    public void ConvGen() => layer.Forward(X, Y);
#else
    // Left out of this build: CONVGEN_S2 is not defined in the project file.
#endif
}

/// <summary>S3, 1×256×256, 3×3 kernel.</summary>
[ShapeId("S3")]
public class S3 : ConvBackwardBenchmark
{
#if CONVGEN_S3
    private S3Layer layer = null!;

    /// <inheritdoc />
    protected override IConvLayer CreateConvGen() => layer = new S3Layer(seed: 1);

    /// <summary>ConvGen's generated forward pass.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Forward)]
    public void ConvGen() => layer.Forward(X, Y);

    /// <summary>ConvGen's generated backward pass: weight, bias and input gradients.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Backward)]
    public void ConvGenBackward() => layer.Backward(X, GradOut, InputGrad);
#else
    // Left out of this build: CONVGEN_S3 is not defined in the project file.
#endif
}

/// <summary>S4, LeNet C1: 1×28×28, 5×5 kernel, 6 outputs, padding 2.</summary>
[ShapeId("S4")]
public class S4 : ConvBackwardBenchmark
{
#if CONVGEN_S4
    private S4Layer layer = null!;

    /// <inheritdoc />
    protected override IConvLayer CreateConvGen() => layer = new S4Layer(seed: 1);

    /// <summary>ConvGen's generated forward pass.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Forward)]
    public void ConvGen() => layer.Forward(X, Y);

    /// <summary>ConvGen's generated backward pass: weight, bias and input gradients.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Backward)]
    public void ConvGenBackward() => layer.Backward(X, GradOut, InputGrad);
#else
    // Left out of this build: CONVGEN_S4 is not defined in the project file.
#endif
}

/// <summary>S5, LeNet C3: 6×14×14, 5×5 kernel, 16 outputs.</summary>
[ShapeId("S5")]
public class S5 : ConvBackwardBenchmark
{
#if CONVGEN_S5
    private S5Layer layer = null!;

    /// <inheritdoc />
    protected override IConvLayer CreateConvGen() => layer = new S5Layer(seed: 1);

    /// <summary>ConvGen's generated forward pass.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Forward)]
    public void ConvGen() => layer.Forward(X, Y);

    /// <summary>ConvGen's generated backward pass: weight, bias and input gradients.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Backward)]
    public void ConvGenBackward() => layer.Backward(X, GradOut, InputGrad);
#else
    // Left out of this build: CONVGEN_S5 is not defined in the project file.
#endif
}

/// <summary>S6, 64×56×56, 3×3 kernel, 64 outputs, padding 1.</summary>
[ShapeId("S6")]
public class S6 : ConvBackwardBenchmark
{
#if CONVGEN_S6
    private S6Layer layer = null!;

    /// <inheritdoc />
    protected override IConvLayer CreateConvGen() => layer = new S6Layer(seed: 1);

    /// <summary>ConvGen's generated forward pass.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Forward)]
    public void ConvGen() => layer.Forward(X, Y);

    /// <summary>ConvGen's generated backward pass: weight, bias and input gradients.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Backward)]
    public void ConvGenBackward() => layer.Backward(X, GradOut, InputGrad);
#else
    // Left out of this build: CONVGEN_S6 is not defined in the project file.
#endif
}

/// <summary>S7, depthwise 32×112×112, 3×3 kernel, groups 32, padding 1.</summary>
[ShapeId("S7")]
public class S7 : ConvBenchmark
{
#if CONVGEN_S7
    private S7Layer layer = null!;

    /// <inheritdoc />
    protected override IConvLayer CreateConvGen() => layer = new S7Layer(seed: 1);

    /// <summary>ConvGen's generated forward pass.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Category.Forward)]
    public void ConvGen() => layer.Forward(X, Y);
#else
    // Left out of this build: CONVGEN_S7 is not defined in the project file.
#endif
}
