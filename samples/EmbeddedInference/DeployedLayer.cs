using ConvGen;

namespace EmbeddedInference;

/// <summary>
/// The layer this binary runs: 3 input channels, 4 output channels, 3x3 kernel, bias; the same
/// configuration as the <c>conv1</c> of tests/vectors/safetensors.py, so a PyTorch-made file loads as is.
/// </summary>
[ConvLayer(3, 3, InChannels = 3, OutChannels = 4)]
public partial class DeployedLayer;
