using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace ConvGen.Benchmarks;

/// <summary>
/// Post-processing after the run: one table over every class (median, speed-up of ConvGen, GFLOP/s,
/// % of the FMA peak measured in the same run, allocations) and the issue-4 targets checked against it.
/// Written as Markdown to <c>BenchmarkDotNet.Artifacts/results/ConvGen-report.md</c> and printed.
/// </summary>
public static class SummaryReport
{
    private sealed record Row(string Type, string Category, string Method, double MedianNs, double MinNs, double? Flops, long? Allocated);

    /// <summary>Builds the report from this run's summaries; returns the file written (null if nothing ran).</summary>
    public static string? Write(IEnumerable<Summary> summaries)
    {
        var list = summaries.ToList();
        var rows = (from summary in list
                    from report in summary.Reports
                    where report.ResultStatistics is not null
                    let bc = report.BenchmarkCase
                    select new Row(bc.Descriptor.Type.Name,
                                   bc.Descriptor.Categories.FirstOrDefault() ?? "",
                                   bc.Descriptor.WorkloadMethod.Name,
                                   report.ResultStatistics!.Median,
                                   report.ResultStatistics!.Min,
                                   Flops.Of(bc),
                                   report.GcStats.GetBytesAllocatedPerOperation(bc))).ToList();
        if (rows.Count == 0) return null;

        // The peak is an upper bound that contention on a shared machine can only lower, so it is taken
        // from the FMA loop's fastest iteration, not its median (every other row uses the median).
        var peakReport = list.SelectMany(s => s.Reports)
                             .FirstOrDefault(r => r.BenchmarkCase.Descriptor.Type == typeof(FmaPeak) && r.ResultStatistics is not null);
        double? peak = peakReport is null ? null : Flops.Of(peakReport.BenchmarkCase) / peakReport.ResultStatistics!.Min;
        var md = new StringBuilder();
        md.AppendLine(peak is double pk
            ? $"FP32 FMA peak measured in this run (1 core, Vector256, 12 chains, fastest iteration): **{F(pk, 1)} GFLOP/s**; % peak below is relative to it."
            : "FP32 FMA peak not measured in this run (FmaPeak was filtered out): no % of peak.");
        md.AppendLine();
        md.AppendLine("Speed-up = the row's median / ConvGen's median in the same class and category (how many times faster ConvGen is; < 1 means slower). "
                    + "GFLOP/s and % peak use the median. Min is the fastest iteration: on a shared machine it is the least disturbed one, "
                    + "so the targets below are also given from the minima.");
        md.AppendLine();
        md.AppendLine("| Class | Category | Method | Median | Min | ConvGen speed-up | GFLOP/s | % peak | Allocated |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows.OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Category).ThenBy(r => MethodOrder(r.Method)))
        {
            var baseline = Find(rows, r.Type, r.Category, r.Category == Category.Backward ? "ConvGenBackward" : "ConvGen");
            string speedup = baseline is null || r.Type == nameof(FmaPeak) ? "-" : F(r.MedianNs / baseline.MedianNs, 2) + "×";
            string gflops = r.Flops is double fl ? Gflops(fl / r.MedianNs) : "-";
            string pct = r.Flops is double fl2 && peak is double pk2 ? F(100 * fl2 / r.MedianNs / pk2, 1) + "%" : "-";
            md.AppendLine($"| {r.Type} | {r.Category} | {r.Method} | {Time(r.MedianNs)} | {Time(r.MinNs)} | {speedup} | {gflops} | {pct} | {Bytes(r.Allocated)} |");
        }
        md.AppendLine();
        md.AppendLine("### Issue 4 targets");
        md.AppendLine();
        foreach (var line in Targets(rows, peak)) md.AppendLine(line);

        string dir = list.Select(s => s.ResultsDirectoryPath).FirstOrDefault(d => !string.IsNullOrEmpty(d)) ?? ".";
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "ConvGen-report.md");
        File.WriteAllText(path, md.ToString());
        Console.WriteLine();
        Console.WriteLine(md.ToString());
        Console.WriteLine($"ConvGen report: {path}");
        return path;
    }

    // One line per issue-4 target: the value from the medians (what the issue asks) and from the minima.
    private static IEnumerable<string> Targets(List<Row> rows, double? peak)
    {
        yield return "| Target | From medians | Met | From minima | Met |";
        yield return "|---|---:|---|---:|---|";

        string Line(string what, Func<Func<Row, double>, double?> measure, Func<double, string> show, Func<double, string?> miss)
        {
            string Cell(Func<Row, double> time) => measure(time) is double v ? show(v) : "not measured";
            string Met(Func<Row, double> time) => measure(time) is double v ? miss(v) ?? "yes" : "-";
            return $"| {what} | {Cell(r => r.MedianNs)} | {Met(r => r.MedianNs)} | {Cell(r => r.MinNs)} | {Met(r => r.MinNs)} |";
        }
        // ConvGen's speed-up over the fastest of the given peers.
        string Ratio(string what, string type, string cat, double goal, params string[] peers) => Line(what, time =>
        {
            var b = Find(rows, type, cat, "ConvGen");
            var ps = peers.Select(p => Find(rows, type, cat, p)).OfType<Row>().ToList();
            return b is null || ps.Count == 0 ? null : ps.Min(time) / time(b);
        }, v => F(v, 2) + "×", v => v >= goal ? null : $"**no** ({F(v / goal * 100, 0)}% of the goal)");
        string Peak(string what, string type, double goalPct) => Line(what, time =>
        {
            var r = Find(rows, type, Category.Forward, "ConvGen");
            return r?.Flops is double fl && peak is double pk ? 100 * fl / time(r) / pk : null;
        }, v => F(v, 1) + "%", v => v >= goalPct ? null : $"**no** ({F(goalPct - v, 1)} points short)");
        string Backward(string type) => Line($"{type} backward ≤ 2.5× forward", time =>
        {
            var f = Find(rows, type, Category.Forward, "ConvGen");
            var b = Find(rows, type, Category.Backward, "ConvGenBackward");
            return f is null || b is null ? null : time(b) / time(f);
        }, v => F(v, 2) + "×", v => v <= 2.5 ? null : $"**no** ({F(v / 2.5, 2)}× over)");

        yield return Ratio("S1 ≥ 100× faster than TorchSharp", "S1", Category.Forward, 100, "TorchSharp");
        yield return Ratio("S1 ≥ 2× faster than the naive loop", "S1", Category.Forward, 2, "Naive");
        yield return Ratio("Training step ≥ 500× faster than TorchSharp", nameof(TrainingStep), "", 500, "TorchSharp");
        yield return Ratio("S2 ≥ 10× faster than the faster of TorchSharp/ORT", "S2", Category.Forward, 10, "TorchSharp", "OnnxRuntime");
        yield return Ratio("S3 ≥ 10× faster than the faster of TorchSharp/ORT", "S3", Category.Forward, 10, "TorchSharp", "OnnxRuntime");
        yield return Peak("S3 ≥ 40% of peak", "S3", 40);
        yield return Ratio("S4 ≥ 2× faster than ORT", "S4", Category.Forward, 2, "OnnxRuntime");
        yield return Ratio("S5 ≥ 1.5× faster than ORT", "S5", Category.Forward, 1.5, "OnnxRuntime");
        yield return Ratio("S6 ≥ 0.9× TorchSharp's speed", "S6", Category.Forward, 0.9, "TorchSharp");
        yield return Peak("S6 ≥ 75% of peak", "S6", 75);
        yield return Ratio("S7 ≥ 2× faster than the faster peer", "S7", Category.Forward, 2, "TorchSharp", "OnnxRuntime");
        foreach (var s in new[] { "S3", "S4", "S5", "S6" }) yield return Backward(s);

        var convGen = rows.Where(r => r.Method is "ConvGen" or "ConvGenBackward" && r.Type != nameof(TrainingStep)).ToList();
        if (convGen.Count == 0) { yield return "| 0 B allocated per Forward/Backward | not measured | - | | |"; yield break; }
        // BenchmarkDotNet divides all bytes allocated during the run by the operations; a few bytes per
        // operation come from the runtime itself (tiering, diagnostics) and also show on the FMA loop. The
        // smallest .NET object is 24 B, so less than that per operation cannot be an allocation in every call.
        const int SmallestObject = 24;
        var bad = convGen.Where(r => r.Allocated is null or >= SmallestObject).Select(r => $"{r.Type}.{r.Method} {Bytes(r.Allocated)}").ToList();
        var stray = convGen.Where(r => r.Allocated is > 0 and < SmallestObject).Select(r => $"{r.Type}.{r.Method} {Bytes(r.Allocated)}").ToList();
        string measured = bad.Count > 0 ? string.Join(", ", bad)
            : stray.Count == 0 ? $"0 B in all {convGen.Count}"
            : $"0 B in {convGen.Count - stray.Count} of {convGen.Count}; runtime background bytes (< 24 B/op, not a per-call allocation) in {string.Join(", ", stray)}";
        yield return $"| 0 B allocated per Forward/Backward | {measured} | {(bad.Count == 0 ? "yes" : "**no**")} | | |";
    }

    private static Row? Find(List<Row> rows, string type, string category, string method) =>
        rows.FirstOrDefault(r => r.Type == type && r.Category == category && r.Method == method);

    private static int MethodOrder(string method) => method switch
    {
        "ConvGen" or "ConvGenBackward" => 0,
        "Naive" => 1,
        "TorchSharp" or "TorchSharpBackward" => 2,
        "OnnxRuntime" => 3,
        _ => 4,
    };

    /// <summary>GFLOP/s with three significant digits (S1 runs at a few hundredths).</summary>
    public static string Gflops(double v) => v >= 100 ? F(v, 0) : v >= 10 ? F(v, 1) : v >= 1 ? F(v, 2) : v.ToString("G3", CultureInfo.InvariantCulture);

    private static string F(double v, int digits) => v.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string Time(double ns) => ns switch
    {
        < 1e3 => F(ns, 1) + " ns",
        < 1e6 => F(ns / 1e3, 2) + " µs",
        _ => F(ns / 1e6, 2) + " ms",
    };

    private static string Bytes(long? b) => b switch
    {
        null => "?",
        < 1024 => $"{b} B",
        _ => F(b.Value / 1024.0, 2) + " KB",
    };
}
