namespace ConvGen;

/// <summary>How padded input positions are filled (PyTorch <c>padding_mode</c>).</summary>
public enum PaddingMode
{
    /// <summary>Zeros outside the input (default).</summary>
    Zeros = 0,
    /// <summary>Mirror at the edge, without repeating the edge element.</summary>
    Reflect = 1,
    /// <summary>Repeat the edge element.</summary>
    Replicate = 2,
    /// <summary>Wrap around.</summary>
    Circular = 3,
}
