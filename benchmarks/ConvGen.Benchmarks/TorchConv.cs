using TorchSharp;
using static TorchSharp.torch;

namespace ConvGen.Benchmarks;

/// <summary>
/// TorchSharp (libtorch 2.10 CPU) running one shape: <c>torch.nn.functional.conv2d</c> on preallocated
/// input/weight tensors, one thread. TorchSharp has no <c>out=</c> overload of conv2d, so each forward
/// allocates its output tensor in libtorch (native memory, freed at once) plus a small managed wrapper.
/// For the backward benchmark the graph is built once and replayed with <c>retain_graph</c>, so only
/// autograd's backward (weight, bias and input gradients, accumulated like ConvGen's) is timed.
/// </summary>
public sealed class TorchConv : IDisposable
{
    private readonly Tensor x, w, b, xg, wg, bg, yg, gradOut;
    private readonly Tensor[] gradOutList;
    private readonly bool hasBias;
    private readonly long[] padding, strides = [1, 1], dilation = [1, 1];
    private readonly long groups;
    private IDisposable? noGrad;

    /// <summary>One thread for every libtorch op (intra-op); called before any other torch use.</summary>
    public static void UseOneThread()
    {
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
    }

    /// <summary>Creates the tensors of <paramref name="s"/> from the given data.</summary>
    public TorchConv(ConvShape s, float[] input, float[] weight, float[] bias, float[] outputGrad)
    {
        hasBias = s.Bias;
        padding = [s.Padding, s.Padding];
        groups = s.Groups;
        long[] xShape = [1, s.InChannels, s.Height, s.Width];
        long[] wShape = [s.OutChannels, s.InChannels / s.Groups, s.KernelHeight, s.KernelWidth];
        x = torch.tensor(input, xShape);
        w = torch.tensor(weight, wShape);
        b = torch.tensor(hasBias ? bias : new float[s.OutChannels], [s.OutChannels]);

        // The backward graph: leaves that require grad, one forward recorded once.
        xg = torch.tensor(input, xShape).requires_grad_(true);
        wg = torch.tensor(weight, wShape).requires_grad_(true);
        bg = torch.tensor(hasBias ? bias : new float[s.OutChannels], [s.OutChannels]).requires_grad_(hasBias);
        yg = nn.functional.conv2d(xg, wg, hasBias ? bg : null, strides, padding, dilation, groups);
        gradOut = torch.tensor(outputGrad, [1, s.OutChannels, s.OutputHeight, s.OutputWidth]);
        gradOutList = [gradOut];
    }

    /// <summary>Enters no_grad for this thread (forward benchmarks run inside it); build the graph first.</summary>
    public void EnterNoGrad() => noGrad ??= torch.no_grad();

    /// <summary>One forward pass; the result is copied into <paramref name="output"/> when given (for checks only).</summary>
    public void Forward(float[]? output = null)
    {
        using var y = nn.functional.conv2d(x, w, hasBias ? b : null, strides, padding, dilation, groups);
        if (output is not null) y.data<float>().CopyTo(output, 0);
    }

    /// <summary>One autograd backward over the recorded graph (gradients accumulate, as in ConvGen).</summary>
    public void Backward() => yg.backward(gradOutList, retain_graph: true);

    /// <summary>The accumulated weight gradient (for checks).</summary>
    public float[] WeightGrad() => wg.grad!.data<float>().ToArray();

    /// <summary>The accumulated input gradient (for checks).</summary>
    public float[] InputGrad() => xg.grad!.data<float>().ToArray();

    /// <summary>Clears the accumulated gradients.</summary>
    public void ZeroGrad()
    {
        using var _ = torch.no_grad();
        xg.grad?.zero_();
        wg.grad?.zero_();
        if (hasBias) bg.grad?.zero_();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        noGrad?.Dispose();
        foreach (var t in new[] { x, w, b, xg, wg, bg, yg, gradOut }) t.Dispose();
    }
}
