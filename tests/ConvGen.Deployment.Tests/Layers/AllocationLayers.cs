namespace ConvGen.Deployment.Tests.Layers;

// Shapes for the zero-allocation tests: fixed and run-time sizes, one and many channels,
// and the padded / strided / grouped plans that use scratch buffers.

/// <summary>Single channel, fixed 16x20 input.</summary>
[ConvLayer(3, 3, InputHeight = 16, InputWidth = 20)]
public partial class FixedSingle3x3;

/// <summary>Many channels, fixed 12x17 input, zero padding (scratch buffer for the padded input).</summary>
[ConvLayer(3, 3, InChannels = 3, OutChannels = 8, Padding = 1, InputHeight = 12, InputWidth = 17)]
public partial class FixedMulti3x3Padded;

/// <summary>Many channels, run-time size, stride 2, reflect padding.</summary>
[ConvLayer(3, 3, InChannels = 4, OutChannels = 6, Stride = 2, Padding = 1, PaddingMode = PaddingMode.Reflect)]
public partial class StridedReflect;

/// <summary>Depthwise, run-time size, dilation 2.</summary>
[ConvLayer(3, 3, InChannels = 8, OutChannels = 8, Groups = 8, Dilation = 2)]
public partial class DepthwiseDilated;

/// <summary>LeNet C3, fixed 14x14 input: the forward pass vectorises over output channels (channel-last weights and output buffers).</summary>
[ConvLayer(5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14)]
public partial class FixedLeNetC3;

/// <summary>16 output channels, stride 2, run-time size: the forward pass vectorises over output channels.</summary>
[ConvLayer(3, 3, InChannels = 3, OutChannels = 16, Stride = 2, Padding = 1)]
public partial class StridedChannels16;

/// <summary>16 -> 16 channels, padded, run-time size: the forward pass is Winograd (transformed weights, channel-last input and output, band buffers).</summary>
[ConvLayer(3, 3, InChannels = 16, OutChannels = 16, Padding = 1)]
public partial class WinogradPadded16;

/// <summary>16 -> 24 channels, fixed 9x13 input (odd output): the forward pass is Winograd.</summary>
[ConvLayer(3, 3, InChannels = 16, OutChannels = 24, Padding = 1, InputHeight = 9, InputWidth = 13)]
public partial class FixedWinograd16To24;
