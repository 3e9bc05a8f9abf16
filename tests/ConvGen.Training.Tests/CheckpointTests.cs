using ConvGen.Serialization;
using Xunit;

namespace ConvGen.Training.Tests;

/// <summary>
/// Chain checkpoints against files PyTorch wrote (tests/vectors/training.py: the state_dict of
/// nn.Sequential(Conv2d(1,4,3,padding=1), ReLU(), Conv2d(4,2,3,padding=1)) before and after training).
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("convgen-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    private static Sequential Net(int seed) =>
        new(new Conv2d(new NetConv1(seed)), new ReLU(), new Conv2d(new NetConv2(seed + 1)));

    private static float[][] Snapshot(Sequential net) => [.. net.Parameters.Select(p => p.Value.ToArray())];

    [Fact]
    public void LoadsPyTorchsStateDict()
    {
        var net = Net(10);
        net.LoadSafetensors(Data("net_initial.safetensors"));
        var initial = TestData.Load("net.json")["initial"]!;
        foreach (var (key, p) in net.NamedParameters)
            Assert.Equal(TestData.Floats(initial[key]), p.Value.ToArray());   // bit for bit: the same float32 values
    }

    // Same run and tolerance as NetTrainingTests.AdamTrajectoryMatchesPyTorch (k = 6 Adam steps: 1e-6·k).
    [Fact]
    public void TrainingFromPyTorchsCheckpointEndsAtPyTorchsTrainedCheckpoint()
    {
        var d = TestData.Load("net.json");
        var net = Net(20);
        net.LoadSafetensors(Data("net_initial.safetensors"));
        var set = new Dataset(TestData.Floats(d["input"]), new TensorShape(1, 6, 7), TestData.Floats(d["target"]), new TensorShape(2, 6, 7));
        var result = Trainer.Fit(net, set, new MseLoss(), new Adam(learningRate: 0.01), new TrainingOptions { Epochs = 3, BatchSize = 4 });
        Assert.False(result.Diverged);
        var trained = Net(30);
        trained.LoadSafetensors(Data("net_trained.safetensors"));
        for (int i = 0; i < net.Parameters.Count; i++)
        {
            var e = trained.Parameters[i].Value.ToArray();
            Tolerance.Close(e, net.Parameters[i].Value, j => 6e-6 + Tolerance.Eps * Math.Abs(e[j]), net.NamedParameters[i].Key);
        }
    }

    [Fact]
    public void SavesStateDictKeysAndShapesAndRoundTrips()
    {
        var net = Net(40);
        string path = Path.Combine(_folder, "model.safetensors");
        net.SaveSafetensors(path);
        var file = SafetensorsFile.Read(path);
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], file.Tensors.Select(t => t.Name).Order());
        Assert.Equal([4L, 1, 3, 3], file.GetFloat32Info("0.weight", [4, 1, 3, 3]).Shape);
        Assert.Equal([2L], file.GetFloat32Info("2.bias", [2]).Shape);
        var copy = Net(41);
        Assert.NotEqual(Snapshot(net)[0], Snapshot(copy)[0]);
        copy.LoadSafetensors(path);
        Assert.Equal(Snapshot(net), Snapshot(copy));
    }

    [Fact]
    public void PrefixSelectsASubModel()
    {
        var net = Net(50);
        string path = Path.Combine(_folder, "prefixed.safetensors");
        net.SaveSafetensors(path, prefix: "features.");
        Assert.Contains(SafetensorsFile.Read(path).Tensors, t => t.Name == "features.2.weight");
        var copy = Net(51);
        copy.LoadSafetensors(path, prefix: "features.");
        Assert.Equal(Snapshot(net), Snapshot(copy));
        Assert.Throws<InvalidDataException>(() => Net(52).LoadSafetensors(path));   // no un-prefixed keys
    }

    [Fact]
    public void BadFilesChangeNothing()
    {
        var source = Net(60);
        var tensors = source.ToSafetensors().ToList();

        string extra = Path.Combine(_folder, "extra.safetensors");
        SafetensorsWriter.Write(extra, [.. tensors, new SafetensorsTensor("4.weight", [1], new float[] { 1 })]);
        var target = Net(61);
        var before = Snapshot(target);
        var e = Assert.Throws<InvalidDataException>(() => target.LoadSafetensors(extra));
        Assert.Contains("'4.weight'", e.Message);
        Assert.Equal(before, Snapshot(target));
        target.LoadSafetensors(extra, strict: false);
        Assert.Equal(Snapshot(source), Snapshot(target));

        string missing = Path.Combine(_folder, "missing.safetensors");
        SafetensorsWriter.Write(missing, tensors.Where(t => t.Name != "2.bias"));
        target = Net(62);
        before = Snapshot(target);
        e = Assert.Throws<InvalidDataException>(() => target.LoadSafetensors(missing));
        Assert.Contains("'2.bias'", e.Message);
        Assert.Equal(before, Snapshot(target));

        string shape = Path.Combine(_folder, "shape.safetensors");
        SafetensorsWriter.Write(shape, tensors.Select(t => t.Name == "2.weight" ? new SafetensorsTensor("2.weight", [2, 4, 9], t.Data) : t));
        target = Net(63);
        before = Snapshot(target);
        e = Assert.Throws<InvalidDataException>(() => target.LoadSafetensors(shape));
        Assert.Contains("[2, 4, 3, 3]", e.Message);
        Assert.Contains("[2, 4, 9]", e.Message);
        Assert.Equal(before, Snapshot(target));
    }
}
