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
    private sealed record Row(string Type, string Category, string Method, double MedianNs, double? Flops, long? Allocated);

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
        md.AppendLine("Speed-up = the row's median / ConvGen's median in the same class and category (how many times faster ConvGen is; < 1 means slower).");
        md.AppendLine();
        md.AppendLine("| Class | Category | Method | Median | ConvGen speed-up | GFLOP/s | % peak | Allocated |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows.OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Category).ThenBy(r => MethodOrder(r.Method)))
        {
            var baseline = Find(rows, r.Type, r.Category, r.Category == Category.Backward ? "ConvGenBackward" : "ConvGen");
            string speedup = baseline is null || r.Type == nameof(FmaPeak) ? "-" : F(r.MedianNs / baseline.MedianNs, 2) + "×";
            string gflops = r.Flops is double fl ? Gflops(fl / r.MedianNs) : "-";
            string pct = r.Flops is double fl2 && peak is double pk2 ? F(100 * fl2 / r.MedianNs / pk2, 1) + "%" : "-";
            md.AppendLine($"| {r.Type} | {r.Category} | {r.Method} | {Time(r.MedianNs)} | {speedup} | {gflops} | {pct} | {Bytes(r.Allocated)} |");
        }
        md.AppendLine();
        md.AppendLine("### Issue 4 targets");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Met |");
        md.AppendLine("|---|---|---|");
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

    private static IEnumerable<string> Targets(List<Row> rows, double? peak)
    {
        string Speedup(string type, string cat, string baseline, params string[] peers)
        {
            var b = Find(rows, type, cat, baseline);
            var ps = peers.Select(p => Find(rows, type, cat, p)).Where(p => p is not null).ToList();
            if (b is null || ps.Count == 0) return "";
            return F(ps.Min(p => p!.MedianNs) / b.MedianNs, 2);
        }
        IEnumerable<string> Ratio(string what, string type, string cat, string baseline, double goal, params string[] peers)
        {
            string s = Speedup(type, cat, baseline, peers);
            if (s == "") { yield return $"| {what} | not measured | - |"; yield break; }
            double v = double.Parse(s, CultureInfo.InvariantCulture);
            yield return $"| {what} | {s}× | {(v >= goal ? "yes" : $"**no** ({F(v / goal * 100, 0)}% of the goal)")} |";
        }
        IEnumerable<string> Peak(string what, string type, string method, double goalPct)
        {
            var r = Find(rows, type, Category.Forward, method);
            if (r?.Flops is not double fl || peak is not double pk) { yield return $"| {what} | not measured | - |"; yield break; }
            double v = 100 * fl / r.MedianNs / pk;
            yield return $"| {what} | {F(v, 1)}% | {(v >= goalPct ? "yes" : $"**no** ({F(goalPct - v, 1)} points short)")} |";
        }

        foreach (var l in Ratio("S1 ≥ 100× faster than TorchSharp", "S1", Category.Forward, "ConvGen", 100, "TorchSharp")) yield return l;
        foreach (var l in Ratio("S1 ≥ 2× faster than the naive loop", "S1", Category.Forward, "ConvGen", 2, "Naive")) yield return l;
        foreach (var l in Ratio("Training step ≥ 500× faster than TorchSharp", nameof(TrainingStep), "", "ConvGen", 500, "TorchSharp")) yield return l;
        foreach (var l in Ratio("S2 ≥ 10× faster than the faster of TorchSharp/ORT", "S2", Category.Forward, "ConvGen", 10, "TorchSharp", "OnnxRuntime")) yield return l;
        foreach (var l in Ratio("S3 ≥ 10× faster than the faster of TorchSharp/ORT", "S3", Category.Forward, "ConvGen", 10, "TorchSharp", "OnnxRuntime")) yield return l;
        foreach (var l in Peak("S3 ≥ 40% of peak", "S3", "ConvGen", 40)) yield return l;
        foreach (var l in Ratio("S4 ≥ 2× faster than ORT", "S4", Category.Forward, "ConvGen", 2, "OnnxRuntime")) yield return l;
        foreach (var l in Ratio("S5 ≥ 1.5× faster than ORT", "S5", Category.Forward, "ConvGen", 1.5, "OnnxRuntime")) yield return l;
        foreach (var l in Ratio("S6 ≥ 0.9× TorchSharp's speed", "S6", Category.Forward, "ConvGen", 0.9, "TorchSharp")) yield return l;
        foreach (var l in Peak("S6 ≥ 75% of peak", "S6", "ConvGen", 75)) yield return l;
        foreach (var l in Ratio("S7 ≥ 2× faster than the faster peer", "S7", Category.Forward, "ConvGen", 2, "TorchSharp", "OnnxRuntime")) yield return l;
        foreach (var s in new[] { "S3", "S4", "S5", "S6" })
        {
            var f = Find(rows, s, Category.Forward, "ConvGen");
            var b = Find(rows, s, Category.Backward, "ConvGenBackward");
            if (f is null || b is null) { yield return $"| {s} backward ≤ 2.5× forward | not measured | - |"; continue; }
            double v = b.MedianNs / f.MedianNs;
            yield return $"| {s} backward ≤ 2.5× forward | {F(v, 2)}× | {(v <= 2.5 ? "yes" : $"**no** ({F(v / 2.5, 2)}× over)")} |";
        }
        var convGen = rows.Where(r => r.Method is "ConvGen" or "ConvGenBackward" && r.Type != nameof(TrainingStep)).ToList();
        if (convGen.Count == 0) yield return "| 0 B allocated per Forward/Backward | not measured | - |";
        else
        {
            // BenchmarkDotNet divides all bytes allocated during the run by the operations; a few bytes per
            // operation come from the runtime itself (tiering, diagnostics) and also show on the FMA loop. The
            // smallest .NET object is 24 B, so less than that per operation cannot be an allocation in every call.
            const int SmallestObject = 24;
            var bad = convGen.Where(r => r.Allocated is null or >= SmallestObject).Select(r => $"{r.Type}.{r.Method} {Bytes(r.Allocated)}").ToList();
            var stray = convGen.Where(r => r.Allocated is > 0 and < SmallestObject).Select(r => $"{r.Type}.{r.Method} {Bytes(r.Allocated)}").ToList();
            string measured = bad.Count > 0 ? string.Join(", ", bad)
                : stray.Count == 0 ? $"0 B in all {convGen.Count}"
                : $"0 B in {convGen.Count - stray.Count} of {convGen.Count}; runtime background bytes (< 24 B/op, not a per-call allocation) in {string.Join(", ", stray)}";
            yield return $"| 0 B allocated per Forward/Backward | {measured} | {(bad.Count == 0 ? "yes" : "**no**")} |";
        }
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
