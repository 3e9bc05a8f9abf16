using System.Text.Json;

namespace ConvGen.Tests.Chapter;

/// <summary>One PyTorch run of the chapter's loop from a given initial kernel (tests/vectors/chapter.py).</summary>
/// <param name="Name">The case's name in the data file.</param>
/// <param name="InitialWeight">The kernel [[a, b]] before training.</param>
/// <param name="Losses">Epoch e+1's loss, computed before that epoch's update (what the chapter prints).</param>
/// <param name="Weights">The kernel after each epoch's update.</param>
/// <param name="Printed">The chapter's printed lines, <c>epoch 2, loss 8.330</c>, every second epoch.</param>
/// <param name="PrintedMargin">Distance of each printed loss from the nearest 3-decimal rounding boundary.</param>
/// <param name="LearnedKernelPrinted">PyTorch's print of the final kernel, e.g. <c>tensor([[ 1.0038, -0.9823]])</c>.</param>
internal sealed record ChapterRun(
    string Name, float[] InitialWeight, float[] Losses, float[][] Weights,
    string[] Printed, double[] PrintedMargin, string LearnedKernelPrinted)
{
    public override string ToString() => Name;
}

/// <summary>The committed PyTorch trajectories of the chapter's kernel-learning loop.</summary>
internal sealed class ChapterTrajectories
{
    /// <summary>Epochs per run (10 in the chapter).</summary>
    public required int Epochs { get; init; }
    /// <summary>Learning rate (3e-2 in the chapter).</summary>
    public required double LearningRate { get; init; }
    /// <summary>X: 6x8 ones with columns 2..5 zero, NCHW [1, 1, 6, 8].</summary>
    public required float[] Input { get; init; }
    /// <summary>Y: the 6x7 edge map, NCHW [1, 1, 6, 7].</summary>
    public required float[] Target { get; init; }
    /// <summary>Every run.</summary>
    public required ChapterRun[] Runs { get; init; }

    /// <summary>Input height and width.</summary>
    public const int Height = 6, Width = 8;

    private static readonly Lazy<ChapterTrajectories> Shared = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Data", "chapter_trajectories.json")));

    /// <summary>The data file next to the test assembly, read once.</summary>
    public static ChapterTrajectories Instance => Shared.Value;

    /// <summary>Reads the data file. Values were written as doubles that equal float32 values, so the casts are exact.</summary>
    public static ChapterTrajectories Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        return new ChapterTrajectories
        {
            Epochs = root.GetProperty("epochs").GetInt32(),
            LearningRate = root.GetProperty("lr").GetDouble(),
            Input = Floats(root.GetProperty("input").GetProperty("values")),
            Target = Floats(root.GetProperty("target").GetProperty("values")),
            Runs = [.. root.GetProperty("cases").EnumerateArray().Select(c => new ChapterRun(
                c.GetProperty("name").GetString()!,
                Floats(c.GetProperty("initial_weight")),
                Floats(c.GetProperty("losses")),
                [.. c.GetProperty("weights").EnumerateArray().Select(Floats)],
                [.. c.GetProperty("printed").EnumerateArray().Select(p => p.GetString()!)],
                [.. c.GetProperty("printed_margin").EnumerateArray().Select(m => m.GetDouble())],
                c.GetProperty("learned_kernel_printed").GetString()!))],
        };
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => (float)e.GetDouble())];
}
