// The d2l chapter "Convolutions for Images", end to end with ConvGen:
//   1. corr2d on the book's 3x3 example,
//   2. vertical-edge detection with the kernel [1, -1],
//   3. learning that kernel back from (X, Y) with a generated [ConvLayer(1, 2, Bias = false)].
using System.Globalization;
using ConvGen;
using ConvGen.Reference;
using ConvGen.Training;
using EdgeDetection;

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

// 1. The book's corr2d example.
var x = new float[,] { { 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 } };
var k = new float[,] { { 0, 1 }, { 2, 3 } };
Console.WriteLine("corr2d(X, K) with X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]], K = [[0, 1], [2, 3]]:");
Console.WriteLine(Matrix.Format(Correlate.Correlate2D(x, k)));
Console.WriteLine();

// 2. Edge detection: a 6x8 image, ones with a black band in columns 2..5.
var image = Chapter.Image();
var edgeKernel = new float[,] { { 1, -1 } };
var edges = Correlate.Correlate2D(image, edgeKernel);
Console.WriteLine("X (6x8, columns 2..5 black):");
Console.WriteLine(Matrix.Format(image));
Console.WriteLine("Y = corr2d(X, [[1, -1]]): +1 where white turns black, -1 where black turns white:");
Console.WriteLine(Matrix.Format(edges));
Console.WriteLine("corr2d(X.T, [[1, -1]]): all zeros, the kernel only sees vertical edges:");
Console.WriteLine(Matrix.Format(Correlate.Correlate2D(Matrix.Transpose(image), edgeKernel)));
Console.WriteLine();

// 3. Learn the kernel back from (X, Y) with a generated layer, squared loss summed over all outputs,
//    and plain gradient descent, as the chapter does.
var layer = options.Seed is int seed ? new EdgeKernel(seed) : new EdgeKernel();
if (options.Init is { } init)
{
    layer.Weight[0] = init.A;
    layer.Weight[1] = init.B;
}
Console.WriteLine($"learning the kernel: {options.Epochs} epochs, lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, " +
                  $"initial kernel {Matrix.FormatKernel(layer.Weight)}");
var losses = Trainer.Fit(layer, Matrix.Flatten(image), Matrix.Flatten(edges), batch: 1, height: 6, width: 8,
    new SquaredLoss(), new Sgd(options.LearningRate), options.Epochs,
    report =>
    {
        if (report.Epoch % 2 == 0)
            Console.WriteLine($"epoch {report.Epoch}, loss {report.Loss.ToString("F3", CultureInfo.InvariantCulture)}");
    });
Console.WriteLine($"learned kernel: {Matrix.FormatKernel(layer.Weight)}");

if (options.PlotsFolder is { } folder)
{
    var learned = new float[,] { { layer.Weight[0], layer.Weight[1] } };
    foreach (var file in Plots.WriteAll(folder, image, edges, learned, losses))
        Console.WriteLine($"wrote {file}");
}
return 0;
