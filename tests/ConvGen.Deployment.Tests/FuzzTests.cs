using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ConvGen.Reference;
using ConvGen.Serialization;
using Xunit;

namespace ConvGen.Deployment.Tests;

/// <summary>
/// Thousands of mutated files (bit flips, truncations, edited header numbers, names, dtypes and
/// structure, lying length fields): the loader either accepts a file that is still valid, or throws
/// <see cref="InvalidDataException"/> and leaves the layer exactly as it was. Any other exception,
/// or a partly changed layer, fails the test and names the case (seed, iteration, mutation) so it
/// can be replayed.
/// </summary>
public class FuzzTests
{
    private const int MutationsPerSeed = 1000;

    private sealed record Seed(string Name, byte[] Bytes, ConvSpec? Spec, string Prefix);

    private static IEnumerable<Seed> Seeds()
    {
        foreach (var (name, prefix) in new[] { ("single_3x3_bias", ""), ("single_1x2_nobias", ""), ("multi_3to4_3x3_bias_prefixed", "conv1."), ("grouped_4to6_2x3_nobias_prefixed", "features.0.") })
        {
            yield return new Seed(name, File.ReadAllBytes(TestData.PyTorch(name + ".safetensors")), PyTorchFileTests.SpecOf(name), prefix);
            yield return new Seed(name + ".io", File.ReadAllBytes(TestData.PyTorch(name + ".io.safetensors")), null, "");
        }
        yield return new Seed("convgen 3to2", File.ReadAllBytes(Path.Combine(TestData.Dir("convgen"), "conv_3to2_3x3_bias.safetensors")), new ConvSpec(3, 3, InChannels: 3, OutChannels: 2), "conv.");
        yield return new Seed("convgen 1x2", File.ReadAllBytes(Path.Combine(TestData.Dir("convgen"), "conv_1x2_nobias.safetensors")), new ConvSpec(1, 2, HasBias: false), "");
    }

    private static readonly string[] DTypes = ["F16", "F64", "I32", "BF16", "U8", "F32", "X"];

    /// <summary>One mutation of <paramref name="original"/>; returns the bytes and what was done.</summary>
    private static (byte[] Bytes, string What) Mutate(byte[] original, Random r)
    {
        var b = (byte[])original.Clone();
        int headerEnd = (int)Math.Min((long)BinaryPrimitives.ReadUInt64LittleEndian(b) + 8, b.Length);
        int kind = r.Next(10);
        switch (kind)
        {
            case 0: // bit flips anywhere
            {
                int n = 1 + r.Next(4);
                for (int i = 0; i < n; i++) b[r.Next(b.Length)] ^= (byte)(1 << r.Next(8));
                return (b, $"flip {n} bits");
            }
            case 1: // bit flips in the length field or header
            {
                int at = r.Next(headerEnd);
                b[at] ^= (byte)(1 << r.Next(8));
                return (b, $"flip a bit at {at}");
            }
            case 2:
            {
                int length = r.Next(b.Length);
                return (b[..length], $"truncate to {length}");
            }
            case 3: // a number in the header (shape or offset) changed
            {
                var digits = Enumerable.Range(8, headerEnd - 8).Where(i => b[i] is >= (byte)'0' and <= (byte)'9').ToArray();
                int at = digits[r.Next(digits.Length)];
                b[at] = (byte)('0' + r.Next(10));
                return (b, $"digit at {at}");
            }
            case 4: // header structure
            {
                int at = 8 + r.Next(headerEnd - 8);
                const string structural = "{}[],:\" 0-.e\\x";
                b[at] = (byte)structural[r.Next(structural.Length)];
                return (b, $"header char at {at}");
            }
            case 5: // the length field lies
            {
                ulong n = BinaryPrimitives.ReadUInt64LittleEndian(b);
                ulong lie = r.Next(3) switch { 0 => n + (ulong)r.Next(1, 64), 1 => n - (ulong)r.Next(1, (int)Math.Min(n, 64)), _ => (ulong)r.NextInt64() };
                BinaryPrimitives.WriteUInt64LittleEndian(b, lie);
                return (b, $"length {lie}");
            }
            case 6: // insert or delete a header byte, length not fixed up
            {
                int at = 8 + r.Next(headerEnd - 8);
                var list = b.ToList();
                if (r.Next(2) == 0) list.RemoveAt(at); else list.Insert(at, (byte)r.Next(256));
                return (list.ToArray(), $"insert/delete at {at}");
            }
            case 7: // extra bytes at the end
            {
                int n = 1 + r.Next(16);
                return ([.. b, .. Enumerable.Range(0, n).Select(_ => (byte)r.Next(256))], $"append {n}");
            }
            case 8: // another dtype, same length of text when possible
            {
                string header = Encoding.UTF8.GetString(b, 8, headerEnd - 8);
                int count = (header.Length - header.Replace("\"F32\"", "").Length) / 5;
                int which = r.Next(Math.Max(count, 1));
                int at = -1;
                for (int i = 0; i <= which; i++) at = header.IndexOf("\"F32\"", at + 1, StringComparison.Ordinal);
                string dtype = DTypes[r.Next(DTypes.Length)];
                header = header[..(at + 1)] + dtype + header[(at + 4)..];
                return (Rebuild(header, b[headerEnd..]), $"dtype {which} -> {dtype}");
            }
            default: // one header number replaced by another, with the length fixed up (a consistent lie)
            {
                string header = Encoding.UTF8.GetString(b, 8, headerEnd - 8);
                var numbers = System.Text.RegularExpressions.Regex.Matches(header, "[0-9]+");
                var m = numbers[r.Next(numbers.Count)];
                string replacement = r.Next(3) switch { 0 => numbers[r.Next(numbers.Count)].Value, 1 => r.Next(0, 2000).ToString(), _ => r.NextInt64().ToString() };
                header = header[..m.Index] + replacement + header[(m.Index + m.Length)..];
                return (Rebuild(header, b[headerEnd..]), $"number at {m.Index} -> {replacement}");
            }
        }
    }

    private static byte[] Rebuild(string header, byte[] data) => TestData.Craft(header, data);

    [Fact]
    public void MutatedFilesNeverCrashAndNeverLoadPartly()
    {
        int cases = 0, rejected = 0, accepted = 0;
        int seedIndex = 0;
        foreach (var seed in Seeds())
        {
            var r = new Random(1234 + seedIndex++);
            for (int i = 0; i < MutationsPerSeed; i++)
            {
                var (bytes, what) = Mutate(seed.Bytes, r);
                string id = $"seed '{seed.Name}', iteration {i}, mutation '{what}'";
                cases++;
                if (Check(seed, bytes, id)) accepted++; else rejected++;
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{cases} mutated files: {rejected} rejected, {accepted} accepted");
        // Both outcomes must be common, or the mutations are not testing what they should.
        Assert.True(cases >= 10_000, $"only {cases} cases");
        Assert.True(rejected > cases / 4, $"only {rejected} of {cases} rejected");
        Assert.True(accepted > cases / 20, $"only {accepted} of {cases} accepted");
    }

    [Fact]
    public void MutatedFilesOnDiskThroughThePathApi()
    {
        var seed = Seeds().First(s => s.Spec is { InChannels: 3 });
        var r = new Random(99);
        using var temp = new TestData.TempFile();
        for (int i = 0; i < 300; i++)
        {
            var (bytes, what) = Mutate(seed.Bytes, r);
            File.WriteAllBytes(temp.Path, bytes);
            var layer = new ReferenceLayer(seed.Spec!).FillWith(77f);
            var (w, b) = (TestData.Bits(layer.Weight), TestData.Bits(layer.Bias));
            try
            {
                layer.LoadSafetensors(temp.Path, seed.Prefix);
            }
            catch (InvalidDataException)
            {
                Assert.True(w.SequenceEqual(TestData.Bits(layer.Weight)) && b.SequenceEqual(TestData.Bits(layer.Bias)), $"iteration {i} '{what}': rejected but the layer changed");
            }
        }
    }

    /// <summary>Runs one mutated file through the reader and, when the seed is a layer's, the loader. True when accepted.</summary>
    private static bool Check(Seed seed, byte[] bytes, string id)
    {
        SafetensorsFile file;
        try
        {
            file = SafetensorsFile.Parse(bytes);
        }
        catch (InvalidDataException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{id}: Parse threw {e.GetType().Name}: {e.Message}");
            throw;
        }

        // An accepted file must be readable in full: every F32 tensor, matching its raw bytes.
        foreach (var t in file.Tensors.Where(t => t.DType == SafetensorsDType.Float32))
        {
            float[] values = Run(() => file.ReadFloat32(t.Name), id);
            Assert.True(file.GetBytes(t.Name).Span.SequenceEqual(MemoryMarshal.AsBytes(values.AsSpan())), $"{id}: '{t.Name}' read back differs from its bytes");
        }
        if (seed.Spec is null)
            return true;

        var layer = new ReferenceLayer(seed.Spec).FillWith(1e6f);
        var (w, b) = (TestData.Bits(layer.Weight), TestData.Bits(layer.Bias));
        try
        {
            layer.LoadSafetensors(file, seed.Prefix);
        }
        catch (InvalidDataException)
        {
            Assert.True(w.SequenceEqual(TestData.Bits(layer.Weight)) && b.SequenceEqual(TestData.Bits(layer.Bias)), $"{id}: rejected but the layer changed");
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{id}: LoadSafetensors threw {e.GetType().Name}: {e.Message}");
            throw;
        }
        Assert.True(file.GetBytes(seed.Prefix + "weight").Span.SequenceEqual(MemoryMarshal.AsBytes(layer.Weight)), $"{id}: weight differs from the file");
        if (layer.Bias.Length > 0)
            Assert.True(file.GetBytes(seed.Prefix + "bias").Span.SequenceEqual(MemoryMarshal.AsBytes(layer.Bias)), $"{id}: bias differs from the file");
        return true;
    }

    private static T Run<T>(Func<T> action, string id)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            Assert.Fail($"{id}: a valid file's tensor could not be read: {e.GetType().Name}: {e.Message}");
            throw;
        }
    }
}
