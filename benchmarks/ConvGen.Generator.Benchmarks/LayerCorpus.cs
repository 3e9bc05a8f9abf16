using System.Text;

namespace ConvGen.Generator.Benchmarks;

/// <summary>Source files declaring many layers of varied shapes, as a large project would.</summary>
internal static class LayerCorpus
{
    /// <summary><paramref name="layers"/> layers spread over files of ten, plus one file of ordinary code.</summary>
    public static string[] Files(int layers)
    {
        var files = new List<string>();
        for (int start = 0; start < layers; start += 10)
        {
            var file = new StringBuilder($"using ConvGen;\nnamespace Model.Block{start / 10};\n");
            for (int i = start; i < Math.Min(layers, start + 10); i++)
                file.Append(Layer(i)).Append('\n');
            files.Add(file.ToString());
        }
        files.Add(Unrelated(0));
        return [.. files];
    }

    /// <summary>The ordinary-code file, with a counter that an edit changes.</summary>
    public static string Unrelated(int version) =>
        $"namespace Model;\n// revision {version}\npublic static class Settings {{ public static int Revision => {version}; }}\n";

    /// <summary>One layer; the shapes cycle through kernels, channels, strides, padding modes, groups and fixed sizes.</summary>
    public static string Layer(int i, int kernelBump = 0)
    {
        int k = 1 + (i % 5) + kernelBump, c = 1 + (i % 4);
        string options = (i % 6) switch
        {
            0 => $"InChannels = {c}, OutChannels = {2 * c}",
            1 => $"InChannels = {c}, OutChannels = {c}, Groups = {c}, Padding = 1",
            2 => $"Stride = 2, Padding = {k / 2}",
            3 => $"Dilation = 2, Padding = {k - 1}, PaddingMode = PaddingMode.Reflect",
            4 => $"InChannels = {c}, InputHeight = {16 + k}, InputWidth = {16 + k}, PaddingKind = PaddingKind.Same",
            _ => "Bias = false",
        };
        return $"[ConvLayer({k}, {k}, {options})] public partial class Layer{i} {{ }}";
    }
}
