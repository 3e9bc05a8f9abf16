using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ConvGen.Benchmarks;

/// <summary>
/// One shape's forward pass, side by side: ConvGen's generated layer (the baseline, declared in the
/// derived class), the naive loop, TorchSharp and ONNX Runtime, all single-threaded on the same data.
/// With ConvGen as the baseline, a peer's Ratio reads "how many times ConvGen's time this peer takes".
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class ConvBenchmark
{
    /// <summary>The shape, from the class's <see cref="ShapeIdAttribute"/>.</summary>
    protected ConvShape S { get; }
    /// <summary>Input <c>[1, Cin, H, W]</c>.</summary>
    protected float[] X = [];
    /// <summary>Weight <c>[Cout, Cin/groups, KH, KW]</c>.</summary>
    protected float[] W = [];
    /// <summary>Bias <c>[Cout]</c> (zeros when the shape has none).</summary>
    protected float[] B = [];
    /// <summary>Output, written by ConvGen, the naive loop and TorchSharp's checks.</summary>
    protected float[] Y = [];
    /// <summary>Upstream gradient for the backward benchmarks.</summary>
    protected float[] GradOut = [];
    /// <summary>Input gradient written by ConvGen's backward.</summary>
    protected float[] InputGrad = [];
    private float[] yOnnx = [];
    private TorchConv torchConv = null!;
    private OnnxConv onnxConv = null!;

    /// <summary>Reads the shape from the derived class's attribute.</summary>
    protected ConvBenchmark()
    {
        S = (GetType().GetCustomAttributes(typeof(ShapeIdAttribute), true).FirstOrDefault() as ShapeIdAttribute
             ?? throw new InvalidOperationException($"{GetType().Name} needs [ShapeId].")).Shape;
    }

    /// <summary>The generated layer, or null when this shape is left out of the build (its CONVGEN_Sx symbol undefined).</summary>
    protected virtual IConvLayer? CreateConvGen() => null;

    /// <summary>Data, peers, and a check that all contenders agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchConv.UseOneThread();
        X = TestData.Fill(S.InputLength, TestData.Input);
        W = TestData.Fill(S.WeightLength, TestData.Weight);
        B = S.Bias ? TestData.Fill(S.OutChannels, TestData.Bias) : new float[S.OutChannels];
        Y = new float[S.OutputLength];
        yOnnx = new float[S.OutputLength];
        GradOut = TestData.Fill(S.OutputLength, TestData.Input);
        InputGrad = new float[S.InputLength];

        torchConv = new TorchConv(S, X, W, B, GradOut);
        onnxConv = new OnnxConv(S, X, yOnnx);

        var reference = new float[S.OutputLength];
        NaiveConv.Forward(S, X, W, S.Bias ? B : null, reference);
        int terms = S.InChannels / S.Groups * S.KernelHeight * S.KernelWidth;
        float bound = terms * ResultCheck.MaxAbs(X) * ResultCheck.MaxAbs(W) + ResultCheck.MaxAbs(B);

        torchConv.Forward(Y);
        ResultCheck.Same($"{S.Id} TorchSharp", reference, Y, terms, bound);
        onnxConv.Run();
        ResultCheck.Same($"{S.Id} ONNX Runtime", reference, yOnnx, terms, bound);

        if (CreateConvGen() is { } layer)
        {
            W.CopyTo(layer.Weight);
            if (S.Bias) B.CopyTo(layer.Bias);
            Array.Clear(Y);
            layer.Forward(X, Y, 1, S.Height, S.Width);
            ResultCheck.Same($"{S.Id} ConvGen", reference, Y, terms, bound);
            CheckBackward(layer);
        }
        torchConv.EnterNoGrad();
    }

    // Weight and input gradients of ConvGen against autograd's, then both cleared for the timed runs.
    private void CheckBackward(IConvLayer layer)
    {
        layer.ZeroGrad();
        layer.Backward(X, GradOut, InputGrad, 1, S.Height, S.Width);
        torchConv.Backward();
        float wBound = S.OutputHeight * S.OutputWidth * ResultCheck.MaxAbs(X) * ResultCheck.MaxAbs(GradOut);
        ResultCheck.Same($"{S.Id} ConvGen weight gradient", torchConv.WeightGrad(), layer.WeightGrad.ToArray(),
                         S.OutputHeight * S.OutputWidth, wBound);
        int inTerms = S.OutChannels / S.Groups * S.KernelHeight * S.KernelWidth;
        float xBound = inTerms * ResultCheck.MaxAbs(W) * ResultCheck.MaxAbs(GradOut);
        ResultCheck.Same($"{S.Id} ConvGen input gradient", torchConv.InputGrad(), InputGrad, inTerms, xBound);
        layer.ZeroGrad();
        torchConv.ZeroGrad();
    }

    /// <summary>Frees the peers' native resources.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        onnxConv.Dispose();
        torchConv.Dispose();
    }

    /// <summary>The chapter's corr2d, extended to channels and padding.</summary>
    [Benchmark, BenchmarkCategory(Category.Forward)]
    public void Naive() => NaiveConv.Forward(S, X, W, S.Bias ? B : null, Y);

    /// <summary>TorchSharp's conv2d, no_grad, one thread.</summary>
    [Benchmark, BenchmarkCategory(Category.Forward)]
    public void TorchSharp() => torchConv.Forward();

    /// <summary>ONNX Runtime, IO-bound, one thread.</summary>
    [Benchmark, BenchmarkCategory(Category.Forward)]
    public void OnnxRuntime() => onnxConv.Run();

    /// <summary>TorchSharp autograd's backward pass (for the shapes that time backward).</summary>
    protected void TorchSharpBackwardCore() => torchConv.Backward();
}

/// <summary>A shape that also times the backward pass (weight, bias and input gradients): S3–S6.</summary>
public abstract class ConvBackwardBenchmark : ConvBenchmark
{
    /// <summary>TorchSharp autograd, replaying one recorded graph.</summary>
    [Benchmark, BenchmarkCategory(Category.Backward)]
    public void TorchSharpBackward() => TorchSharpBackwardCore();
}
