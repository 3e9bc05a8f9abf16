using System.Globalization;
using ScottPlot;

namespace FilterBank;

/// <summary>The sample's pictures (ScottPlot): the loss curve, learned vs true kernels, and one example image.</summary>
internal static class Plots
{
    /// <summary>The loss per epoch on a logarithmic axis (<c>loss.png</c>).</summary>
    public static string LossCurve(string folder, IReadOnlyList<float> losses)
    {
        var plot = new Plot();
        double[] epochs = [.. Enumerable.Range(1, losses.Count).Select(e => (double)e)];
        // ScottPlot draws linear axes: plot log10(loss) and label the ticks with the loss itself.
        double[] logLoss = [.. losses.Select(l => Math.Log10(Math.Max(l, 1e-12f)))];
        var line = plot.Add.Scatter(epochs, logLoss);
        line.LineWidth = 2;
        line.MarkerSize = losses.Count > 60 ? 0 : 5;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };
        plot.Title("mean squared error per epoch (Adam, mini-batches)");
        plot.XLabel("epoch");
        plot.YLabel("loss (log scale)");
        return Save(plot, folder, "loss.png", 720, 440);
    }

    /// <summary>
    /// The true 3x3 kernels (top row) above the ones the net learned (bottom row), each with its values printed
    /// (<c>kernels.png</c>).
    /// </summary>
    public static string Kernels(string folder, string[] names, float[][] truth, float[][] learned)
    {
        var plot = new Plot();
        for (int f = 0; f < names.Length; f++)
        {
            // One colour scale per filter, symmetric around 0, so the two kernels of a column compare directly.
            double limit = truth[f].Max(v => Math.Abs(v)) * 1.1;
            double x0 = f * 4.5;
            Grid(plot, Square(truth[f], 3), x0, 4.5, new ScottPlot.Colormaps.Balance(), -limit, limit, "F2");
            Grid(plot, Square(learned[f], 3), x0, 0, new ScottPlot.Colormaps.Balance(), -limit, limit, "F2");
            Label(plot, $"{names[f]} (true)", x0 + 1, 7.9);
            Label(plot, $"{names[f]} (learned)", x0 + 1, 3.4);
        }
        // A frameless plot has no title panel: the title is a label above the grids.
        Label(plot, "filter bank: true kernels (top), learned by the net (bottom)", 3 * 4.5 / 2 - 1, 8.9, 17);
        plot.Axes.SetLimits(-0.7, 3 * 4.5 - 1.3, -0.7, 9.3);
        plot.HideGrid();
        plot.Axes.Frameless();
        return Save(plot, folder, "kernels.png", 900, 640);
    }

    /// <summary>One input image, its three target maps (top) and the model's outputs (bottom) (<c>example.png</c>).</summary>
    public static string Example(string folder, int size, ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> output, string[] names)
    {
        var plot = new Plot();
        double step = size + 4;
        Grid(plot, Square(input, size), 0, step / 2, new ScottPlot.Colormaps.Grayscale(), 0, 1, null);
        Label(plot, "input", size / 2.0, step / 2 + size + 1);
        for (int f = 0; f < names.Length; f++)
        {
            var t = target.Slice(f * size * size, size * size);
            var o = output.Slice(f * size * size, size * size);
            double limit = Math.Max(1e-6, Max(t));
            double x0 = (f + 1) * step;
            Grid(plot, Square(t, size), x0, step, new ScottPlot.Colormaps.Balance(), -limit, limit, null);
            Grid(plot, Square(o, size), x0, 0, new ScottPlot.Colormaps.Balance(), -limit, limit, null);
            Label(plot, $"{names[f]}: target", x0 + size / 2.0, step + size + 1);
            Label(plot, $"{names[f]}: model", x0 + size / 2.0, size + 1);
        }
        Label(plot, "an unseen image: the filter bank's outputs (top) and the trained net's (bottom)", 2 * step - 2, 2 * step + 4, 17);
        plot.Axes.SetLimits(-1, 4 * step - 3, -1, 2 * step + 6);
        plot.HideGrid();
        plot.Axes.Frameless();
        return Save(plot, folder, "example.png", 1100, 620);
    }

    private static double Max(ReadOnlySpan<float> values)
    {
        double m = 0;
        foreach (float v in values) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    private static double[,] Square(ReadOnlySpan<float> values, int n)
    {
        var data = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                data[i, j] = values[i * n + j];
        return data;
    }

    /// <summary>A heatmap whose cell (0, 0) is drawn at the top left, centred on (x0, y0 + n − 1).</summary>
    private static void Grid(Plot plot, double[,] data, double x0, double y0, IColormap colormap, double min, double max, string? format)
    {
        int n = data.GetLength(0);
        var map = plot.Add.Heatmap(data);
        map.Colormap = colormap;
        map.ManualRange = new ScottPlot.Range(min, max);
        // Position gives the centres of the corner cells; the drawn area is half a cell larger on each side.
        map.Position = new CoordinateRect(x0, x0 + n - 1, y0, y0 + n - 1);
        if (format is null)
            return;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = Math.Round(data[i, j], 2);
                if (v == 0) v = 0;   // no "-0.00"
                var text = plot.Add.Text(v.ToString(format, CultureInfo.InvariantCulture), x0 + j, y0 + n - 1 - i);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 15;
                double t = (v - min) / (max - min);
                text.LabelFontColor = Math.Abs(t - 0.5) > 0.3 ? Colors.White : Colors.Black;
            }
    }

    private static void Label(Plot plot, string text, double x, double y, float fontSize = 15)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelAlignment = Alignment.MiddleCenter;
        label.LabelFontSize = fontSize;
        label.LabelBold = true;
    }

    private static string Save(Plot plot, string folder, string fileName, int width, int height)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        plot.SavePng(path, width, height);
        return path;
    }
}
