namespace ConvGen.Training;

/// <summary>How an element-wise loss is reduced to one number (PyTorch's <c>reduction</c> argument).</summary>
/// <remarks>PyTorch's <c>'none'</c> is <see cref="ElementwiseLoss.Elementwise"/>.</remarks>
public enum Reduction
{
    /// <summary>The mean over all elements (PyTorch's default).</summary>
    Mean,
    /// <summary>The sum over all elements.</summary>
    Sum,
}
