namespace ConvGen.Training;

/// <summary>What a training run did.</summary>
/// <param name="Losses">The loss of every completed epoch, in order (see <see cref="EpochReport.Loss"/>).</param>
/// <param name="Diverged">True when training stopped because a loss was NaN or infinite.</param>
/// <param name="Message">Why training stopped early, or null when it ran every epoch.</param>
/// <param name="Elapsed">Total training time.</param>
public sealed record TrainingResult(float[] Losses, bool Diverged, string? Message, TimeSpan Elapsed);
