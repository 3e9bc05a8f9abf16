using System.Globalization;

namespace EmbeddedInference;

/// <summary>Command-line options (parsed by hand: no reflection, nothing for the trimmer to keep).</summary>
internal sealed record Options
{
    public const string Usage =
        "usage: EmbeddedInference --weights W.safetensors --input X.safetensors [--output Y.safetensors]\n" +
        "                         [--prefix conv1.] [--repeat N] [--expected E.safetensors]\n" +
        "  --weights   the layer's weight and bias ({prefix}weight [4, 3, 3, 3], {prefix}bias [4])\n" +
        "  --prefix    key prefix of the layer inside a model's state_dict (default none)\n" +
        "  --input     a file with tensor 'input', [N, 3, H, W]\n" +
        "  --output    where to write tensor 'output', [N, 4, H - 2, W - 2]\n" +
        "  --repeat    run the layer N times and report latency and allocated bytes (default 1)\n" +
        "  --expected  a file with tensor 'output' to compare against (e.g. PyTorch's)";

    public string? Weights { get; private init; }
    public string Prefix { get; private init; } = "";
    public string? Input { get; private init; }
    public string? Output { get; private init; }
    public string? Expected { get; private init; }
    public int Repeat { get; private init; } = 1;

    public static bool TryParse(string[] args, out Options options, out string error)
    {
        options = new Options();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length) { error = $"option {name} needs a value"; return false; }
            string value = args[++i];
            switch (name)
            {
                case "--weights": options = options with { Weights = value }; break;
                case "--prefix": options = options with { Prefix = value }; break;
                case "--input": options = options with { Input = value }; break;
                case "--output": options = options with { Output = value }; break;
                case "--expected": options = options with { Expected = value }; break;
                case "--repeat":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
                    { error = $"--repeat expects a positive integer; got '{value}'"; return false; }
                    options = options with { Repeat = n };
                    break;
                default: error = $"unknown option {name}"; return false;
            }
        }
        if (options.Weights is null || options.Input is null)
        { error = "--weights and --input are required"; return false; }
        return true;
    }
}
