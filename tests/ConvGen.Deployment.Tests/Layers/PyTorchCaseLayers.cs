namespace ConvGen.Deployment.Tests.Layers;

// The Conv2d configurations of tests/vectors/safetensors.py, as generated layers.

/// <summary>CASES "single_3x3_bias".</summary>
[ConvLayer(3, 3)]
public partial class Single3x3Bias;

/// <summary>CASES "single_1x2_nobias" and WRITTEN "conv_1x2_nobias".</summary>
[ConvLayer(1, 2, Bias = false)]
public partial class Single1x2NoBias;

/// <summary>CASES "multi_3to4_3x3_bias_prefixed" (prefix <c>conv1.</c>).</summary>
[ConvLayer(3, 3, InChannels = 3, OutChannels = 4)]
public partial class Multi3To4;

/// <summary>The model's 1x1 <c>head</c> after <c>conv1</c>.</summary>
[ConvLayer(1, 1, InChannels = 4)]
public partial class Head4To1;

/// <summary>CASES "grouped_4to6_2x3_nobias_prefixed" (prefix <c>features.0.</c>).</summary>
[ConvLayer(2, 3, InChannels = 4, OutChannels = 6, Groups = 2, Bias = false)]
public partial class Grouped4To6;

/// <summary>WRITTEN "conv_3to2_3x3_bias" (prefix <c>conv.</c>).</summary>
[ConvLayer(3, 3, InChannels = 3, OutChannels = 2)]
public partial class Conv3To2;
