namespace ConvGen.Serialization;

/// <summary>
/// The element types the safetensors format names in its header (<c>"dtype"</c>), with their sizes.
/// Every known type is accepted when a file is read, so a checkpoint that also holds, say, a
/// BatchNorm's <c>I64</c> counter still opens; only tensors read as float32 must be <c>F32</c>.
/// </summary>
public static class SafetensorsDType
{
    /// <summary>The name of 32-bit IEEE floats, the only type ConvGen reads and writes as numbers.</summary>
    public const string Float32 = "F32";

    /// <summary>Size in bytes of one element of <paramref name="dtype"/>, or 0 when the type is unknown.</summary>
    public static int SizeOf(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
        _ => 0,
    };
}
