namespace ConvGen.Training;

/// <summary>One epoch's result, passed to the per-epoch callback.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">The loss of the epoch's forward pass (before its update), as the chapter prints it.</param>
public readonly record struct EpochReport(int Epoch, float Loss);

/// <summary>
/// A full-batch training loop for one layer: forward, loss, zero the gradients, backward, step.
/// The buffers are allocated once per call to <see cref="Fit"/>; the epochs allocate nothing.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="layer"/> on one batch for <paramref name="epochs"/> epochs.</summary>
    /// <returns>The loss of every epoch, in order.</returns>
    public static float[] Fit(IConvLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> target,
                              int batch, int height, int width, ILoss loss, IOptimizer optimizer, int epochs,
                              Action<EpochReport>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        int outputLength = checked(batch * layer.OutChannels * layer.OutputHeight(height) * layer.OutputWidth(width));
        if (target.Length != outputLength)
            throw new ArgumentException($"target has {target.Length} elements; expected {outputLength} (the layer's output for batch {batch}, height {height}, width {width}).", nameof(target));

        var prediction = new float[outputLength];
        var gradient = new float[outputLength];
        var losses = new float[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            layer.Forward(input, prediction, batch, height, width);
            losses[epoch] = loss.Evaluate(prediction, target, gradient);
            layer.ZeroGrad();
            layer.Backward(input, gradient, Span<float>.Empty, batch, height, width);
            optimizer.Step(layer);
            onEpoch?.Invoke(new EpochReport(epoch + 1, losses[epoch]));
        }
        return losses;
    }
}
