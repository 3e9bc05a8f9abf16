namespace ConvGen.Training;

/// <summary>How <see cref="Trainer.Fit(IModule, Dataset, ILoss, IOptimizer, TrainingOptions)"/> runs.</summary>
public sealed class TrainingOptions
{
    /// <summary>Passes over the data set (at least 0).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per mini-batch; 0 (the default) means the whole data set in one batch. The last batch may be smaller.</summary>
    public int BatchSize { get; init; }

    /// <summary>Visit the samples in a new random order each epoch (seeded by <see cref="Seed"/>).</summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffling order, so runs are reproducible.</summary>
    public int Seed { get; init; }

    /// <summary>Called after every epoch.</summary>
    public Action<EpochReport>? OnEpoch { get; init; }

    /// <summary>Called after every mini-batch: the hook for a progress display.</summary>
    public Action<BatchReport>? OnBatch { get; init; }
}
