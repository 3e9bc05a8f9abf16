namespace ConvGen.Training;

/// <summary>One epoch's result, passed to the per-epoch callback.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">
/// The epoch's loss, measured on each mini-batch's forward pass (before that batch's update) and averaged
/// over the batches weighted by their sizes; for one full batch it is the chapter's loss of the epoch.
/// </param>
/// <param name="Elapsed">Time since training started.</param>
public readonly record struct EpochReport(int Epoch, float Loss, TimeSpan Elapsed = default);
