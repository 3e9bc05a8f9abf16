namespace ConvGen.Serialization;

/// <summary>One tensor's entry in a safetensors header, already checked against the file.</summary>
/// <param name="Name">The tensor's key, e.g. <c>conv1.weight</c>.</param>
/// <param name="DType">The element type as written in the header, e.g. <c>F32</c>.</param>
/// <param name="Shape">The dimensions, outermost first (PyTorch's order); empty for a scalar.</param>
/// <param name="Begin">First byte of the tensor, relative to the start of the data section.</param>
/// <param name="End">One past the last byte, relative to the start of the data section.</param>
public sealed record SafetensorsTensorInfo(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>The shape written like PyTorch prints it, e.g. <c>[2, 1, 3, 3]</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    internal static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
