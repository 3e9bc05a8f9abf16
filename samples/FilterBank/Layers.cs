using ConvGen;

namespace FilterBank;

/// <summary>
/// The true filter bank, used only to make the targets: Sobel x, Sobel y and a blur, zero-padded so the
/// targets have the input's size (weights set from <see cref="Filters"/>).
/// </summary>
[ConvLayer(3, 3, OutChannels = 3, Padding = 1, Bias = false)]
internal partial class TrueBank;

/// <summary>
/// The model's first layer: 8 learned 3x3 feature maps. Eight is enough for the ReLU net to represent the
/// bank exactly: a filter k passes through as relu(k∗x) − relu(−k∗x), so three filters need six channels.
/// </summary>
[ConvLayer(3, 3, OutChannels = 8, Padding = 1)]
internal partial class Features;

/// <summary>The model's second layer: a 1x1 convolution that mixes the 8 rectified maps into the 3 outputs.</summary>
[ConvLayer(1, 1, InChannels = 8, OutChannels = 3)]
internal partial class Mix;
