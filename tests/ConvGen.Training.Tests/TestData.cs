using System.Text.Json.Nodes;

namespace ConvGen.Training.Tests;

/// <summary>Reads the JSON vectors written by tests/vectors/training.py (real PyTorch).</summary>
internal static class TestData
{
    public static JsonNode Load(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", file)))!;

    /// <summary>The JSON numbers are the exact float32 values PyTorch held, written as doubles.</summary>
    public static float[] Floats(JsonNode? node) => node!.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();
}
