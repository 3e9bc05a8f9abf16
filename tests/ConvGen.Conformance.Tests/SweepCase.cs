using ConvGen.Reference;

namespace ConvGen.Conformance.Tests;

/// <summary>
/// One <c>torch.nn.Conv2d</c> configuration of the sweep with the tensors PyTorch computed for it
/// (forward output and autograd's gradients for one upstream gradient).
/// </summary>
internal sealed record SweepCase
{
    /// <summary>Case name, also the name of its declared layer class (<c>Sweep017</c>).</summary>
    public required string Name { get; init; }
    /// <summary>The family it was drawn for (basic, stride, groups, reflect, mixed, ...).</summary>
    public required string Family { get; init; }
    /// <summary>What the configuration uses beyond issue 2's single-channel layer.</summary>
    public required string[] Features { get; init; }
    /// <summary>The <c>[ConvLayer(...)]</c> text declared for it.</summary>
    public required string Attribute { get; init; }
    /// <summary>The configuration with every padding side resolved as PyTorch applies it.</summary>
    public required ConvSpec Spec { get; init; }
    /// <summary>Whether the layer is declared with <c>InputHeight</c>/<c>InputWidth</c>.</summary>
    public required bool FixedInput { get; init; }
    public required int Batch { get; init; }
    public required int Height { get; init; }
    public required int Width { get; init; }
    /// <summary>PyTorch's output size.</summary>
    public required int OutHeight { get; init; }
    public required int OutWidth { get; init; }
    public required float[] Input { get; init; }
    public required float[] Weight { get; init; }
    /// <summary>Empty when the layer has no bias.</summary>
    public required float[] Bias { get; init; }
    public required float[] Output { get; init; }
    public required float[] OutputGrad { get; init; }
    public required float[] InputGrad { get; init; }
    public required float[] WeightGrad { get; init; }
    /// <summary>Empty when the layer has no bias.</summary>
    public required float[] BiasGrad { get; init; }

    public override string ToString() => $"{Name} {Attribute}";
}
