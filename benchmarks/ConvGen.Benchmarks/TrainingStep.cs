using BenchmarkDotNet.Attributes;
using ConvGen.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Benchmarks;

/// <summary>
/// One full training step of the chapter ("Learning a Kernel"): X is 6×8 ones with columns 2..5 zero,
/// Y = corr2d(X, [1, −1]); a 1×2 convolution without bias; forward, squared loss summed, zero the
/// gradient, backward, <c>w -= 0.03·grad</c>. ConvGen (the S1 layer, runtime's SquaredLoss and Sgd)
/// against TorchSharp's nn.Conv2d with autograd, one thread. The weights keep training across calls,
/// as in the chapter's loop.
/// </summary>
[MemoryDiagnoser]
public class TrainingStep
{
    private const double LearningRate = 0.03;
    private float[] x = [], y = [];
    private nn.Module<Tensor, Tensor> torchConv = null!;
    private Tensor tx = null!, ty = null!;

    /// <summary>The chapter's data for both contenders.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchConv.UseOneThread();
        x = new float[6 * 8];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 8; j++)
                x[i * 8 + j] = j is >= 2 and < 6 ? 0f : 1f;
        y = new float[6 * 7];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 7; j++)
                y[i * 7 + j] = x[i * 8 + j] - x[i * 8 + j + 1];   // corr2d(X, [1, -1])
        tx = torch.tensor(x, [1, 1, 6, 8]);
        ty = torch.tensor(y, [1, 1, 6, 7]);
        torchConv = nn.Conv2d(1, 1, (1, 2), bias: false);
        SetupConvGen();
    }

    /// <summary>TorchSharp: the chapter's loop body, temporaries freed by a dispose scope.</summary>
    [Benchmark]
    public void TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        var yHat = torchConv.forward(tx);
        var l = (yHat - ty).pow(2);
        torchConv.zero_grad();
        l.sum().backward();
        using (torch.no_grad())
        {
            var w = torchConv.parameters().First();
            w.sub_(w.grad!.mul(LearningRate));
        }
    }

#if CONVGEN_S1
    private readonly SquaredLoss loss = new();
    private Sgd sgd = null!;
    private S1Layer layer = null!;
    private float[] yHat = [], grad = [];

    private void SetupConvGen()
    {
        layer = new S1Layer(seed: 1);
        sgd = new Sgd(new Conv2d(layer).Parameters, LearningRate);
        yHat = new float[y.Length];
        grad = new float[y.Length];
    }

    /// <summary>ConvGen: forward, squared loss, zero grad, backward (no input gradient needed), SGD.</summary>
    [Benchmark(Baseline = true)]
    public void ConvGen()
    {
        layer.Forward(x, yHat);
        loss.Evaluate(yHat, y, grad);
        layer.ZeroGrad();
        layer.Backward(x, grad, Span<float>.Empty);
        sgd.Step();
    }
#else
    // TODO: needs the generated S1 layer; define CONVGEN_S1 once the generator on main builds it.
    private static void SetupConvGen() { }
#endif

    /// <summary>Frees TorchSharp's tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        torchConv.Dispose();
        tx.Dispose();
        ty.Dispose();
    }
}
