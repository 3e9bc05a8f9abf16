using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

namespace ConvGen.Generator.Tests.Support;

/// <summary>
/// Golden-file checks with Verify's conventions: the expected text is <c>{Class}.{Method}_{name}.verified.cs</c>
/// beside the test file. On a mismatch the test fails with a line diff and writes the actual text as
/// <c>.received.cs</c>; set CONVGEN_ACCEPT=1 to accept it. A missing snapshot always fails under CI.
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "", [CallerMemberName] string method = "")
    {
        string directory = Path.GetDirectoryName(testFile)!;
        string stem = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(testFile)}.{method}_{name}");
        string verifiedPath = stem + ".verified.cs", receivedPath = stem + ".received.cs";
        string text = Normalise(actual);

        bool accept = Environment.GetEnvironmentVariable("CONVGEN_ACCEPT") == "1";
        bool ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        if (!File.Exists(verifiedPath))
        {
            if (accept && !ci) { File.WriteAllText(verifiedPath, text, new UTF8Encoding(false)); return; }
            File.WriteAllText(receivedPath, text, new UTF8Encoding(false));
            Assert.Fail($"No snapshot {Path.GetFileName(verifiedPath)}; the output was written to {Path.GetFileName(receivedPath)}. Review it and rerun with CONVGEN_ACCEPT=1 to accept.");
        }

        string expected = Normalise(File.ReadAllText(verifiedPath));
        if (expected == text)
        {
            File.Delete(receivedPath);
            return;
        }
        if (accept && !ci) { File.WriteAllText(verifiedPath, text, new UTF8Encoding(false)); return; }
        File.WriteAllText(receivedPath, text, new UTF8Encoding(false));
        Assert.Fail($"Generated text differs from {Path.GetFileName(verifiedPath)} (written to {Path.GetFileName(receivedPath)}; accept with CONVGEN_ACCEPT=1):\n{Diff(expected, text)}");
    }

    /// <summary>LF line ends, no BOM: snapshots compare the same on every OS.</summary>
    private static string Normalise(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    private static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual);
        var lines = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < model.Lines.Count && shown < 80; i++)
        {
            var line = model.Lines[i];
            if (line.Type == ChangeType.Unchanged) continue;
            lines.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").Append(line.Position?.ToString() ?? "").Append(": ").AppendLine(line.Text);
            shown++;
        }
        return lines.ToString();
    }
}
