namespace ConvGen.Serialization;

/// <summary>A named float32 tensor to write into a safetensors file.</summary>
public sealed class SafetensorsTensor
{
    /// <summary>Creates a tensor entry; the data is referenced, not copied.</summary>
    /// <param name="name">The key, e.g. <c>conv1.weight</c>; not empty and not <c>__metadata__</c>.</param>
    /// <param name="shape">Dimensions, outermost first; their product must equal <paramref name="data"/>'s length.</param>
    /// <param name="data">The elements in row-major (PyTorch) order.</param>
    /// <exception cref="ArgumentException">The name is empty or reserved, a dimension is negative, or the shape does not match the data's length.</exception>
    public SafetensorsTensor(string name, ReadOnlySpan<int> shape, ReadOnlyMemory<float> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException("a tensor name must not be empty.", nameof(name));
        if (name == SafetensorsFile.MetadataKey)
            throw new ArgumentException($"'{SafetensorsFile.MetadataKey}' is reserved for the header's metadata, not a tensor name.", nameof(name));
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"tensor '{name}': dimensions must be non-negative; got shape {Format(shape)}.", nameof(shape));
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"tensor '{name}': shape {Format(shape)} holds {count} elements; the data has {data.Length}.", nameof(data));
        Name = name;
        Shape = shape.ToArray();
        Data = data;
    }

    /// <summary>The key.</summary>
    public string Name { get; }
    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape { get; }
    /// <summary>The elements in row-major order.</summary>
    public ReadOnlyMemory<float> Data { get; }

    private static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
