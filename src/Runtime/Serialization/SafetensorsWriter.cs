using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ConvGen.Serialization;

/// <summary>
/// Writes named float32 tensors in the safetensors format: an 8-byte little-endian header length, a
/// JSON header (written with <see cref="Utf8JsonWriter"/>, so it is safe under trimming and
/// NativeAOT) padded with spaces to a multiple of 8 bytes, then the tensors' little-endian bytes
/// back to back in the order given. The output is deterministic: the same tensors give the same bytes.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>
    /// Writes a file. The bytes go to a temporary file next to <paramref name="path"/> that then replaces
    /// it, so a crash mid-write never leaves a half-written checkpoint under the final name.
    /// </summary>
    /// <exception cref="ArgumentException">Two tensors share a name, or a metadata key is empty.</exception>
    public static void Write(string path, IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Serialize(tensors, metadata);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>Writes the file's bytes to a stream.</summary>
    public static void Write(Stream stream, IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Serialize(tensors, metadata));
    }

    /// <summary>The bytes of a safetensors file holding <paramref name="tensors"/>.</summary>
    /// <exception cref="ArgumentException">Two tensors share a name, or a metadata key is empty.</exception>
    public static byte[] Serialize(IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in list)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(tensors));
            if (!names.Add(t.Name))
                throw new ArgumentException($"tensor name '{t.Name}' appears twice; names must be unique.", nameof(tensors));
        }

        byte[] header = WriteHeader(list, metadata);
        long dataLength = 0;
        foreach (var t in list)
            dataLength += 4L * t.Data.Length;
        var bytes = new byte[checked(8 + header.Length + dataLength)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        int at = 8 + header.Length;
        foreach (var t in list)
        {
            var destination = bytes.AsSpan(at, 4 * t.Data.Length);
            if (BitConverter.IsLittleEndian)
                MemoryMarshal.AsBytes(t.Data.Span).CopyTo(destination);
            else
                for (int i = 0; i < t.Data.Length; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], t.Data.Span[i]);
            at += destination.Length;
        }
        return bytes;
    }

    private static byte[] WriteHeader(List<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsFile.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    if (string.IsNullOrEmpty(key))
                        throw new ArgumentException("metadata keys must not be empty.", nameof(metadata));
                    json.WriteString(key, value ?? throw new ArgumentException($"metadata '{key}' is null; values must be strings.", nameof(metadata)));
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in tensors)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", SafetensorsDType.Float32);
                json.WriteStartArray("shape");
                foreach (int d in t.Shape)
                    json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += 4L * t.Data.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        // Pad with spaces (valid JSON whitespace) so the data starts 8-byte aligned, as the Python writer does.
        int padded = (int)((buffer.Length + 7) / 8 * 8);
        while (buffer.Length < padded)
            buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }
}
