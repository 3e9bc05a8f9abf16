using ConvGen.Reference;
using Xunit;

namespace ConvGen.Training.Tests;

public class TrainerTests
{
    private static ReferenceLayer Chapter()
    {
        var layer = new ReferenceLayer(new ConvSpec(1, 2, HasBias: false));
        layer.Weight[0] = 0.5f;
        layer.Weight[1] = 0.25f;
        return layer;
    }

    // The chapter's data: X = 6x8 ones with columns 2..5 zero, Y = X correlated with [1, -1].
    private static (float[] X, float[] Y) ChapterData()
    {
        var x = new float[48];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 8; j++)
                x[i * 8 + j] = j is >= 2 and <= 5 ? 0f : 1f;
        var y = new float[42];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 7; j++)
                y[i * 7 + j] = x[i * 8 + j] - x[i * 8 + j + 1];
        return (x, y);
    }

    [Fact]
    public void ChapterCallLearnsTheKernel()
    {
        var (x, y) = ChapterData();
        var layer = Chapter();
        var reports = new List<EpochReport>();
        var losses = Trainer.Fit(layer, x, y, 1, 6, 8, new SquaredLoss(), new Sgd(0.03f), 10, reports.Add);
        Assert.Equal(10, losses.Length);
        Assert.Equal(Enumerable.Range(1, 10), reports.Select(r => r.Epoch));
        Assert.Equal(losses, reports.Select(r => r.Loss));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Elapsed >= p.First.Elapsed));
        // First epoch by hand: ŷ = 0.5·x_j + 0.25·x_{j+1}; per row the 7 outputs give errors
        // (0.75−0)² + (0.5−1)² + 0 + 0 + 0 + (0.25+1)² + (0.75−0)² = 0.5625+0.25+1.5625+0.5625 = 2.9375; 6 rows.
        Assert.Equal(6 * 2.9375f, losses[0], 1e-4f);
        Assert.InRange(layer.Weight[0], 0.9f, 1.1f);
        Assert.InRange(layer.Weight[1], -1.1f, -0.9f);
    }

    [Fact]
    public void ChapterCallStopsWithAClearMessageOnDivergence()
    {
        var (x, y) = ChapterData();
        var layer = Chapter();
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(layer, x, y, 1, 6, 8, new SquaredLoss(), new Sgd(1e3), 1000));
        Assert.Contains("diverged", e.Message);
        Assert.Contains("learning rate", e.Message);
        Assert.True(float.IsInfinity(e.Loss) || float.IsNaN(e.Loss));
        Assert.True(e.Epoch > 1 && e.Epoch < 1000);
        // The step with the non-finite loss is not taken, so the weights stay finite numbers.
        Assert.True(float.IsFinite(layer.Weight[0]) && float.IsFinite(layer.Weight[1]));
    }

    [Fact]
    public void MiniBatchFitReportsDivergenceInsteadOfLoopingOnNaN()
    {
        var (x, y) = ChapterData();
        var layer = Chapter();
        var set = new Dataset([.. x, .. x], new TensorShape(1, 6, 8), [.. y, .. y], new TensorShape(1, 6, 7));
        int epochsSeen = 0;
        var result = Trainer.Fit(new Sequential(new Conv2d(layer)), set, new SquaredLoss(), new Sgd(1e3),
                                 new TrainingOptions { Epochs = 1000, BatchSize = 1, OnEpoch = _ => epochsSeen++ });
        Assert.True(result.Diverged);
        Assert.Contains("diverged", result.Message);
        Assert.Equal(epochsSeen, result.Losses.Length);
        Assert.All(result.Losses, l => Assert.True(float.IsFinite(l)));
        Assert.True(result.Losses.Length < 1000);
    }

    [Fact]
    public void ShuffledTrainingIsReproducibleAndVisitsEverySampleOnce()
    {
        var (x, y) = ChapterData();
        // Five copies of the chapter image, each scaled differently so the batches differ.
        var xs = Enumerable.Range(1, 5).SelectMany(s => x.Select(v => v * s)).ToArray();
        var ys = Enumerable.Range(1, 5).SelectMany(s => y.Select(v => v * s)).ToArray();
        var set = new Dataset(xs, new TensorShape(1, 6, 8), ys, new TensorShape(1, 6, 7));
        float[] Run(bool shuffle, int seed, List<BatchReport>? batches = null)
        {
            var model = new Sequential(new Conv2d(Chapter()));
            return Trainer.Fit(model, set, new MseLoss(), new Sgd(0.01), new TrainingOptions
            {
                Epochs = 4, BatchSize = 2, Shuffle = shuffle, Seed = seed, OnBatch = batches is null ? null : batches.Add,
            }).Losses;
        }
        var batches = new List<BatchReport>();
        var a = Run(true, 7, batches);
        Assert.Equal(a, Run(true, 7));
        Assert.NotEqual(a, Run(false, 0));
        // 5 samples in batches of 2: batches of 2, 2 and 1 in each of 4 epochs.
        Assert.Equal(12, batches.Count);
        Assert.All(batches, r => Assert.Equal(3, r.BatchCount));
    }

    [Fact]
    public void FitChecksShapes()
    {
        var set = new Dataset(new float[48], new TensorShape(1, 6, 8), new float[48], new TensorShape(1, 6, 8));
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new Sequential(new Conv2d(Chapter())), set, new MseLoss(), new Sgd(0.1), new TrainingOptions()));
        Assert.Contains("1x6x7", e.Message);
        Assert.Contains("1x6x8", e.Message);
        Assert.Throws<ArgumentException>(() => new Dataset(new float[47], new TensorShape(1, 6, 8), new float[42], new TensorShape(1, 6, 7)));
        Assert.Throws<ArgumentException>(() => new Dataset(new float[48], new TensorShape(1, 6, 8), new float[41], new TensorShape(1, 6, 7)));
    }
}
