using System.Globalization;

namespace FilterBank;

/// <summary>Command-line options.</summary>
internal sealed record Options
{
    public int Epochs { get; init; } = 60;
    public int BatchSize { get; init; } = 16;
    public double LearningRate { get; init; } = 0.01;
    public int Images { get; init; } = 256;
    public int Size { get; init; } = 32;
    public int Seed { get; init; } = 1;
    public string? Plots { get; init; }
    public string Model { get; init; } = Path.Combine(Path.GetTempPath(), "convgen-filterbank", "model.safetensors");
    public bool Help { get; init; }

    public const string Usage =
        """
        usage: dotnet run --project samples/FilterBank -- [options]
          --epochs N      passes over the data (default 60)
          --batch N       mini-batch size (default 16)
          --lr X          Adam learning rate (default 0.01)
          --images N      training images to draw (default 256)
          --size N        image height and width (default 32)
          --seed N        seed for the images, the shuffling and the initial weights (default 1)
          --plots DIR     write loss.png, kernels.png and example.png into DIR
          --model PATH    where to save the trained model (default: a temp folder)
        """;

    public static bool TryParse(string[] args, out Options options, out string error)
    {
        options = new Options();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                options = options with { Help = true };
                continue;
            }
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return false;
            }
            string value = args[++i];
            bool ok = true;
            switch (name)
            {
                case "--epochs": ok = Int(value, 0, out int e); options = options with { Epochs = e }; break;
                case "--batch": ok = Int(value, 1, out int b); options = options with { BatchSize = b }; break;
                case "--images": ok = Int(value, 1, out int n); options = options with { Images = n }; break;
                case "--size": ok = Int(value, 4, out int s); options = options with { Size = s }; break;
                case "--seed": ok = Int(value, int.MinValue, out int seed); options = options with { Seed = seed }; break;
                case "--lr":
                    ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double lr) && lr > 0;
                    options = options with { LearningRate = lr };
                    break;
                case "--plots": options = options with { Plots = value }; break;
                case "--model": options = options with { Model = value }; break;
                default:
                    error = $"unknown option {name}.";
                    return false;
            }
            if (!ok)
            {
                error = $"{name}: '{value}' is not a valid value.";
                return false;
            }
        }
        return true;
    }

    private static bool Int(string text, int min, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min;
}
