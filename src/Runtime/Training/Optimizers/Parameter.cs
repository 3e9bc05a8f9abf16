namespace ConvGen.Training;

/// <summary>
/// One trainable tensor: its values and the gradient that backward passes add into, both flat float32
/// spans of the same length (like a <c>torch.nn.Parameter</c> and its <c>.grad</c>).
/// </summary>
public abstract class Parameter
{
    /// <summary>Creates a parameter with the given local name.</summary>
    /// <param name="name">The name inside its module, as in a PyTorch <c>state_dict</c> (<c>weight</c>, <c>bias</c>).</param>
    protected Parameter(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The name inside its module (<c>weight</c>, <c>bias</c>).</summary>
    public string Name { get; }

    /// <summary>The values, updated in place by optimisers.</summary>
    public abstract Span<float> Value { get; }

    /// <summary>The gradient, same length as <see cref="Value"/>.</summary>
    public abstract Span<float> Grad { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Value.Length;

    /// <summary>
    /// The tensor's dimensions, outermost first, as PyTorch reports them (a convolution's weight is
    /// <c>[out, in / groups, kh, kw]</c>); checkpoints store this shape. A plain vector by default.
    /// </summary>
    public virtual IReadOnlyList<int> Shape => [Length];

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Grad.Clear();

    /// <summary>A parameter over two arrays of equal length (for models written by hand and for tests).</summary>
    /// <param name="name">The local name.</param>
    /// <param name="value">The values.</param>
    /// <param name="grad">The gradient, same length.</param>
    /// <param name="shape">The dimensions (their product must be the length); a vector when omitted.</param>
    /// <exception cref="ArgumentException">The arrays' lengths differ, or the shape does not match them.</exception>
    public static Parameter FromArrays(string name, float[] value, float[] grad, int[]? shape = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(grad);
        if (grad.Length != value.Length)
            throw new ArgumentException($"grad has {grad.Length} elements; expected {value.Length} (the value's length).", nameof(grad));
        shape ??= [value.Length];
        long count = 1;
        foreach (int d in shape)
            count *= d >= 0 ? d : throw new ArgumentException($"shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
        if (count != value.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} elements; expected {value.Length} (the value's length).", nameof(shape));
        return new ArrayParameter(name, value, grad, (int[])shape.Clone());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{Length}]";

    private sealed class ArrayParameter(string name, float[] value, float[] grad, int[] shape) : Parameter(name)
    {
        public override Span<float> Value => value;
        public override Span<float> Grad => grad;
        public override IReadOnlyList<int> Shape => shape;
    }
}
