using System.ComponentModel;

namespace ConvGen.Internal;

/// <summary>PyTorch's default <c>Conv2d</c> initialisation, used by generated constructors.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvInit
{
    /// <summary>
    /// Fills weights with Kaiming-uniform (a = sqrt(5)), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
    /// and the bias with U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as <c>torch.nn.Conv2d.reset_parameters</c> does.
    /// </summary>
    /// <param name="weight">Weights to fill.</param>
    /// <param name="bias">Bias to fill (may be empty).</param>
    /// <param name="fanIn"><c>InChannels / Groups × KernelHeight × KernelWidth</c>.</param>
    /// <param name="seed">A seed for reproducible values, or null for a random one.</param>
    public static void PyTorchDefault(Span<float> weight, Span<float> bias, int fanIn, int? seed)
    {
        var random = seed is int s ? new Random(s) : Random.Shared;
        // kaiming_uniform_(a=sqrt(5)): gain = sqrt(2 / (1 + 5)), bound = gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in).
        double bound = 1.0 / Math.Sqrt(fanIn);
        for (int i = 0; i < weight.Length; i++)
            weight[i] = (float)((random.NextDouble() * 2.0 - 1.0) * bound);
        for (int i = 0; i < bias.Length; i++)
            bias[i] = (float)((random.NextDouble() * 2.0 - 1.0) * bound);
    }
}
