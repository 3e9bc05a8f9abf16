namespace ConvGen.Training;

/// <summary>Span-length checks shared by the modules: an <see cref="ArgumentException"/> naming both sizes.</summary>
internal static class ModuleGuard
{
    public static void Batch(string module, int batch)
    {
        if (batch < 1)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"{module}: batch must be at least 1; got {batch}.");
    }

    public static void Length(string module, string name, int actual, int batch, TensorShape shape)
    {
        long expected = (long)batch * shape.Length;
        if (actual != expected)
            throw new ArgumentException($"{module}: {name} has {actual} elements; expected {expected} = batch {batch} x {shape} (channels x height x width).", name);
    }

    public static void OptionalLength(string module, string name, int actual, int batch, TensorShape shape)
    {
        if (actual != 0)
            Length(module, name, actual, batch, shape);
    }
}
