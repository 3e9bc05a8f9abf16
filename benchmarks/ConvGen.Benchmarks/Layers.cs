namespace ConvGen.Benchmarks;

// The seven benchmark layers, declared as a user would: the ConvGen generator (src/Generator, referenced
// as an analyzer) fills each class in. A shape is compiled only when its CONVGEN_Sx symbol is defined in
// the project file (all seven are), so one shape can be left out of a build without editing the code.

#if CONVGEN_S1
/// <summary>S1, the chapter: 1×6×8 input, 1×2 kernel, no bias.</summary>
[ConvLayer(1, 2, Bias = false, InputHeight = 6, InputWidth = 8)]
public partial class S1Layer { }
#endif

#if CONVGEN_S2
/// <summary>S2: 1×256×256 input, 1×2 kernel.</summary>
[ConvLayer(1, 2, InputHeight = 256, InputWidth = 256)]
public partial class S2Layer { }
#endif

#if CONVGEN_S3
/// <summary>S3: 1×256×256 input, 3×3 kernel.</summary>
[ConvLayer(3, 3, InputHeight = 256, InputWidth = 256)]
public partial class S3Layer { }
#endif

#if CONVGEN_S4
/// <summary>S4, LeNet C1: 1×28×28 input, 5×5 kernel, 6 outputs, padding 2.</summary>
[ConvLayer(5, 5, OutChannels = 6, Padding = 2, InputHeight = 28, InputWidth = 28)]
public partial class S4Layer { }
#endif

#if CONVGEN_S5
/// <summary>S5, LeNet C3: 6×14×14 input, 5×5 kernel, 16 outputs.</summary>
[ConvLayer(5, 5, InChannels = 6, OutChannels = 16, InputHeight = 14, InputWidth = 14)]
public partial class S5Layer { }
#endif

#if CONVGEN_S6
/// <summary>S6: 64×56×56 input, 3×3 kernel, 64 outputs, padding 1.</summary>
[ConvLayer(3, 3, InChannels = 64, OutChannels = 64, Padding = 1, InputHeight = 56, InputWidth = 56)]
public partial class S6Layer { }
#endif

#if CONVGEN_S7
/// <summary>S7: depthwise 32×112×112 input, 3×3 kernel, groups 32, padding 1.</summary>
[ConvLayer(3, 3, InChannels = 32, OutChannels = 32, Groups = 32, Padding = 1, InputHeight = 112, InputWidth = 112)]
public partial class S7Layer { }
#endif
