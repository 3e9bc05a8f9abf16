using ConvGen;

namespace EdgeDetection;

/// <summary>The chapter's layer: <c>nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)</c>.</summary>
[ConvLayer(1, 2, Bias = false)]
public partial class EdgeKernel { }
