using System.Globalization;

namespace EdgeDetection;

/// <summary>Command-line options of the sample.</summary>
internal sealed record Options
{
    public const string Usage =
        "usage: dotnet run --project samples/EdgeDetection -- [--init a,b] [--seed N] [--epochs N] [--lr X] [--plots DIR]\n" +
        "  --init a,b   start from the kernel [[a, b]] instead of PyTorch's random initialisation\n" +
        "  --seed N     seed the random initialisation (ignored with --init)\n" +
        "  --epochs N   training epochs (default 10)\n" +
        "  --lr X       learning rate (default 0.03)\n" +
        "  --plots DIR  also write input.png, edges.png, kernel.png and loss.png into DIR";

    public (float A, float B)? Init { get; private init; }
    public int? Seed { get; private init; }
    public int Epochs { get; private init; } = 10;
    public float LearningRate { get; private init; } = 0.03f;
    public bool Help { get; private init; }
    public string? PlotsFolder { get; private init; }

    public static bool TryParse(string[] args, out Options options, out string error)
    {
        options = new Options();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help") { options = options with { Help = true }; continue; }
            if (i + 1 >= args.Length) { error = $"option {name} needs a value"; return false; }
            string value = args[++i];
            switch (name)
            {
                case "--init":
                    var parts = value.Split(',');
                    if (parts.Length != 2 || !TryFloat(parts[0], out float a) || !TryFloat(parts[1], out float b))
                    { error = $"--init expects two numbers like 0.5,-0.3; got '{value}'"; return false; }
                    options = options with { Init = (a, b) };
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
                    { error = $"--seed expects an integer; got '{value}'"; return false; }
                    options = options with { Seed = seed };
                    break;
                case "--epochs":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int epochs) || epochs < 0)
                    { error = $"--epochs expects a whole number >= 0; got '{value}'"; return false; }
                    options = options with { Epochs = epochs };
                    break;
                case "--lr":
                    if (!TryFloat(value, out float lr) || !(lr > 0) || !float.IsFinite(lr))
                    { error = $"--lr expects a positive number; got '{value}'"; return false; }
                    options = options with { LearningRate = lr };
                    break;
                case "--plots":
                    if (string.IsNullOrWhiteSpace(value))
                    { error = "--plots expects a folder"; return false; }
                    options = options with { PlotsFolder = value };
                    break;
                default:
                    error = $"unknown option '{name}'";
                    return false;
            }
        }
        return true;
    }

    private static bool TryFloat(string s, out float value) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
}
