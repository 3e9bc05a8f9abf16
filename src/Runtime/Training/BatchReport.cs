namespace ConvGen.Training;

/// <summary>One mini-batch's result, passed to the progress callback (a progress bar draws from it).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Batch">1-based batch number within the epoch.</param>
/// <param name="BatchCount">Batches per epoch.</param>
/// <param name="Loss">The batch's loss before its update.</param>
/// <param name="Elapsed">Time since training started.</param>
public readonly record struct BatchReport(int Epoch, int Batch, int BatchCount, float Loss, TimeSpan Elapsed);
