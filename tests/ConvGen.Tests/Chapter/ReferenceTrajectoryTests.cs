using Xunit;

namespace ConvGen.Tests.Chapter;

/// <summary>
/// Checks the committed PyTorch trajectories, the derived tolerance and the trainer against the plain
/// reference convolution, independently of the generated code.
/// </summary>
public class ReferenceTrajectoryTests
{
    public static TheoryData<string> Runs => [.. ChapterTrajectories.Instance.Runs.Select(r => r.Name)];

    [Theory, MemberData(nameof(Runs))]
    public void ReferenceLayerFollowsPyTorch(string run) =>
        ChapterTrajectoryCheck.FollowsPyTorch(new ReferenceKernelLayer(), ChapterTrajectories.Instance.Runs.Single(r => r.Name == run));

    [Fact]
    public void DataIsTheChapters()
    {
        var data = ChapterTrajectories.Instance;
        Assert.Equal(10, data.Epochs);
        Assert.Equal(0.03, data.LearningRate, 15);
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 8; c++)
                Assert.Equal(c is >= 2 and <= 5 ? 0f : 1f, data.Input[r * 8 + c]);
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 7; c++)
                Assert.Equal(c == 1 ? 1f : c == 5 ? -1f : 0f, data.Target[r * 7 + c]);
        // The issue quotes this line of the chapter's output (PyTorch's default init under seed 0).
        Assert.Equal("epoch 2, loss 8.330", data.Runs.Single(r => r.Name == "torch_default_seed0").Printed[0]);
        foreach (var run in data.Runs)
            for (int line = 0; line < run.Printed.Length; line++)
                Assert.Equal(run.Printed[line], ChapterTrajectoryCheck.Line(2 * line + 2, run.Losses[2 * line + 1]));
    }

    /// <summary>
    /// The tolerance must stay far below what the test is meant to resolve: a bound that grew loose
    /// would let a wrong gradient through. At PyTorch's own points it is pure rounding.
    /// </summary>
    [Fact]
    public void ToleranceIsFloat32Sized()
    {
        var data = ChapterTrajectories.Instance;
        var bound = new ChapterStepBound(data.Input, data.Target, ChapterTrajectories.Height, ChapterTrajectories.Width, data.LearningRate);
        foreach (var run in data.Runs)
            for (int e = 0; e < data.Epochs; e++)
            {
                float[] w = e == 0 ? run.InitialWeight : run.Weights[e - 1];
                // One epoch's rounding: here at most ~1.1e-5 on O(1) weights (printed with 4 decimals) and
                // ~3.6e-6 relative on the loss (printed with 3); the ceilings catch a bound that grew loose.
                Assert.InRange(bound.LossTolerance(w, w), 0, 1e-5 * (1 + run.Losses[e]));
                Assert.InRange(bound.WeightTolerance(w, w, 0), 0, 2e-5);
                Assert.InRange(bound.WeightTolerance(w, w, 1), 0, 2e-5);
            }
    }
}
