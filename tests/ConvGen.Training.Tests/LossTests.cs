using System.Text.Json.Nodes;
using Xunit;

namespace ConvGen.Training.Tests;

public class LossTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in TestData.Load("losses.json")["cases"]!.AsArray())
            data.Add(Key(c!));
        return data;
    }

    private static string Key(JsonNode c) => $"{c["loss"]}{c["options"]!.ToJsonString()}/{c["reduction"]}";

    private static ElementwiseLoss Create(JsonNode c, Reduction reduction)
    {
        var options = c["options"]!;
        return c["loss"]!.GetValue<string>() switch
        {
            "squared_sum" => new SquaredLoss(),
            "mse" => new MseLoss(reduction),
            "l1" => new L1Loss(reduction),
            "huber" => new HuberLoss(reduction, (float)options["delta"]!.GetValue<double>()),
            "smooth_l1" => new SmoothL1Loss(reduction, (float)options["beta"]!.GetValue<double>()),
            var other => throw new InvalidOperationException(other),
        };
    }

    // Tolerances. Each per-element loss and derivative is the same float32 formula PyTorch evaluates; the only
    // freedom is whether a multiply-add is fused or a scale applied in another order, i.e. at most a couple of
    // roundings, each within Eps = 2^-24 relative: 4·Eps·|expected| bounds that. A reduction adds up N float32
    // terms; any float32 summation order is within (N−1)·Eps·Σ|v| of the exact sum, and ours (in double) is
    // within Eps·|sum|, so (N + 4)·Eps·Σ|v| (divided by N for the mean) bounds the difference.
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string key)
    {
        var c = TestData.Load("losses.json")["cases"]!.AsArray().Single(n => Key(n!) == key)!;
        var x = TestData.Floats(c["input"]);
        var y = TestData.Floats(c["target"]);
        var value = TestData.Floats(c["value"]);
        var grad = TestData.Floats(c["grad"]);
        string reduction = c["reduction"]!.GetValue<string>();
        var g = new float[x.Length];
        if (reduction == "none")
        {
            var loss = Create(c, Reduction.Mean);
            var v = new float[x.Length];
            loss.Elementwise(x, y, v, g);
            Tolerance.Close(value, v, i => 4 * Tolerance.Eps * Math.Abs(value[i]), key + " values");
        }
        else
        {
            var loss = Create(c, reduction == "mean" ? Reduction.Mean : Reduction.Sum);
            float v = loss.Evaluate(x, y, g);
            var perElement = new float[x.Length];
            loss.Elementwise(x, y, perElement, new float[x.Length]);
            double absSum = perElement.Sum(p => Math.Abs((double)p));
            if (reduction == "mean") absSum /= x.Length;
            Tolerance.Close(value[0], v, (x.Length + 4) * Tolerance.Eps * absSum, key + " value");
        }
        Tolerance.Close(grad, g, i => 4 * Tolerance.Eps * Math.Abs(grad[i]), key + " gradient");
    }

    [Fact]
    public void VectorsCoverTheBreakpoints()
    {
        // The generator puts differences exactly at 0, +1 and −0.5: where L1, Huber and SmoothL1 switch branches.
        var c = TestData.Load("losses.json")["cases"]!.AsArray()[0]!;
        var x = TestData.Floats(c["input"]);
        var y = TestData.Floats(c["target"]);
        Assert.Equal(0f, x[0] - y[0]);
        Assert.Equal(1f, x[1] - y[1], 1e-6f);
        Assert.Equal(-0.5f, x[2] - y[2], 1e-6f);
    }

    [Fact]
    public void SquaredLossIsTheChaptersSum()
    {
        // ((ŷ − y)²).sum() by hand: (1 − 0)² + (−2 − 1)² = 10; gradient 2·(ŷ − y).
        var g = new float[2];
        Assert.Equal(10f, new SquaredLoss().Evaluate([1f, -2f], [0f, 1f], g));
        Assert.Equal([2f, -6f], g);
    }

    [Fact]
    public void MismatchedLengthsThrowAndWriteNothing()
    {
        var g = new float[] { 7f, 7f };
        var e = Assert.Throws<ArgumentException>(() => new MseLoss().Evaluate([1f, 2f], [1f, 2f, 3f], g));
        Assert.Contains("3", e.Message);
        Assert.Contains("2", e.Message);
        Assert.Equal([7f, 7f], g);
        Assert.Throws<ArgumentException>(() => new L1Loss().Evaluate([1f, 2f], [1f, 2f], new float[3]));
        Assert.Throws<ArgumentException>(() => new HuberLoss().Elementwise([1f, 2f], [1f, 2f], new float[1], new float[2]));
    }

    [Fact]
    public void InvalidOptionsThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(delta: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmoothL1Loss(beta: -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MseLoss((Reduction)7));
    }

    /// <summary>The squared error through the loop's virtual element function (Value/Derivative overrides).</summary>
    private sealed class GeneralSquared(Reduction reduction) : ElementwiseLoss(reduction)
    {
        protected override float Value(float d) => d * d;
        protected override float Derivative(float d) => 2f * d;
    }

    [Fact]
    public void SquaredErrorLoopMatchesTheGeneralLoopBitForBit()
    {
        // SquaredLoss and MseLoss run the shared loop with their element function inlined (a struct), its whole blocks
        // of 4 in 128-bit vectors where those are accelerated; it must give the bits of the same loop through virtual
        // Value/Derivative calls exactly, for every length mod 4 (the blocks and the tail; 42 is the chapter's), so the
        // PyTorch vectors above vouch for both.
        var random = new Random(5);
        for (int n = 1; n <= 45; n++)
        {
            var x = new float[n];
            var y = new float[n];
            for (int i = 0; i < n; i++) { x[i] = (float)(random.NextDouble() * 4 - 2); y[i] = (float)(random.NextDouble() * 4 - 2); }
            foreach (var (fast, general) in new (ElementwiseLoss, ElementwiseLoss)[]
                     { (new SquaredLoss(), new GeneralSquared(Reduction.Sum)), (new MseLoss(), new GeneralSquared(Reduction.Mean)) })
            {
                var gFast = new float[n];
                var gGeneral = new float[n];
                Assert.Equal(general.Evaluate(x, y, gGeneral), fast.Evaluate(x, y, gFast));
                Assert.Equal(gGeneral, gFast);
            }
        }
    }
}
