using System.Diagnostics;

namespace ConvGen.Training;

/// <summary>
/// Training loops: epochs over mini-batches of forward, loss, zeroed gradients, backward and an optimiser step.
/// Buffers are allocated once at the start of a call; the steps allocate nothing (callbacks aside).
/// Training stops when a loss is NaN or infinite, before that step touches the parameters.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// The chapter's loop: trains one layer on one full batch for <paramref name="epochs"/> epochs. An unbound
    /// optimiser (such as <c>new Sgd(0.03)</c>) is bound to the layer's weight and bias.
    /// </summary>
    /// <returns>The loss of every epoch, in order.</returns>
    /// <exception cref="TrainingDivergedException">A loss was NaN or infinite.</exception>
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
        if (!optimizer.IsBound)
            optimizer.Bind(new Conv2d(layer).Parameters);

        var prediction = new float[outputLength];
        var gradient = new float[outputLength];
        var losses = new float[epochs];
        long start = Stopwatch.GetTimestamp();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            layer.Forward(input, prediction, batch, height, width);
            float value = loss.Evaluate(prediction, target, gradient);
            if (!float.IsFinite(value))
                throw new TrainingDivergedException(epoch + 1, value);
            losses[epoch] = value;
            layer.ZeroGrad();
            layer.Backward(input, gradient, Span<float>.Empty, batch, height, width);
            optimizer.Step();
            onEpoch?.Invoke(new EpochReport(epoch + 1, value, Stopwatch.GetElapsedTime(start)));
        }
        return losses;
    }

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="data"/> in mini-batches, like a PyTorch loop of
    /// <c>opt.zero_grad(); loss(model(x), y).backward(); opt.step()</c> per batch. An unbound optimiser is bound
    /// to the model's parameters.
    /// </summary>
    /// <returns>The per-epoch losses, and whether and why training stopped early.</returns>
    /// <exception cref="ArgumentException">The model's output shape differs from the targets' shape.</exception>
    public static TrainingResult Fit(IModule model, Dataset data, ILoss loss, IOptimizer optimizer, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Epochs, nameof(options.Epochs));
        ArgumentOutOfRangeException.ThrowIfNegative(options.BatchSize, nameof(options.BatchSize));
        var outShape = model.OutputShape(data.InputShape);
        if (outShape != data.TargetShape)
            throw new ArgumentException($"the model turns {data.InputShape} inputs into {outShape} outputs; expected the targets' shape {data.TargetShape}.", nameof(data));
        if (!optimizer.IsBound)
            optimizer.Bind(model.Parameters);

        int count = data.Count;
        int batchSize = options.BatchSize == 0 ? count : Math.Min(options.BatchSize, count);
        int batches = (count + batchSize - 1) / batchSize;
        int inLength = data.InputShape.Length, outLength = outShape.Length;
        var prediction = new float[batchSize * outLength];
        var gradient = new float[batchSize * outLength];
        int[]? order = null;
        float[]? inputs = null, targets = null;
        Random? random = null;
        if (options.Shuffle)
        {
            order = new int[count];
            for (int i = 0; i < count; i++)
                order[i] = i;
            inputs = new float[batchSize * inLength];
            targets = new float[batchSize * outLength];
            random = new Random(options.Seed);
        }
        if (model is Sequential sequential)
            sequential.Prepare(batchSize, data.InputShape);

        var losses = new float[options.Epochs];
        long start = Stopwatch.GetTimestamp();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (order is not null)
                random!.Shuffle(order);
            double epochLoss = 0;
            for (int b = 0; b < batches; b++)
            {
                int first = b * batchSize, n = Math.Min(batchSize, count - first);
                ReadOnlySpan<float> x, y;
                if (order is null)
                {
                    x = data.Inputs.AsSpan(first * inLength, n * inLength);
                    y = data.Targets.AsSpan(first * outLength, n * outLength);
                }
                else
                {
                    for (int i = 0; i < n; i++)
                    {
                        int s = order[first + i];
                        data.Inputs.AsSpan(s * inLength, inLength).CopyTo(inputs.AsSpan(i * inLength));
                        data.Targets.AsSpan(s * outLength, outLength).CopyTo(targets.AsSpan(i * outLength));
                    }
                    x = inputs.AsSpan(0, n * inLength);
                    y = targets.AsSpan(0, n * outLength);
                }
                var p = prediction.AsSpan(0, n * outLength);
                var g = gradient.AsSpan(0, n * outLength);
                model.Forward(x, p, n, data.InputShape);
                float value = loss.Evaluate(p, y, g);
                if (!float.IsFinite(value))
                {
                    var elapsed = Stopwatch.GetElapsedTime(start);
                    return new TrainingResult(losses[..epoch], true,
                        Divergence.Describe(epoch + 1, value) + $" (batch {b + 1} of {batches})", elapsed);
                }
                model.ZeroGrad();
                model.Backward(x, g, Span<float>.Empty, n, data.InputShape);
                optimizer.Step();
                epochLoss += (double)value * n;
                options.OnBatch?.Invoke(new BatchReport(epoch + 1, b + 1, batches, value, Stopwatch.GetElapsedTime(start)));
            }
            losses[epoch] = (float)(epochLoss / count);
            options.OnEpoch?.Invoke(new EpochReport(epoch + 1, losses[epoch], Stopwatch.GetElapsedTime(start)));
        }
        return new TrainingResult(losses, false, null, Stopwatch.GetElapsedTime(start));
    }
}
