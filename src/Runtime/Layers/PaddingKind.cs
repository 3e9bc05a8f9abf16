namespace ConvGen;

/// <summary>PyTorch's <c>padding</c> argument: explicit numbers, or the strings <c>'same'</c> and <c>'valid'</c>.</summary>
public enum PaddingKind
{
    /// <summary>Use <see cref="ConvLayerAttribute.Padding"/> and its per-axis overrides (default).</summary>
    Explicit = 0,
    /// <summary><c>padding='same'</c>: the output has the input's size (stride 1 only); an odd total goes to the bottom/right, as in PyTorch.</summary>
    Same = 1,
    /// <summary><c>padding='valid'</c>: no padding.</summary>
    Valid = 2,
}
