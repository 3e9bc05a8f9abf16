namespace ConvGen.Training;

/// <summary>
/// A convolution layer (any <see cref="IConvLayer"/>, generated or hand-written) as a module, with its
/// parameters named <c>weight</c> and <c>bias</c> like <c>torch.nn.Conv2d</c>.
/// </summary>
public sealed class Conv2d : IModule
{
    private readonly Parameter[] _parameters;

    /// <summary>Wraps <paramref name="layer"/>; the module and the layer share their weights.</summary>
    public Conv2d(IConvLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Layer = layer;
        _parameters = layer.Bias.IsEmpty
            ? [new LayerParameter(layer, isBias: false)]
            : [new LayerParameter(layer, isBias: false), new LayerParameter(layer, isBias: true)];
    }

    /// <summary>The wrapped layer.</summary>
    public IConvLayer Layer { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc />
    public TensorShape OutputShape(TensorShape input)
    {
        input.Validate(nameof(input));
        if (input.Channels != Layer.InChannels)
            throw new ArgumentException($"{Name}: input has {input.Channels} channels; expected {Layer.InChannels}.", nameof(input));
        return new TensorShape(Layer.OutChannels, Layer.OutputHeight(input.Height), Layer.OutputWidth(input.Width));
    }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, TensorShape shape)
    {
        OutputShape(shape);
        Layer.Forward(input, output, batch, shape.Height, shape.Width);
    }

    /// <inheritdoc />
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, TensorShape shape)
    {
        OutputShape(shape);
        Layer.Backward(input, outputGrad, inputGrad, batch, shape.Height, shape.Width);
    }

    /// <inheritdoc />
    public void ZeroGrad() => Layer.ZeroGrad();

    private string Name => $"Conv2d({Layer.GetType().Name})";

    /// <summary>A view of the layer's weight or bias; the spans are fetched on each use, never copied.</summary>
    private sealed class LayerParameter(IConvLayer layer, bool isBias) : Parameter(isBias ? "bias" : "weight")
    {
        private readonly int[] _shape = isBias
            ? [layer.OutChannels]
            : [layer.OutChannels, layer.InChannels / layer.Groups, layer.KernelHeight, layer.KernelWidth];

        public override Span<float> Value => isBias ? layer.Bias : layer.Weight;
        public override Span<float> Grad => isBias ? layer.BiasGrad : layer.WeightGrad;
        public override IReadOnlyList<int> Shape => _shape;
    }
}
