using ScottPlot;

namespace EdgeDetection;

/// <summary>
/// Pictures of the chapter, written as PNG files with ScottPlot: the input image, the detected edges, the
/// learned kernel (heatmaps with each cell's value printed on it) and the loss curve per epoch.
/// </summary>
internal static class Plots
{
    private const int CellPixels = 70;

    /// <summary>Writes every picture into <paramref name="folder"/> (created if missing) and returns the files written.</summary>
    /// <param name="folder">Output folder.</param>
    /// <param name="image">The input X.</param>
    /// <param name="edges">Y = corr2d(X, [[1, −1]]).</param>
    /// <param name="learnedKernel">The learned weights, <c>[kernelHeight, kernelWidth]</c>.</param>
    /// <param name="losses">The loss of every epoch, in order.</param>
    public static IReadOnlyList<string> WriteAll(string folder, float[,] image, float[,] edges, float[,] learnedKernel, IReadOnlyList<float> losses) =>
    [
        Image(folder, image),
        Edges(folder, edges),
        Kernel(folder, learnedKernel),
        LossCurve(folder, losses),
    ];

    /// <summary>The input image as a grey-scale heatmap (<c>input.png</c>).</summary>
    public static string Image(string folder, float[,] image, string fileName = "input.png") =>
        Heatmap(folder, fileName, image, "input X (1 = white, 0 = black)", new ScottPlot.Colormaps.Grayscale(), new ScottPlot.Range(0, 1), "F0");

    /// <summary>The detected edges: +1 (white to black) and −1 (black to white) on a diverging colour scale (<c>edges.png</c>).</summary>
    public static string Edges(string folder, float[,] edges, string fileName = "edges.png") =>
        Heatmap(folder, fileName, edges, "edges Y = corr2d(X, [[1, -1]])", new ScottPlot.Colormaps.Balance(), new ScottPlot.Range(-1, 1), "F0");

    /// <summary>A learned kernel with its weights printed on the cells (<c>kernel.png</c>).</summary>
    public static string Kernel(string folder, float[,] kernel, string fileName = "kernel.png", string title = "learned kernel (true: [[1, -1]])") =>
        Heatmap(folder, fileName, kernel, title, new ScottPlot.Colormaps.Balance(), new ScottPlot.Range(-1.2, 1.2), "F3");

    /// <summary>The loss per epoch on a logarithmic axis, since it falls by orders of magnitude (<c>loss.png</c>).</summary>
    public static string LossCurve(string folder, IReadOnlyList<float> losses, string fileName = "loss.png")
    {
        ArgumentNullException.ThrowIfNull(losses);
        var plot = new Plot();
        double[] epochs = [.. Enumerable.Range(1, losses.Count).Select(e => (double)e)];
        // ScottPlot draws linear axes: plot log10(loss) and label the ticks with the loss itself.
        double[] logLoss = [.. losses.Select(l => Math.Log10(Math.Max(l, 1e-12f)))];
        var line = plot.Add.Scatter(epochs, logLoss);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Title("squared loss per epoch");
        plot.XLabel("epoch");
        plot.YLabel("loss (log scale)");
        return Save(plot, folder, fileName, 640, 420);
    }

    private static string Heatmap(string folder, string fileName, float[,] values, string title,
                                  IColormap colormap, ScottPlot.Range range, string format)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[i, j] = values[i, j];
        var plot = new Plot();
        var map = plot.Add.Heatmap(data);
        map.Colormap = colormap;
        map.ManualRange = range;
        plot.Add.ColorBar(map);
        // Print each value on its cell, in a colour that stays readable on both ends of the scale.
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                double v = values[i, j] == 0 ? 0 : values[i, j];   // no "-0"
                var label = plot.Add.Text(v.ToString(format, System.Globalization.CultureInfo.InvariantCulture), j, rows - 1 - i);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = 14;
                double t = (v - range.Min) / (range.Max - range.Min);
                label.LabelFontColor = colormap is ScottPlot.Colormaps.Grayscale
                    ? (t > 0.5 ? Colors.Black : Colors.White)
                    : (Math.Abs(t - 0.5) > 0.3 ? Colors.White : Colors.Black);
            }
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "column";
        plot.Axes.Left.Label.Text = "row";
        // Rows are numbered from the top, as in the printed matrix.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))], [.. Enumerable.Range(0, rows).Select(i => i.ToString())]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, cols).Select(j => (double)j)], [.. Enumerable.Range(0, cols).Select(j => j.ToString())]);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);   // the cells fill the frame
        return Save(plot, folder, fileName, Math.Max(420, 160 + cols * CellPixels), Math.Max(260, 120 + rows * CellPixels));
    }

    private static string Save(Plot plot, string folder, string fileName, int width, int height)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        plot.SavePng(path, width, height);
        return path;
    }
}
