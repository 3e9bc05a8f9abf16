using ConvGen.Tests.Layers;

namespace ConvGen.Tests.Support;

/// <summary>
/// One layer run on one input: the scalar path against the reference (within rounding), then the vector
/// paths against the scalar path (bit for bit). The row-width tests share it.
/// </summary>
public static class PathChecks
{
    public static void Forward(LayerCase c, IConvLayer layer, int b, int h, int w, int seed, string label)
    {
        var x = Tensors.Random(b * c.Spec.InChannels * h * w, seed);
        var (expected, absSum) = Oracle.Forward(c.Spec, x, layer.Weight.ToArray(), layer.Bias.ToArray(), b, h, w);
        var scalar = Run.Forward(layer, ConvPath.Scalar, x, b, h, w);
        Tolerance.AssertWithinRounding(expected, scalar, absSum, Oracle.ForwardTerms(c.Spec), $"{label} Scalar");
        foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256, ConvPath.Vector512 })
            Tensors.AssertBitsEqual(scalar, Run.Forward(layer, path, x, b, h, w), $"{label} {path} vs scalar");
    }

    public static void Backward(LayerCase c, IConvLayer layer, int b, int h, int w, int seed, string label)
    {
        var x = Tensors.Random(b * c.Spec.InChannels * h * w, seed);
        var dy = Tensors.Random(Run.OutputLength(layer, b, h, w), seed + 1);
        var r = Oracle.Backward(c.Spec, x, layer.Weight.ToArray(), dy, b, h, w);
        var scalar = Run.Backward(layer, ConvPath.Scalar, x, dy, b, h, w);
        Tolerance.AssertWithinRounding(r.Dw, scalar.Dw, r.AbsDw, Oracle.ReductionTerms(c.Spec, b, h, w), $"{label} dW");
        Tolerance.AssertWithinRounding(r.Dx, scalar.Dx, r.AbsDx, Oracle.InputGradTerms(c.Spec, h, w), $"{label} dX");
        foreach (var path in new[] { ConvPath.Vector128, ConvPath.Vector256, ConvPath.Vector512 })
        {
            var other = Run.Backward(layer, path, x, dy, b, h, w);
            Tensors.AssertBitsEqual(scalar.Dw, other.Dw, $"{label} {path} dW");
            Tensors.AssertBitsEqual(scalar.Db, other.Db, $"{label} {path} dB");
            Tensors.AssertBitsEqual(scalar.Dx, other.Dx, $"{label} {path} dX");
        }
    }
}
