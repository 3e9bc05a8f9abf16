using System.Globalization;
using ConvGen.Training;
using Xunit;

namespace ConvGen.Tests.Chapter;

/// <summary>
/// Trains a layer with the chapter's loop through <see cref="Trainer.Fit"/> and compares every epoch's
/// loss and weights with a PyTorch run, at the tolerance <see cref="ChapterStepBound"/> derives.
/// </summary>
internal static class ChapterTrajectoryCheck
{
    public static void FollowsPyTorch(IConvLayer layer, ChapterRun run)
    {
        var data = ChapterTrajectories.Instance;
        var bound = new ChapterStepBound(data.Input, data.Target, ChapterTrajectories.Height, ChapterTrajectories.Width, data.LearningRate);

        run.InitialWeight.CopyTo(layer.Weight);
        var weights = new List<float[]>();
        float[] losses = Trainer.Fit(layer, data.Input, data.Target, 1, ChapterTrajectories.Height, ChapterTrajectories.Width,
            new SquaredLoss(), new Sgd((float)data.LearningRate), data.Epochs,
            _ => weights.Add(layer.Weight.ToArray()));

        Assert.Equal(data.Epochs, losses.Length);
        Assert.Equal(data.Epochs, weights.Count);
        for (int e = 0; e < data.Epochs; e++)
        {
            // Both runs computed epoch e from where they stood after epoch e-1.
            float[] fromTorch = e == 0 ? run.InitialWeight : run.Weights[e - 1];
            float[] fromOurs = e == 0 ? run.InitialWeight : weights[e - 1];

            double lossTol = bound.LossTolerance(fromTorch, fromOurs);
            Assert.True(Math.Abs(losses[e] - run.Losses[e]) <= lossTol,
                $"{run.Name}, epoch {e + 1}: loss {losses[e]:R}, PyTorch {run.Losses[e]:R}, |diff| {Math.Abs(losses[e] - run.Losses[e]):G3} > tolerance {lossTol:G3}");
            for (int k = 0; k < 2; k++)
            {
                double wTol = bound.WeightTolerance(fromTorch, fromOurs, k);
                Assert.True(Math.Abs(weights[e][k] - run.Weights[e][k]) <= wTol,
                    $"{run.Name}, epoch {e + 1}: weight[{k}] {weights[e][k]:R}, PyTorch {run.Weights[e][k]:R}, |diff| {Math.Abs(weights[e][k] - run.Weights[e][k]):G3} > tolerance {wTol:G3}");
            }
        }
        PrintsLikePyTorch(run, losses, bound, weights);
    }

    /// <summary>
    /// The chapter prints every second epoch's loss with 3 decimals; ours must print the same string.
    /// Where PyTorch's loss lies closer to a rounding boundary than that epoch's tolerance, the digit is
    /// decided by float32 summation order (PyTorch's own changes with the CPU); there the string must be
    /// the rounding of a value inside the tolerance, i.e. PyTorch's string or its neighbour across the boundary.
    /// </summary>
    private static void PrintsLikePyTorch(ChapterRun run, float[] losses, ChapterStepBound bound, List<float[]> weights)
    {
        for (int line = 0; line < run.Printed.Length; line++)
        {
            int e = 2 * line + 1; // 0-based epoch of the line "epoch {e+1}, ..."
            string ours = Line(e + 1, losses[e]);
            double tol = bound.LossTolerance(run.Weights[e - 1], weights[e - 1]);
            if (run.PrintedMargin[line] > tol)
                Assert.Equal(run.Printed[line], ours);
            else
                Assert.Contains(ours, new[] { Line(e + 1, run.Losses[e] - tol), Line(e + 1, run.Losses[e] + tol) });
        }
    }

    /// <summary>The chapter's line, <c>f'epoch {i+1}, loss {l.sum():.3f}'</c>.</summary>
    public static string Line(int epoch, double loss) =>
        $"epoch {epoch}, loss {loss.ToString("F3", CultureInfo.InvariantCulture)}";
}
