using ConvGen.Reference;
using System.Text.Json.Nodes;
using Xunit;

namespace ConvGen.Training.Tests;

/// <summary>
/// Conv2d(1,4,3,padding=1) → ReLU → Conv2d(4,2,3,padding=1) trained with Adam in mini-batches of 4 and 2,
/// against PyTorch's run from the same initial weights (tests/vectors/training.py, net.json).
/// </summary>
public class NetTrainingTests
{
    private static readonly string[] Keys = ["0.weight", "0.bias", "2.weight", "2.bias"];

    /// <summary>The convolutions come from the reference implementation or from the generator.</summary>
    public static TheoryData<bool> Kinds() => [false, true];

    private static (Sequential Net, JsonNode Data, Dataset Set) Build(bool generated)
    {
        var d = TestData.Load("net.json");
        static ConvSpec Spec(int inC, int outC) => new(3, 3, inC, outC, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1);
        var net = generated
            ? new Sequential(new Conv2d(new NetConv1(seed: 1)), new ReLU(), new Conv2d(new NetConv2(seed: 2)))
            : new Sequential(new Conv2d(new ReferenceLayer(Spec(1, 4))), new ReLU(), new Conv2d(new ReferenceLayer(Spec(4, 2))));
        foreach (var (key, p) in net.NamedParameters)
            TestData.Floats(d["initial"]![key]).CopyTo(p.Value);
        int h = d["height"]!.GetValue<int>(), w = d["width"]!.GetValue<int>();
        var set = new Dataset(TestData.Floats(d["input"]), new TensorShape(1, h, w), TestData.Floats(d["target"]), new TensorShape(2, h, w));
        return (net, d, set);
    }

    // Tolerances for one forward/backward. PyTorch sums each output's 9 (first conv) and 36 (second conv)
    // products in float32 in its own order; the reference here sums in double and rounds once. Each float32 sum
    // of n terms is within n·Eps·Σ|terms| of the exact value; with |x|, |w| ≤ ~3 and outputs and gradients of
    // order 1, 64·Eps·max(1, |value|) ≈ 4e-6 covers the outputs. The weight gradients add up
    // batch × H × W = 168 products per weight: 256·Eps·max(1, |value|) ≈ 1.5e-5.
    [Theory]
    [MemberData(nameof(Kinds))]
    public void FirstStepOutputAndGradientsMatchPyTorch(bool generated)
    {
        var (net, d, set) = Build(generated);
        var first = d["steps"]![0]!;
        int batch = d["batch"]!.GetValue<int>();
        var x = set.Inputs.AsSpan(0, batch * set.InputShape.Length);
        var y = set.Targets.AsSpan(0, batch * set.TargetShape.Length);
        var output = new float[y.Length];
        net.Forward(x, output, batch, set.InputShape);
        var expectedOut = TestData.Floats(first["output"]);
        Tolerance.Close(expectedOut, output, i => 64 * Tolerance.Eps * Math.Max(1, Math.Abs(expectedOut[i])), "output");
        var g = new float[y.Length];
        float loss = new MseLoss().Evaluate(output, y, g);
        Tolerance.Close(first["loss"]!.GetValue<double>(), loss, 64 * Tolerance.Eps, "loss");
        net.ZeroGrad();
        net.Backward(x, g, [], batch, set.InputShape);
        foreach (var (key, p) in net.NamedParameters)
        {
            var e = TestData.Floats(first["grads"]![key]);
            Tolerance.Close(e, p.Grad, i => 256 * Tolerance.Eps * Math.Max(1, Math.Abs(e[i])), key + ".grad");
        }
    }

    // Tolerance over the run. Adam moves each weight by about lr·m̂/(√v̂ + eps) ≤ a few·lr per step, and a
    // gradient that differs by a relative δ changes that step by about lr·δ; with δ ≤ 1e-4 even for the
    // gradients that are small sums of cancelling terms, each step adds ≤ 1e-6 and k steps ≤ k·1e-6, plus the
    // float32 rounding of the weights themselves (Eps·|w|).
    [Theory]
    [MemberData(nameof(Kinds))]
    public void AdamTrajectoryMatchesPyTorch(bool generated)
    {
        var (net, d, set) = Build(generated);
        var steps = d["steps"]!.AsArray();
        int k = 0;
        var batchLosses = new List<float>();
        var result = Trainer.Fit(net, set, new MseLoss(), new Adam(learningRate: d["lr"]!.GetValue<double>()), new TrainingOptions
        {
            Epochs = d["epochs"]!.GetValue<int>(),
            BatchSize = d["batch"]!.GetValue<int>(),
            OnBatch = report =>
            {
                var step = steps[k++]!;
                batchLosses.Add(report.Loss);
                Tolerance.Close(step["loss"]!.GetValue<double>(), report.Loss, 1e-6 * k, $"loss of step {k}");
                foreach (var (key, p) in net.NamedParameters)
                {
                    var e = TestData.Floats(step["params"]![key]);
                    Tolerance.Close(e, p.Value, i => 1e-6 * k + Tolerance.Eps * Math.Abs(e[i]), $"{key} after step {k}");
                }
            },
        });
        Assert.False(result.Diverged);
        Assert.Equal(steps.Count, k);
        Assert.Equal(d["epochs"]!.GetValue<int>(), result.Losses.Length);
        // The epoch loss is the batch losses weighted by batch size (4 and 2 of 6 samples).
        for (int e = 0; e < result.Losses.Length; e++)
            Assert.Equal((batchLosses[2 * e] * 4.0 + batchLosses[2 * e + 1] * 2.0) / 6.0, result.Losses[e], 1e-6);
        Assert.True(result.Losses[^1] < result.Losses[0]);
    }

    [Fact]
    public void TrainingEpochsAllocateNothing()
    {
        // The generated net (the reference convolution returns fresh arrays from its backward pass, so it cannot
        // show this): allocations must not grow with the number of epochs, apart from the 4 bytes per epoch of
        // the returned loss array.
        var (_, _, set) = Build(generated: true);
        long Allocated(int epochs)
        {
            var model = new Sequential(new Conv2d(new NetConv1(seed: 1)), new ReLU(), new Conv2d(new NetConv2(seed: 2)));
            var adam = new Adam(model.Parameters);
            var loss = new HuberLoss();
            var options = new TrainingOptions { Epochs = epochs, BatchSize = 4, Shuffle = true };
            long before = GC.GetAllocatedBytesForCurrentThread();
            Trainer.Fit(model, set, loss, adam, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(1);
        Assert.Equal(20 * sizeof(float), Allocated(22) - Allocated(2));
    }
}
