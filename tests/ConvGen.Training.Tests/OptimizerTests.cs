using System.Text.Json.Nodes;
using Xunit;

namespace ConvGen.Training.Tests;

public class OptimizerTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        var cases = TestData.Load("optimizers.json")["cases"]!.AsArray();
        for (int i = 0; i < cases.Count; i++)
            data.Add(i, $"{cases[i]!["optimizer"]}{cases[i]!["options"]!.ToJsonString()}");
        return data;
    }

    private static double Get(JsonNode options, string name, double fallback) =>
        options[name] is JsonNode n ? n.GetValue<double>() : fallback;

    private static bool Flag(JsonNode options, string name) => options[name] is JsonNode n && n.GetValue<bool>();

    private static Optimizer Create(string name, JsonNode o, IEnumerable<Parameter> parameters)
    {
        var betas = o["betas"]?.AsArray();
        double beta1 = betas is null ? 0.9 : betas[0]!.GetValue<double>();
        double beta2 = betas is null ? 0.999 : betas[1]!.GetValue<double>();
        // Options absent from the JSON take the C# defaults: this is what checks they are PyTorch's defaults.
        return name switch
        {
            "sgd" => new Sgd(parameters, Get(o, "lr", double.NaN), Get(o, "momentum", 0), Get(o, "dampening", 0),
                             Get(o, "weight_decay", 0), Flag(o, "nesterov"), Flag(o, "maximize")),
            "adam" when o.AsObject().Count == 0 => new Adam(parameters),
            "adamw" when o.AsObject().Count == 0 => new AdamW(parameters),
            "adam" => new Adam(parameters, Get(o, "lr", 1e-3), beta1, beta2, Get(o, "eps", 1e-8),
                               Get(o, "weight_decay", 0), Flag(o, "amsgrad"), Flag(o, "maximize")),
            "adamw" => new AdamW(parameters, Get(o, "lr", 1e-3), beta1, beta2, Get(o, "eps", 1e-8),
                                 Get(o, "weight_decay", 1e-2), Flag(o, "amsgrad"), Flag(o, "maximize")),
            _ => throw new InvalidOperationException(name),
        };
    }

    // Tolerance. The optimiser receives exactly PyTorch's gradients, so the only differences are float32
    // roundings inside the update: about ten operations per element and step, each within Eps = 2^-24 of
    // quantities no larger than max(1, |w|) here (|w| ≤ 3, steps ≤ 0.1). An error made at one step is carried
    // into the next (by the parameter, and by the momentum / moment buffers, which decay), so after k steps the
    // difference is bounded by k · 16 · Eps · max(1, |w|) ≈ 1e-6 · k for these magnitudes.
    [Theory]
    [MemberData(nameof(Cases))]
    public void TrajectoryMatchesPyTorch(int index, string name)
    {
        var c = TestData.Load("optimizers.json")["cases"]!.AsArray()[index]!;
        var initial = c["initial"]!.AsArray();
        var w = TestData.Floats(initial[0]);
        var b = TestData.Floats(initial[1]);
        float[] wg = new float[w.Length], bg = new float[b.Length];
        var optimizer = Create(c["optimizer"]!.GetValue<string>(), c["options"]!,
                               [Parameter.FromArrays("weight", w, wg), Parameter.FromArrays("bias", b, bg)]);
        int k = 0;
        foreach (var step in c["steps"]!.AsArray())
        {
            k++;
            TestData.Floats(step!["grads"]![0]).CopyTo(wg, 0);
            TestData.Floats(step["grads"]![1]).CopyTo(bg, 0);
            optimizer.Step();
            var ew = TestData.Floats(step["params"]![0]);
            var eb = TestData.Floats(step["params"]![1]);
            int kk = k;
            Tolerance.Close(ew, w, i => kk * 16 * Tolerance.Eps * Math.Max(1, Math.Abs(ew[i])), $"{name} step {k} weight");
            Tolerance.Close(eb, b, i => kk * 16 * Tolerance.Eps * Math.Max(1, Math.Abs(eb[i])), $"{name} step {k} bias");
        }
        Assert.Equal(12, k);
    }

    [Fact]
    public void DefaultsArePyTorchs()
    {
        var adam = new Adam();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Eps, adam.WeightDecay, adam.Amsgrad));
        var adamw = new AdamW();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.01, false), (adamw.LearningRate, adamw.Beta1, adamw.Beta2, adamw.Eps, adamw.WeightDecay, adamw.Amsgrad));
        var sgd = new Sgd(0.1);
        Assert.Equal((0.0, 0.0, 0.0, false, false), (sgd.Momentum, sgd.Dampening, sgd.WeightDecay, sgd.Nesterov, sgd.Maximize));
    }

    [Fact]
    public void PlainSgdIsTheChaptersUpdate()
    {
        // w -= lr * grad, with lr · grad rounded first: 1 − 0.03·2 and −1 − 0.03·(−0.5).
        float[] w = [1f, -1f], g = [2f, -0.5f];
        new Sgd([Parameter.FromArrays("w", w, g)], 0.03f).Step();
        Assert.Equal([1f - 0.03f * 2f, -1f - 0.03f * -0.5f], w);
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        var parameters = Enumerable.Range(0, 3).Select(i => Parameter.FromArrays($"p{i}", new float[100], Enumerable.Repeat(0.5f, 100).ToArray())).ToArray();
        Optimizer[] optimizers = [new Sgd(parameters, 0.1, momentum: 0.9, nesterov: true), new Adam(parameters, amsgrad: true), new AdamW(parameters)];
        foreach (var o in optimizers)
        {
            o.Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
                o.Step();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void BindingRules()
    {
        var p = Parameter.FromArrays("w", new float[2], new float[2]);
        var unbound = new Adam();
        Assert.False(unbound.IsBound);
        Assert.Throws<InvalidOperationException>(() => unbound.Step());
        unbound.Bind([p]);
        Assert.True(unbound.IsBound);
        Assert.Throws<InvalidOperationException>(() => unbound.Bind([p]));
        Assert.Throws<ArgumentException>(() => Parameter.FromArrays("w", new float[2], new float[3]));
    }

    [Fact]
    public void InvalidHyperParametersThrow()
    {
        Assert.Throws<ArgumentException>(() => new Sgd(0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => new Sgd(0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(eps: -1));
    }
}
