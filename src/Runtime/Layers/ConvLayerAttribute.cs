namespace ConvGen;

/// <summary>
/// Declares a 2-D convolution layer (PyTorch's <c>torch.nn.Conv2d</c>, a cross-correlation) on a
/// <c>partial</c> class. The ConvGen source generator fills the class in with code specialised
/// for exactly this shape and implements <see cref="IConvLayer"/>.
/// </summary>
/// <remarks>
/// The generator reads the arguments as written: an axis-specific property such as
/// <see cref="StrideHeight"/> wins over <see cref="Stride"/> when it is named in the attribute.
/// The defaults here are mirrored in the generator and must agree with it.
/// </remarks>
/// <param name="kernelHeight">Kernel height (PyTorch <c>kernel_size[0]</c>), at least 1.</param>
/// <param name="kernelWidth">Kernel width (PyTorch <c>kernel_size[1]</c>), at least 1.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConvLayerAttribute(int kernelHeight, int kernelWidth) : Attribute
{
    /// <summary>Kernel height.</summary>
    public int KernelHeight { get; } = kernelHeight;
    /// <summary>Kernel width.</summary>
    public int KernelWidth { get; } = kernelWidth;
    /// <summary>Input channels (PyTorch <c>in_channels</c>). Default 1.</summary>
    public int InChannels { get; set; } = 1;
    /// <summary>Output channels (PyTorch <c>out_channels</c>). Default 1.</summary>
    public int OutChannels { get; set; } = 1;
    /// <summary>Stride on both axes. Default 1.</summary>
    public int Stride { get; set; } = 1;
    /// <summary>Vertical stride; wins over <see cref="Stride"/> where given.</summary>
    public int StrideHeight { get; set; }
    /// <summary>Horizontal stride; wins over <see cref="Stride"/> where given.</summary>
    public int StrideWidth { get; set; }
    /// <summary>Padding on each side, both axes. Default 0.</summary>
    public int Padding { get; set; }
    /// <summary>Padding at top and bottom; wins over <see cref="Padding"/> where given.</summary>
    public int PaddingHeight { get; set; }
    /// <summary>Padding at left and right; wins over <see cref="Padding"/> where given.</summary>
    public int PaddingWidth { get; set; }
    /// <summary>PyTorch's string padding: <c>'same'</c> or <c>'valid'</c>; <see cref="PaddingKind.Explicit"/> uses the numbers.</summary>
    public PaddingKind PaddingKind { get; set; }
    /// <summary>How the padded border is filled (PyTorch <c>padding_mode</c>). Default zeros.</summary>
    public PaddingMode PaddingMode { get; set; }
    /// <summary>Dilation on both axes. Default 1.</summary>
    public int Dilation { get; set; } = 1;
    /// <summary>Vertical dilation; wins over <see cref="Dilation"/> where given.</summary>
    public int DilationHeight { get; set; }
    /// <summary>Horizontal dilation; wins over <see cref="Dilation"/> where given.</summary>
    public int DilationWidth { get; set; }
    /// <summary>Channel groups (PyTorch <c>groups</c>); depthwise when equal to <see cref="InChannels"/>. Default 1.</summary>
    public int Groups { get; set; } = 1;
    /// <summary>Whether the layer has a learnable bias. Default true, as in PyTorch.</summary>
    public bool Bias { get; set; } = true;
    /// <summary>Optional fixed input height; 0 means the height is given at run time.</summary>
    public int InputHeight { get; set; }
    /// <summary>Optional fixed input width; 0 means the width is given at run time.</summary>
    public int InputWidth { get; set; }
}
