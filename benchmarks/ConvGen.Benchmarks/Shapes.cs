namespace ConvGen.Benchmarks;

/// <summary>
/// One benchmark shape of issue 4: batch 1, NCHW float32, stride 1, dilation 1.
/// Must match <c>benchmarks/models/export.py</c>, which writes the ONNX model of each shape.
/// </summary>
public sealed record ConvShape(string Id, int InChannels, int Height, int Width, int KernelHeight, int KernelWidth,
                               int OutChannels, int Padding, int Groups, bool Bias)
{
    /// <summary>Output height (PyTorch's formula for stride 1, dilation 1).</summary>
    public int OutputHeight => Height + 2 * Padding - KernelHeight + 1;
    /// <summary>Output width.</summary>
    public int OutputWidth => Width + 2 * Padding - KernelWidth + 1;
    /// <summary>Input elements.</summary>
    public int InputLength => InChannels * Height * Width;
    /// <summary>Output elements.</summary>
    public int OutputLength => OutChannels * OutputHeight * OutputWidth;
    /// <summary>Weight elements, <c>[out, in/groups, kh, kw]</c>.</summary>
    public int WeightLength => OutChannels * (InChannels / Groups) * KernelHeight * KernelWidth;
    /// <summary>Forward FLOPs, issue 4's formula: 2·N·Cout·OH·OW·(Cin/groups)·KH·KW (N = 1).</summary>
    public double ForwardFlops => 2.0 * OutChannels * OutputHeight * OutputWidth * (InChannels / Groups) * KernelHeight * KernelWidth;
    /// <summary>The ONNX model file of this shape, copied next to the program.</summary>
    public string OnnxPath => Path.Combine(AppContext.BaseDirectory, "models", Id + ".onnx");
}

/// <summary>The shapes of issue 4.</summary>
public static class Shapes
{
    /// <summary>The chapter: 1×6×8 input, 1×2 kernel, no bias.</summary>
    public static readonly ConvShape S1 = new("S1", 1, 6, 8, 1, 2, 1, 0, 1, false);
    /// <summary>1×256×256, 1×2 kernel.</summary>
    public static readonly ConvShape S2 = new("S2", 1, 256, 256, 1, 2, 1, 0, 1, true);
    /// <summary>1×256×256, 3×3 kernel.</summary>
    public static readonly ConvShape S3 = new("S3", 1, 256, 256, 3, 3, 1, 0, 1, true);
    /// <summary>LeNet C1: 1×28×28, 5×5 kernel, 6 outputs, padding 2.</summary>
    public static readonly ConvShape S4 = new("S4", 1, 28, 28, 5, 5, 6, 2, 1, true);
    /// <summary>LeNet C3: 6×14×14, 5×5 kernel, 16 outputs.</summary>
    public static readonly ConvShape S5 = new("S5", 6, 14, 14, 5, 5, 16, 0, 1, true);
    /// <summary>64×56×56, 3×3 kernel, 64 outputs, padding 1.</summary>
    public static readonly ConvShape S6 = new("S6", 64, 56, 56, 3, 3, 64, 1, 1, true);
    /// <summary>Depthwise 32×112×112, 3×3 kernel, groups 32, padding 1.</summary>
    public static readonly ConvShape S7 = new("S7", 32, 112, 112, 3, 3, 32, 1, 32, true);

    /// <summary>Every shape by id.</summary>
    public static readonly IReadOnlyDictionary<string, ConvShape> ById =
        new[] { S1, S2, S3, S4, S5, S6, S7 }.ToDictionary(s => s.Id);
}
