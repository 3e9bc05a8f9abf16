using System.Globalization;
using ConvGen.Training;

namespace FilterBank;

/// <summary>
/// A one-line console progress bar fed by the trainer's per-batch hook. On a terminal it redraws in place;
/// when the output is redirected it stays quiet and only the per-epoch lines are printed.
/// </summary>
internal sealed class Progress(int epochs)
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsOutputRedirected;

    public void OnBatch(BatchReport r)
    {
        if (!_interactive)
            return;
        double done = ((r.Epoch - 1) + (double)r.Batch / r.BatchCount) / epochs;
        int filled = (int)(done * Width);
        Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] epoch {r.Epoch}/{epochs} " +
                      $"batch {r.Batch}/{r.BatchCount} loss {r.Loss.ToString("F5", CultureInfo.InvariantCulture)} {r.Elapsed.TotalSeconds:F1}s ");
    }

    public void OnEpoch(EpochReport r)
    {
        // Print the loss curve as it goes: the first epochs, then every tenth, and the last.
        if (r.Epoch <= 3 || r.Epoch % 10 == 0 || r.Epoch == epochs)
        {
            if (_interactive)
                Console.Write("\r" + new string(' ', Width + 60) + "\r");
            Console.WriteLine($"epoch {r.Epoch,4}  loss {r.Loss.ToString("F6", CultureInfo.InvariantCulture)}  ({r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
        }
    }
}
