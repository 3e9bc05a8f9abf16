namespace ConvGen.Training;

/// <summary>Thrown by the single-layer <see cref="Trainer.Fit(IConvLayer, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, ILoss, IOptimizer, int, Action{EpochReport}?)"/> when the loss becomes NaN or infinite.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the given epoch and loss.</summary>
    public TrainingDivergedException(int epoch, float loss)
        : base(Divergence.Describe(epoch, loss))
    {
        Epoch = epoch;
        Loss = loss;
    }

    /// <summary>The 1-based epoch whose loss was not finite.</summary>
    public int Epoch { get; }

    /// <summary>The loss (NaN or infinite).</summary>
    public float Loss { get; }
}

internal static class Divergence
{
    public static string Describe(int epoch, float loss) =>
        $"training diverged: the loss became {loss} in epoch {epoch}; the parameters keep their values from before that step. Try a smaller learning rate.";
}
