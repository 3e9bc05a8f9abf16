using ConvGen.Tests.Chapter;
using Xunit;

namespace ConvGen.Tests;

/// <summary>The chapter's layer: one input and output channel, a 1x2 kernel, no bias.</summary>
[ConvLayer(1, 2, Bias = false)]
internal partial class ChapterKernel { }

/// <summary>
/// The chapter's "learning a kernel" loop run by the generated layer and <see cref="Training.Trainer"/>,
/// compared epoch by epoch with PyTorch (tests/vectors/chapter.py → Data/chapter_trajectories.json) on
/// every instruction-set path. The tolerance is derived in <see cref="ChapterStepBound"/>.
/// </summary>
public class ChapterTrajectoryTests
{
    public static TheoryData<string, ConvPath> RunsOnEveryPath =>
    [
        .. from run in ChapterTrajectories.Instance.Runs
           from path in Enum.GetValues<ConvPath>()
           select (run.Name, path),
    ];

    [Theory, MemberData(nameof(RunsOnEveryPath))]
    public void GeneratedLayerFollowsPyTorch(string run, ConvPath path)
    {
        var layer = new ChapterKernel { ExecutionPath = path };
        ChapterTrajectoryCheck.FollowsPyTorch(layer, ChapterTrajectories.Instance.Runs.Single(r => r.Name == run));
    }

    /// <summary>Every path is the same arithmetic (DESIGN.md, "Same bits on every path"): whole trajectories agree bit for bit.</summary>
    [Theory, MemberData(nameof(Runs))]
    public void EveryPathTrainsToTheSameBits(string run)
    {
        var start = ChapterTrajectories.Instance.Runs.Single(r => r.Name == run).InitialWeight;
        var trajectories = Enum.GetValues<ConvPath>().Select(path => Train(new ChapterKernel { ExecutionPath = path }, start)).ToArray();
        foreach (var other in trajectories.Skip(1))
            Assert.Equal(Bits(trajectories[0]), Bits(other));
    }

    public static TheoryData<string> Runs => [.. ChapterTrajectories.Instance.Runs.Select(r => r.Name)];

    private static float[] Train(IConvLayer layer, float[] start)
    {
        var data = ChapterTrajectories.Instance;
        start.CopyTo(layer.Weight);
        var trace = new List<float>();
        trace.AddRange(Training.Trainer.Fit(layer, data.Input, data.Target, 1, ChapterTrajectories.Height, ChapterTrajectories.Width,
            new Training.SquaredLoss(), new Training.Sgd((float)data.LearningRate), data.Epochs,
            _ => trace.AddRange(layer.Weight.ToArray())));
        return [.. trace];
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
