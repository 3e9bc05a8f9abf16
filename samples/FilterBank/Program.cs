// A bigger run than the chapter: a conv -> ReLU -> conv net learns a bank of known filters (Sobel x,
// Sobel y, a blur) from images it draws itself, with Adam in shuffled mini-batches, then is saved,
// reloaded and run through the allocation-free inference path.
using System.Diagnostics;
using System.Globalization;
using ConvGen.Serialization;
using ConvGen.Training;
using FilterBank;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (!Options.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

int size = options.Size;
var inputShape = new TensorShape(1, size, size);
var outputShape = new TensorShape(3, size, size);

// 1. Data: drawn images, and the true filter bank's outputs as targets.
var bank = new TrueBank();
Filters.CopyTo(bank.Weight);
var images = Shapes.Draw(options.Images, size, options.Seed);
var targets = new float[options.Images * outputShape.Length];
bank.Forward(images, targets, options.Images, size, size);
Console.WriteLine($"data: {options.Images} drawn {size}x{size} images (rectangles, discs, stripes); " +
                  $"targets: {string.Join(", ", Filters.Names)} (3x3, zero padding)");

// 2. The model: Conv2d(1, 8, 3, padding=1) -> ReLU -> Conv2d(8, 3, 1), in PyTorch's terms.
Sequential NewModel(int? seed) => new(
    new Conv2d(seed is int s ? new Features(s) : new Features()),
    new ReLU(),
    new Conv2d(seed is int t ? new Mix(t + 1) : new Mix()));
var model = NewModel(options.Seed);
Console.WriteLine($"model: {string.Join(", ", model.NamedParameters.Select(p => $"{p.Key} [{string.Join("x", p.Value.Shape)}]"))}");
Console.WriteLine($"training: Adam lr {options.LearningRate}, batches of {options.BatchSize}, {options.Epochs} epochs, shuffled");

// 3. Train.
var progress = new Progress(options.Epochs);
var result = Trainer.Fit(model, new Dataset(images, inputShape, targets, outputShape), new MseLoss(),
    new Adam(learningRate: options.LearningRate),
    new TrainingOptions
    {
        Epochs = options.Epochs, BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed,
        OnBatch = progress.OnBatch, OnEpoch = progress.OnEpoch,
    });
if (result.Diverged)
{
    Console.WriteLine(result.Message);
    return 1;
}
double seconds = result.Elapsed.TotalSeconds;
Console.WriteLine($"trained in {seconds:F1} s ({options.Epochs * (double)options.Images / seconds:F0} images/s, forward + backward + step)");
Console.WriteLine("loss curve (log scale): " + string.Concat(Sparkline(result.Losses)));

// 4. Which filters did it learn? Fit a 3x3 kernel to the trained net's outputs on fresh images.
int testCount = 32;
var testImages = Shapes.Draw(testCount, size, options.Seed + 1000);
var testTargets = new float[testCount * outputShape.Length];
bank.Forward(testImages, testTargets, testCount, size, size);
var testOutputs = new float[testTargets.Length];
model.Forward(testImages, testOutputs, testCount, inputShape);
var (learned, residuals) = KernelFit.Fit(testImages, testOutputs, testCount, 3, size);
for (int f = 0; f < 3; f++)
{
    Console.WriteLine($"{Filters.Names[f]}: true {Kernel(Filters.Kernels[f])}");
    Console.WriteLine($"{new string(' ', Filters.Names[f].Length)}  learned {Kernel(learned[f])}  (largest difference {Filters.Kernels[f].Zip(learned[f], (a, b) => Math.Abs(a - b)).Max():F4}, rms non-linear residual {residuals[f]:F4})");
}
Console.WriteLine($"test MSE on {testCount} unseen images: {Mse(testOutputs, testTargets):F6}");

// 5. Save, reload into a fresh model, and run the inference path.
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Model))!);
model.SaveSafetensors(options.Model, metadata: new Dictionary<string, string> { ["format"] = "pt" });
var reloaded = NewModel(seed: null);
reloaded.LoadSafetensors(options.Model);
Console.WriteLine($"saved the model to {options.Model} ({new FileInfo(options.Model).Length} bytes) and loaded it into a fresh model");

var output = new float[testOutputs.Length];
reloaded.Prepare(testCount, inputShape);
reloaded.Forward(testImages, output, testCount, inputShape);   // warm-up
bool identical = output.AsSpan().SequenceEqual(testOutputs);
const int runs = 50;
long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
long start = Stopwatch.GetTimestamp();
for (int r = 0; r < runs; r++)
    reloaded.Forward(testImages, output, testCount, inputShape);
var elapsed = Stopwatch.GetElapsedTime(start);
long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
Console.WriteLine($"inference: reloaded model's outputs {(identical ? "identical to" : "DIFFER from")} the trained model's; " +
                  $"{runs} batches of {testCount}: {elapsed.TotalMilliseconds * 1000 / (runs * testCount):F1} µs per image, {allocated} bytes allocated");
// One image with its output, for checking against PyTorch: training.py verify MODEL IO.
string io = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Model))!, "io.safetensors");
SafetensorsWriter.Write(io,
[
    new SafetensorsTensor("input", [1, 1, size, size], testImages.AsMemory(0, inputShape.Length)),
    new SafetensorsTensor("output", [1, 3, size, size], output.AsMemory(0, outputShape.Length)),
]);
Console.WriteLine($"wrote {io} (one input and ConvGen's output; check with: /usr/bin/python3 tests/vectors/training.py verify {options.Model} {io})");

// 6. Pictures.
if (options.Plots is string folder)
{
    Console.WriteLine("plots: " + string.Join(", ",
        Plots.LossCurve(folder, result.Losses),
        Plots.Kernels(folder, Filters.Names, Filters.Kernels, learned),
        Plots.Example(folder, size, testImages.AsSpan(0, inputShape.Length), testTargets.AsSpan(0, outputShape.Length), output.AsSpan(0, outputShape.Length), Filters.Names)));
}
return identical && allocated == 0 ? 0 : 1;

static string Kernel(float[] k) =>
    "[" + string.Join(" | ", Enumerable.Range(0, 3).Select(r => string.Join(" ", k.Skip(r * 3).Take(3).Select(v => (v == 0 ? 0 : v).ToString("+0.000;-0.000"))))) + "]";

static double Mse(float[] a, float[] b) => a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Average();

// The loss per epoch as a row of block characters on a log scale: a loss curve in one console line.
static IEnumerable<char> Sparkline(float[] losses)
{
    const string blocks = "▁▂▃▄▅▆▇█";
    if (losses.Length == 0) yield break;
    double hi = Math.Log10(losses.Max()), lo = Math.Log10(Math.Max(losses.Min(), 1e-12f));
    int stride = Math.Max(1, losses.Length / 60);
    for (int i = 0; i < losses.Length; i += stride)
    {
        double t = hi > lo ? (Math.Log10(Math.Max(losses[i], 1e-12f)) - lo) / (hi - lo) : 0;
        yield return blocks[(int)Math.Round(t * (blocks.Length - 1))];
    }
}
