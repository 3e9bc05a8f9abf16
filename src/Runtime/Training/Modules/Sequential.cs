namespace ConvGen.Training;

/// <summary>
/// Modules applied one after another, like <c>torch.nn.Sequential</c>: the output of module <c>i</c> is the
/// input of module <c>i + 1</c>, and <see cref="Backward"/> runs the chain in reverse through the input
/// gradients. Parameters are named <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, … as PyTorch names them.
/// </summary>
/// <remarks>
/// The intermediate activations and gradients live in buffers allocated the first time an input shape is
/// seen, sized for the largest batch seen so far (a smaller last mini-batch reuses them); forward and backward
/// passes allocate nothing after that. <see cref="Backward"/> uses the activations of the latest <see cref="Forward"/>, so call it after the
/// forward pass of the same input, as autograd does.
/// </remarks>
public sealed class Sequential : IModule
{
    private readonly IModule[] _modules;
    private readonly Parameter[] _parameters;
    private readonly KeyValuePair<string, Parameter>[] _named;
    private int _batch, _capacity;
    private TensorShape _shape;
    private TensorShape[] _shapes = [];          // _shapes[i] = input shape of module i; last = output shape
    private float[][] _activations = [];         // _activations[i] = output of module i, for i < last
    private float[] _gradA = [], _gradB = [];    // ping-pong buffers for intermediate input gradients
    private bool _forwardDone;

    /// <summary>Chains <paramref name="modules"/> in order.</summary>
    /// <exception cref="ArgumentException">No modules, or a null one.</exception>
    public Sequential(params IModule[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (modules.Length == 0)
            throw new ArgumentException("a Sequential needs at least 1 module; got 0.", nameof(modules));
        for (int i = 0; i < modules.Length; i++)
            if (modules[i] is null)
                throw new ArgumentException($"module {i} is null.", nameof(modules));
        _modules = (IModule[])modules.Clone();
        var named = new List<KeyValuePair<string, Parameter>>();
        for (int i = 0; i < _modules.Length; i++)
        {
            if (_modules[i] is Sequential inner)
                foreach (var (name, p) in inner.NamedParameters)
                    named.Add(new($"{i}.{name}", p));
            else
                foreach (var p in _modules[i].Parameters)
                    named.Add(new($"{i}.{p.Name}", p));
        }
        _named = [.. named];
        _parameters = [.. named.Select(kv => kv.Value)];
    }

    /// <summary>The modules, in order.</summary>
    public IReadOnlyList<IModule> Modules => _modules;

    /// <summary>Every parameter of every module, in order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Every parameter with its <c>state_dict</c> key (<c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, …).</summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> NamedParameters => _named;

    /// <inheritdoc />
    public TensorShape OutputShape(TensorShape input)
    {
        var shape = input;
        foreach (var m in _modules)
            shape = m.OutputShape(shape);
        return shape;
    }

    /// <summary>
    /// Allocates the buffers for <paramref name="batch"/> samples of <paramref name="shape"/> now rather than
    /// on the first <see cref="Forward"/> (useful before timing or allocation-sensitive code). Smaller batches
    /// of the same shape reuse the buffers.
    /// </summary>
    public void Prepare(int batch, TensorShape shape)
    {
        ModuleGuard.Batch(nameof(Sequential), batch);
        if (shape == _shape && batch <= _capacity)
        {
            if (batch != _batch)
                _forwardDone = false;
            _batch = batch;
            return;
        }
        var shapes = new TensorShape[_modules.Length + 1];
        shapes[0] = shape;
        for (int i = 0; i < _modules.Length; i++)
            shapes[i + 1] = _modules[i].OutputShape(shapes[i]);
        var activations = new float[_modules.Length - 1][];
        int largest = 0;
        for (int i = 0; i < activations.Length; i++)
        {
            int length = checked(batch * shapes[i + 1].Length);
            activations[i] = new float[length];
            largest = Math.Max(largest, length);
        }
        _shapes = shapes;
        _activations = activations;
        _gradA = new float[largest];
        _gradB = new float[largest];
        _batch = _capacity = batch;
        _shape = shape;
        _forwardDone = false;
    }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, TensorShape shape)
    {
        Prepare(batch, shape);
        ModuleGuard.Length(nameof(Sequential), nameof(input), input.Length, batch, shape);
        ModuleGuard.Length(nameof(Sequential), nameof(output), output.Length, batch, _shapes[^1]);
        _forwardDone = false;
        int last = _modules.Length - 1;
        for (int i = 0; i <= last; i++)
        {
            ReadOnlySpan<float> x = i == 0 ? input : Activation(i - 1);
            Span<float> y = i == last ? output : Activation(i);
            _modules[i].Forward(x, y, batch, _shapes[i]);
        }
        _forwardDone = true;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">No forward pass of this batch size and shape came before.</exception>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch, TensorShape shape)
    {
        if (!_forwardDone || batch != _batch || shape != _shape)
            throw new InvalidOperationException($"Sequential.Backward needs the forward pass of the same input first (batch {batch}, shape {shape}); the latest forward pass was batch {_batch}, shape {_shape}{(_forwardDone ? "" : ", not completed")}.");
        ModuleGuard.Length(nameof(Sequential), nameof(input), input.Length, batch, shape);
        ModuleGuard.Length(nameof(Sequential), nameof(outputGrad), outputGrad.Length, batch, _shapes[^1]);
        ModuleGuard.OptionalLength(nameof(Sequential), nameof(inputGrad), inputGrad.Length, batch, shape);
        ReadOnlySpan<float> upstream = outputGrad;
        bool useA = true;
        for (int i = _modules.Length - 1; i >= 0; i--)
        {
            ReadOnlySpan<float> x = i == 0 ? input : Activation(i - 1);
            Span<float> dx = i == 0
                ? inputGrad
                : (useA ? _gradA : _gradB).AsSpan(0, batch * _shapes[i].Length);
            _modules[i].Backward(x, upstream, dx, batch, _shapes[i]);
            upstream = dx;
            useA = !useA;
        }
    }

    private Span<float> Activation(int i) => _activations[i].AsSpan(0, _batch * _shapes[i + 1].Length);

    /// <inheritdoc />
    public void ZeroGrad()
    {
        foreach (var m in _modules)
            m.ZeroGrad();
    }
}
