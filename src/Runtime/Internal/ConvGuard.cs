using System.ComponentModel;

namespace ConvGen.Internal;

/// <summary>
/// Argument checks shared by every generated layer, so each public entry point fails the same
/// way: an <see cref="ArgumentException"/> naming the expected and actual sizes, thrown before
/// anything is written.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvGuard
{
    /// <summary>Checks that batch, height and width are positive and the input is large enough for the kernel.</summary>
    /// <param name="layer">The layer's type name, for the message.</param>
    /// <param name="batch">Batch size given.</param>
    /// <param name="height">Input height given.</param>
    /// <param name="width">Input width given.</param>
    /// <param name="minHeight">Smallest input height that gives one output row.</param>
    /// <param name="minWidth">Smallest input width that gives one output column.</param>
    public static void Sizes(string layer, int batch, int height, int width, int minHeight, int minWidth)
    {
        if (batch < 1)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"{layer}: batch must be at least 1; got {batch}.");
        if (height < 1)
            throw new ArgumentOutOfRangeException(nameof(height), height, $"{layer}: height must be at least 1; got {height}.");
        if (width < 1)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"{layer}: width must be at least 1; got {width}.");
        if (height < minHeight)
            throw new ArgumentException($"{layer}: input height {height} is smaller than the kernel needs: expected at least {minHeight} (dilated kernel height minus padding).", nameof(height));
        if (width < minWidth)
            throw new ArgumentException($"{layer}: input width {width} is smaller than the kernel needs: expected at least {minWidth} (dilated kernel width minus padding).", nameof(width));
    }

    /// <summary>Checks that a fixed-size layer is called with its declared input size.</summary>
    public static void FixedSize(string layer, int height, int width, int fixedHeight, int fixedWidth)
    {
        if (height != fixedHeight || width != fixedWidth)
            throw new ArgumentException($"{layer} is declared for input {fixedHeight}x{fixedWidth} (InputHeight x InputWidth); got {height}x{width}.");
    }

    /// <summary>Checks that a reflect- or circular-padded input is large enough for its padding, as PyTorch requires.</summary>
    public static void PaddingFits(string layer, string mode, int size, int padding, bool strict, string axis)
    {
        if (strict ? padding >= size : padding > size)
            throw new ArgumentException($"{layer}: {mode} padding of {padding} needs an input {axis} of at least {(strict ? padding + 1 : padding)}; got {size}.", axis);
    }

    /// <summary>Checks that a span holds exactly <c>batch × channels × height × width</c> elements.</summary>
    /// <param name="layer">The layer's type name, for the message.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="actual">The span's length.</param>
    /// <param name="batch">Batch size.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="height">Height.</param>
    /// <param name="width">Width.</param>
    public static void Length(string layer, string name, int actual, int batch, int channels, int height, int width)
    {
        long expected = (long)batch * channels * height * width;
        if (actual != expected)
            throw new ArgumentException(
                $"{layer}: {name} has {actual} elements; expected {expected} = batch {batch} x channels {channels} x height {height} x width {width}.",
                name);
    }

    /// <summary>Checks an optional span: empty, or exactly <c>batch × channels × height × width</c> elements.</summary>
    public static void OptionalLength(string layer, string name, int actual, int batch, int channels, int height, int width)
    {
        if (actual != 0)
            Length(layer, name, actual, batch, channels, height, width);
    }
}
