namespace ConvGen.Conformance.Tests;

/// <summary>A fixed-size layer's <c>Forward(input, output, batch)</c>, called through its concrete type.</summary>
internal delegate void FixedForward(IConvLayer layer, ReadOnlySpan<float> input, Span<float> output, int batch);

/// <summary>A fixed-size layer's <c>Backward(input, outputGrad, inputGrad, batch)</c>, called through its concrete type.</summary>
internal delegate void FixedBackward(IConvLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch);

/// <summary>The overloads a layer declared with <c>InputHeight</c>/<c>InputWidth</c> adds (they are not on <see cref="IConvLayer"/>).</summary>
internal sealed record FixedSizeCalls(FixedForward Forward, FixedBackward Backward);
