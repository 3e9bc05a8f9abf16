namespace ConvGen.Training;

/// <summary>The shape of one sample of an NCHW tensor: channels, height, width (the batch is given separately).</summary>
/// <param name="Channels">Channels.</param>
/// <param name="Height">Height.</param>
/// <param name="Width">Width.</param>
public readonly record struct TensorShape(int Channels, int Height, int Width)
{
    /// <summary>Elements per sample: <c>Channels × Height × Width</c>.</summary>
    public int Length => checked(Channels * Height * Width);

    /// <summary>Throws unless every size is at least 1.</summary>
    internal void Validate(string name)
    {
        if (Channels < 1 || Height < 1 || Width < 1)
            throw new ArgumentOutOfRangeException(name, this, $"{name}: every size must be at least 1; got {this}.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
