namespace ConvGen;

/// <summary>
/// Which instruction-set path a generated layer runs. Every path gives bit-identical results for a
/// given shape; forcing one is for tests, debugging and comparing speed.
/// </summary>
public enum ConvPath
{
    /// <summary>The widest path this CPU accelerates (the default): <see cref="Vector512"/> on AVX-512, else <see cref="Vector256"/>, <see cref="Vector128"/> or <see cref="Scalar"/>.</summary>
    Auto = 0,
    /// <summary>256-bit vectors (AVX2 + FMA on x86). Runs in software where not accelerated.</summary>
    Vector256 = 1,
    /// <summary>128-bit vectors (NEON/AdvSimd on arm64, SSE on x86). Runs in software where not accelerated.</summary>
    Vector128 = 2,
    /// <summary>Scalar code using <see cref="MathF.FusedMultiplyAdd"/>.</summary>
    Scalar = 3,
    /// <summary>
    /// 512-bit vectors (AVX-512) for the kernels that have them: the forward pass and the weight gradient of layers
    /// vectorised over output channels, in blocks of 16 (the plan comment says when); every other kernel runs the
    /// <see cref="Vector256"/> code.
    /// Runs in software where not accelerated.
    /// </summary>
    Vector512 = 4,
}
