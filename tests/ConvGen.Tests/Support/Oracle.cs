using ConvGen.Reference;

namespace ConvGen.Tests.Support;

/// <summary>
/// The reference convolution's results together with Σ|terms| per element (the same reference run on
/// absolute values), which is what each element's rounding bound needs.
/// </summary>
public static class Oracle
{
    public static (double[] Output, double[] AbsSum) Forward(ConvSpec spec, float[] input, float[] weight, float[] bias, int batch, int h, int w)
    {
        int length = batch * spec.OutChannels * spec.OutputHeight(h) * spec.OutputWidth(w);
        var output = new float[length];
        var abs = new float[length];
        ReferenceConv2d.Forward(spec, input, weight, bias, output, batch, h, w);
        ReferenceConv2d.Forward(spec, Tensors.Abs(input), Tensors.Abs(weight), Tensors.Abs(bias), abs, batch, h, w);
        return (Tolerance.ToDouble(output), Tolerance.ToDouble(abs));
    }

    public static (double[] Dw, double[] Db, double[] Dx, double[] AbsDw, double[] AbsDb, double[] AbsDx) Backward(
        ConvSpec spec, float[] input, float[] weight, float[] outputGrad, int batch, int h, int w)
    {
        var (dw, db, dx) = ReferenceConv2d.Backward(spec, input, weight, outputGrad, batch, h, w);
        var (adw, adb, adx) = ReferenceConv2d.Backward(spec, Tensors.Abs(input), Tensors.Abs(weight), Tensors.Abs(outputGrad), batch, h, w);
        return (dw, db, dx, adw, adb, adx);
    }

    /// <summary>Terms in one forward output element: every tap of every input channel in the group, plus the bias.</summary>
    public static int ForwardTerms(ConvSpec s) => s.InPerGroup * s.KernelHeight * s.KernelWidth + 1;

    /// <summary>Terms in one weight or bias gradient: every output position of every batch item, plus the 8-way tree.</summary>
    public static int ReductionTerms(ConvSpec s, int batch, int h, int w) => batch * s.OutputHeight(h) * s.OutputWidth(w) + 8;

    /// <summary>Terms in one input-gradient element: the transposed correlation's chain plus the fold of padded positions onto it.</summary>
    public static int InputGradTerms(ConvSpec s, int h, int w) =>
        s.OutPerGroup * s.KernelHeight * s.KernelWidth + (h + s.PadTop + s.PadBottom) * (w + s.PadLeft + s.PadRight);
}
