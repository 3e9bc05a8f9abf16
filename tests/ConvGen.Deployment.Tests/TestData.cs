using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ConvGen.Deployment.Tests;

/// <summary>Paths of the committed test files, and helpers to build and compare raw files.</summary>
internal static class TestData
{
    /// <summary>The Data folder copied next to the test program.</summary>
    public static string Dir(string sub) => Path.Combine(AppContext.BaseDirectory, "Data", sub);

    /// <summary>A file made by tests/vectors/safetensors.py from real PyTorch.</summary>
    public static string PyTorch(string name) => Path.Combine(Dir("pytorch"), name);

    /// <summary>The Data folder in the source tree (for accepting regenerated files).</summary>
    public static string SourceDir(string sub, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Data", sub);

    /// <summary>Builds a file from a raw header text and data bytes, for hand-made bad files.</summary>
    public static byte[] Craft(string header, byte[] data, ulong? lengthField = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), lengthField ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    /// <summary>The little-endian bytes of floats.</summary>
    public static byte[] Bytes(params float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>A bitwise snapshot of a span, so "unchanged" also covers NaN payloads and -0.</summary>
    public static int[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();

    /// <summary>A temporary file path, deleted when disposed.</summary>
    public sealed class TempFile : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"convgen-{Guid.NewGuid():N}.safetensors");
        public void Dispose() { if (File.Exists(Path)) File.Delete(Path); }
    }
}
