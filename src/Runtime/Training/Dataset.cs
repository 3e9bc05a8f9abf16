namespace ConvGen.Training;

/// <summary>
/// Input/target pairs for training: <c>Count</c> samples of <see cref="InputShape"/> and as many of
/// <see cref="TargetShape"/>, stored NCHW in two flat arrays (the arrays are used, not copied).
/// </summary>
public sealed class Dataset
{
    /// <summary>Creates a data set over the two arrays.</summary>
    /// <exception cref="ArgumentException">The arrays do not hold the same whole number of samples.</exception>
    public Dataset(float[] inputs, TensorShape inputShape, float[] targets, TensorShape targetShape)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        inputShape.Validate(nameof(inputShape));
        targetShape.Validate(nameof(targetShape));
        if (inputs.Length == 0 || inputs.Length % inputShape.Length != 0)
            throw new ArgumentException($"inputs has {inputs.Length} elements; expected a positive multiple of {inputShape.Length} (one sample of {inputShape}).", nameof(inputs));
        int count = inputs.Length / inputShape.Length;
        if (targets.Length != (long)count * targetShape.Length)
            throw new ArgumentException($"targets has {targets.Length} elements; expected {(long)count * targetShape.Length} = {count} samples x {targetShape}.", nameof(targets));
        Inputs = inputs;
        Targets = targets;
        InputShape = inputShape;
        TargetShape = targetShape;
        Count = count;
    }

    /// <summary>All inputs, <c>[Count, InputShape]</c>.</summary>
    public float[] Inputs { get; }
    /// <summary>All targets, <c>[Count, TargetShape]</c>.</summary>
    public float[] Targets { get; }
    /// <summary>Shape of one input.</summary>
    public TensorShape InputShape { get; }
    /// <summary>Shape of one target.</summary>
    public TensorShape TargetShape { get; }
    /// <summary>Number of samples.</summary>
    public int Count { get; }
}
