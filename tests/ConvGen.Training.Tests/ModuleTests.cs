using ConvGen.Reference;
using Xunit;

namespace ConvGen.Training.Tests;

public class ModuleTests
{
    private static float[] Random(int n, int seed, float scale = 1f)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static Sequential Net(int seed)
    {
        var first = new ReferenceLayer(new ConvSpec(3, 3, InChannels: 2, OutChannels: 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1));
        var second = new ReferenceLayer(new ConvSpec(2, 2, InChannels: 3, OutChannels: 2));
        Random(first.Weight.Length, seed).CopyTo(first.Weight);
        Random(first.Bias.Length, seed + 1).CopyTo(first.Bias);
        Random(second.Weight.Length, seed + 2).CopyTo(second.Weight);
        Random(second.Bias.Length, seed + 3).CopyTo(second.Bias);
        return new Sequential(new Conv2d(first), new ReLU(), new Conv2d(second));
    }

    [Fact]
    public void ReluFollowsItsDefinition()
    {
        float[] x = [-2f, -0f, 0.5f, 3f, float.NaN], y = new float[5], dy = [1f, 2f, 3f, 4f, 5f], dx = new float[5];
        var relu = new ReLU();
        var shape = new TensorShape(1, 1, 5);
        relu.Forward(x, y, 1, shape);
        Assert.Equal(0f, y[0]);
        Assert.Equal(0.5f, y[2]);
        Assert.Equal(3f, y[3]);
        Assert.True(float.IsNaN(y[4]));   // NaN is not hidden, as in PyTorch
        relu.Backward(x, dy, dx, 1, shape);
        Assert.Equal([0f, 0f, 3f, 4f, 0f], dx);
        Assert.Empty(relu.Parameters);
    }

    [Fact]
    public void SequentialNamesParametersLikePyTorch()
    {
        var net = Net(1);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], net.NamedParameters.Select(p => p.Key));
        Assert.Equal(new TensorShape(2, 4, 5), net.OutputShape(new TensorShape(2, 5, 6)));
        var nested = new Sequential(net, new ReLU());
        Assert.Equal(["0.0.weight", "0.0.bias", "0.2.weight", "0.2.bias"], nested.NamedParameters.Select(p => p.Key));
    }

    [Fact]
    public void SequentialForwardIsTheComposition()
    {
        var net = Net(2);
        var shape = new TensorShape(2, 5, 6);
        var x = Random(3 * shape.Length, 10);
        var y = new float[3 * 2 * 4 * 5];
        net.Forward(x, y, 3, shape);
        // The same composition by hand with the reference convolution.
        var a = (ReferenceLayer)((Conv2d)net.Modules[0]).Layer;
        var b = (ReferenceLayer)((Conv2d)net.Modules[2]).Layer;
        var h = new float[3 * 3 * 5 * 6];
        ReferenceConv2d.Forward(a.Spec, x, a.Weight, a.Bias, h, 3, 5, 6);
        for (int i = 0; i < h.Length; i++) h[i] = Math.Max(h[i], 0f);
        var expected = new float[y.Length];
        ReferenceConv2d.Forward(b.Spec, h, b.Weight, b.Bias, expected, 3, 5, 6);
        Assert.Equal(expected, y);
    }

    // Finite differences: L = Σ r·net(x) is piecewise linear in each input element (conv and ReLU are), so a
    // central difference is exact away from ReLU kinks; what remains is float rounding of L (about
    // Eps·Σ|r·y| ≈ 1e-6 here) divided by 2h, far below the 1e-3 bound, and a kink crossed would show as a
    // much larger error.
    [Fact]
    public void SequentialInputGradientMatchesFiniteDifferences()
    {
        var net = Net(3);
        var shape = new TensorShape(2, 5, 6);
        int batch = 2;
        var x = Random(batch * shape.Length, 20);
        var r = Random(batch * 2 * 4 * 5, 21);
        var y = new float[r.Length];
        net.Forward(x, y, batch, shape);
        var dx = new float[x.Length];
        net.ZeroGrad();
        net.Backward(x, r, dx, batch, shape);
        double L(float[] input)
        {
            net.Forward(input, y, batch, shape);
            double s = 0;
            for (int i = 0; i < y.Length; i++) s += (double)r[i] * y[i];
            return s;
        }
        const float h = 1e-2f;
        for (int i = 0; i < x.Length; i++)
        {
            var plus = (float[])x.Clone(); plus[i] += h;
            var minus = (float[])x.Clone(); minus[i] -= h;
            double fd = (L(plus) - L(minus)) / (plus[i] - minus[i]);
            Tolerance.Close(fd, dx[i], 1e-3, $"dL/dx[{i}]");
        }
    }

    [Fact]
    public void BadCallsThrowAndWriteNothing()
    {
        var net = Net(4);
        var shape = new TensorShape(2, 5, 6);
        var output = Enumerable.Repeat(7f, 2 * 4 * 5).ToArray();
        var e = Assert.Throws<ArgumentException>(() => net.Forward(new float[shape.Length + 1], output, 1, shape));
        Assert.Contains($"{shape.Length + 1}", e.Message);
        Assert.Contains($"{shape.Length}", e.Message);
        Assert.All(output, v => Assert.Equal(7f, v));
        Assert.Throws<ArgumentException>(() => net.Forward(new float[shape.Length], new float[3], 1, shape));
        Assert.Throws<ArgumentException>(() => net.OutputShape(new TensorShape(3, 5, 6)));   // 3 channels into a 2-channel conv
        Assert.Throws<InvalidOperationException>(() => Net(5).Backward(new float[shape.Length], output, [], 1, shape));
        Assert.Throws<ArgumentException>(() => new Sequential());
    }

    [Fact]
    public void ForwardAndBackwardAllocateNothingOnceSized()
    {
        var net = new Sequential(new ReLU(), new ReLU(), new ReLU());
        var shape = new TensorShape(2, 8, 8);
        var x = Random(4 * shape.Length, 30);
        var y = new float[x.Length];
        var dx = new float[x.Length];
        net.Forward(x, y, 4, shape);
        net.Backward(x, y, dx, 4, shape);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            net.Forward(x, y, 4, shape);
            net.Backward(x, y, dx, 4, shape);
            net.Forward(x.AsSpan(0, 2 * shape.Length), y.AsSpan(0, 2 * shape.Length), 2, shape);   // a smaller last batch
            net.Backward(x.AsSpan(0, 2 * shape.Length), y.AsSpan(0, 2 * shape.Length), dx.AsSpan(0, 2 * shape.Length), 2, shape);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
