using Microsoft.ML.OnnxRuntime;

namespace ConvGen.Benchmarks;

/// <summary>
/// ONNX Runtime running the one-Conv model of a shape (exported by <c>benchmarks/models/export.py</c>),
/// one intra-op and one inter-op thread, all graph optimisations, with input and output bound once
/// (IO binding over pinned managed arrays), so a run times only the kernel and ORT's dispatch.
/// </summary>
public sealed class OnnxConv : IDisposable
{
    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly OrtValue input, output;
    private readonly OrtIoBinding binding;
    private readonly RunOptions runOptions = new();

    /// <summary>Loads the model of <paramref name="s"/> and binds <paramref name="x"/> and <paramref name="y"/>.</summary>
    public OnnxConv(ConvShape s, float[] x, float[] y)
    {
        options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(s.OnnxPath, options);
        input = OrtValue.CreateTensorValueFromMemory(x, [1, s.InChannels, s.Height, s.Width]);
        output = OrtValue.CreateTensorValueFromMemory(y, [1, s.OutChannels, s.OutputHeight, s.OutputWidth]);
        binding = session.CreateIoBinding();
        binding.BindInput("x", input);
        binding.BindOutput("y", output);
    }

    /// <summary>One run; writes into the bound output array.</summary>
    public void Run() => session.RunWithBinding(runOptions, binding);

    /// <inheritdoc />
    public void Dispose()
    {
        binding.Dispose();
        input.Dispose();
        output.Dispose();
        runOptions.Dispose();
        session.Dispose();
        options.Dispose();
    }
}
