using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ConvGen.Serialization;

/// <summary>
/// A safetensors file held in memory, with its header fully checked: an 8-byte little-endian header
/// length, a JSON header no larger than the file, then a data section that the tensors' offsets
/// cover exactly (no overlaps, no holes, no bytes beyond the end), as the format's specification
/// requires. Nothing is copied out until a tensor is asked for.
/// </summary>
/// <remarks>
/// A file that breaks the format throws <see cref="InvalidDataException"/> from <see cref="Read"/> or
/// <see cref="Parse"/>. A well-formed file that does not hold what the caller asks for (a missing name,
/// another dtype or shape) throws <see cref="InvalidDataException"/> naming expected and actual, before
/// anything is written. Bad arguments throw <see cref="ArgumentException"/>.
/// </remarks>
public sealed class SafetensorsFile
{
    /// <summary>The reserved header key for free-form string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header accepted (100 MB, the reference implementation's limit), so a lying length cannot make us parse gigabytes.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;

    private SafetensorsFile(string source, ReadOnlyMemory<byte> data, List<SafetensorsTensorInfo> tensors, Dictionary<string, string> metadata)
    {
        Source = source;
        _data = data;
        Tensors = tensors;
        Metadata = metadata;
        _byName = new Dictionary<string, SafetensorsTensorInfo>(tensors.Count, StringComparer.Ordinal);
        foreach (var t in tensors)
            _byName.Add(t.Name, t);
    }

    /// <summary>Where the bytes came from (a path, or a caller-given label), used in messages.</summary>
    public string Source { get; }

    /// <summary>Every tensor in the file, in the order of their data.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads and checks a whole file (up to 2 GB).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SafetensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Checks the bytes of a safetensors file; the returned object keeps referencing them.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">A label for messages, e.g. the file's path.</param>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile Parse(ReadOnlyMemory<byte> bytes, string source = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(source);
        var span = bytes.Span;
        if (span.Length < 8)
            throw Bad(source, $"the file has {span.Length} bytes; it must start with an 8-byte header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(span);
        long available = span.Length - 8L;
        if (headerLength > (ulong)available)
            throw Bad(source, $"the header length is {headerLength} bytes but only {available} bytes follow it (header larger than the file, or the file is truncated).");
        if (headerLength > MaxHeaderLength)
            throw Bad(source, $"the header length is {headerLength} bytes; at most {MaxHeaderLength} is accepted.");
        int dataStart = 8 + (int)headerLength;

        List<SafetensorsTensorInfo> tensors;
        Dictionary<string, string> metadata;
        try
        {
            (tensors, metadata) = SafetensorsHeaderReader.Parse(span[8..dataStart]);
        }
        catch (InvalidDataException e)
        {
            throw Bad(source, e.Message);
        }

        var data = bytes[dataStart..];
        CheckOffsets(source, tensors, data.Length);
        return new SafetensorsFile(source, data, tensors, metadata);
    }

    // Each tensor's byte range must match its dtype and shape and lie inside the data section, and
    // together the ranges must tile the data section exactly, as the format specification requires.
    private static void CheckOffsets(string source, List<SafetensorsTensorInfo> tensors, long dataLength)
    {
        foreach (var t in tensors)
        {
            int size = SafetensorsDType.SizeOf(t.DType);
            if (size == 0)
                throw Bad(source, $"tensor '{t.Name}': unknown dtype '{t.DType}'.");
            long bytes = size;
            try
            {
                foreach (long d in t.Shape)
                    bytes = checked(bytes * d);
            }
            catch (OverflowException)
            {
                throw Bad(source, $"tensor '{t.Name}': shape {t.ShapeText} is too large.");
            }
            if (t.End < t.Begin)
                throw Bad(source, $"tensor '{t.Name}': data_offsets [{t.Begin}, {t.End}] end before they begin.");
            if (t.End - t.Begin != bytes)
                throw Bad(source, $"tensor '{t.Name}': {t.DType} {t.ShapeText} needs {bytes} bytes; data_offsets [{t.Begin}, {t.End}] span {t.End - t.Begin}.");
            if (t.End > dataLength)
                throw Bad(source, $"tensor '{t.Name}': data_offsets [{t.Begin}, {t.End}] go past the data section's {dataLength} bytes (file truncated, or offsets wrong).");
        }

        tensors.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        SafetensorsTensorInfo? previous = null;
        foreach (var t in tensors)
        {
            if (t.Begin < expected)
                throw Bad(source, $"tensor '{t.Name}' [{t.Begin}, {t.End}] overlaps tensor '{previous!.Name}' [{previous.Begin}, {previous.End}].");
            if (t.Begin > expected)
                throw Bad(source, $"bytes [{expected}, {t.Begin}) of the data section belong to no tensor (a hole before '{t.Name}').");
            expected = t.End;
            previous = t;
        }
        if (expected != dataLength)
            throw Bad(source, $"the tensors cover {expected} bytes but the data section has {dataLength} (unindexed bytes at the end).");
    }

    /// <summary>Whether the file has a tensor with this exact name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetInfo(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SafetensorsTensorInfo? info) =>
        _byName.TryGetValue(name, out info);

    /// <summary>
    /// The entry of a float32 tensor with exactly the given shape.
    /// </summary>
    /// <exception cref="InvalidDataException">The tensor is missing, is not <c>F32</c>, or has another shape (the message names expected and actual).</exception>
    public SafetensorsTensorInfo GetFloat32Info(string name, ReadOnlySpan<int> expectedShape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(name, out var info))
            throw Bad(Source, $"no tensor '{name}'; the file has {(Tensors.Count == 0 ? "no tensors" : string.Join(", ", Tensors.Select(t => $"'{t.Name}'")))}.");
        if (info.DType != SafetensorsDType.Float32)
            throw Bad(Source, $"tensor '{name}': expected dtype {SafetensorsDType.Float32}; got {info.DType}.");
        if (!SameShape(info.Shape, expectedShape))
            throw Bad(Source, $"tensor '{name}': expected shape {SafetensorsTensorInfo.FormatShape(ToLong(expectedShape))}; got {info.ShapeText}.");
        return info;
    }

    /// <summary>Copies a float32 tensor of exactly the given shape into <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">The tensor is missing, is not <c>F32</c>, or has another shape; nothing is written.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/>'s length is not the shape's element count; nothing is written.</exception>
    public void ReadFloat32(string name, ReadOnlySpan<int> expectedShape, Span<float> destination)
    {
        var info = GetFloat32Info(name, expectedShape);
        if (destination.Length != info.ElementCount)
            throw new ArgumentException($"tensor '{name}' {info.ShapeText} has {info.ElementCount} elements; the destination has {destination.Length}.", nameof(destination));
        CopyFloat32(info, destination);
    }

    /// <summary>A float32 tensor of any shape, copied into a new array; its shape is in <see cref="TryGetInfo"/>.</summary>
    /// <exception cref="InvalidDataException">The tensor is missing or is not <c>F32</c>.</exception>
    public float[] ReadFloat32(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(name, out var info))
            throw Bad(Source, $"no tensor '{name}'; the file has {string.Join(", ", Tensors.Select(t => $"'{t.Name}'"))}.");
        var shape = new int[info.Shape.Count];
        for (int i = 0; i < shape.Length; i++)
            shape[i] = info.Shape[i] <= int.MaxValue ? (int)info.Shape[i] : throw Bad(Source, $"tensor '{name}' {info.ShapeText} is too large to read into an array.");
        var result = new float[checked((int)info.ElementCount)];
        ReadFloat32(name, shape, result);
        return result;
    }

    /// <summary>The raw little-endian bytes of a tensor of any dtype.</summary>
    /// <exception cref="InvalidDataException">The tensor is missing.</exception>
    public ReadOnlyMemory<byte> GetBytes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(name, out var info))
            throw Bad(Source, $"no tensor '{name}'.");
        return _data[(int)info.Begin..(int)info.End];
    }

    private void CopyFloat32(SafetensorsTensorInfo info, Span<float> destination)
    {
        var source = _data.Span[(int)info.Begin..(int)info.End];
        if (BitConverter.IsLittleEndian)
        {
            // A byte copy needs no alignment: tensors may start at any offset.
            source.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }
        for (int i = 0; i < destination.Length; i++)
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
    }

    private static bool SameShape(IReadOnlyList<long> actual, ReadOnlySpan<int> expected)
    {
        if (actual.Count != expected.Length)
            return false;
        for (int i = 0; i < expected.Length; i++)
            if (actual[i] != expected[i])
                return false;
        return true;
    }

    private static long[] ToLong(ReadOnlySpan<int> shape)
    {
        var result = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
            result[i] = shape[i];
        return result;
    }

    private static InvalidDataException Bad(string source, string message) =>
        new(message.StartsWith("safetensors: ", StringComparison.Ordinal)
            ? $"safetensors file '{source}': {message["safetensors: ".Length..]}"
            : $"safetensors file '{source}': {message}");
}
