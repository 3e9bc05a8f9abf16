using System.Text.Json;

namespace ConvGen.Serialization;

/// <summary>
/// Parses a safetensors JSON header with <see cref="Utf8JsonReader"/> (no reflection, so it is safe
/// under trimming and NativeAOT). It checks the header's own structure only: each entry has exactly
/// a string <c>dtype</c>, an integer array <c>shape</c> and a two-integer <c>data_offsets</c>;
/// names are unique; <c>__metadata__</c> maps strings to strings. Offsets against the file are
/// checked by <see cref="SafetensorsFile"/>.
/// </summary>
internal static class SafetensorsHeaderReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 8,
    };

    /// <summary>The raw entries in header order, and the metadata (empty when absent).</summary>
    public static (List<SafetensorsTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return ParseCore(json);
        }
        catch (JsonException e)
        {
            throw Bad($"the header is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports invalid UTF-8 inside strings this way.
            throw Bad($"the header holds an invalid string: {e.Message}");
        }
    }

    private static (List<SafetensorsTensorInfo>, Dictionary<string, string>) ParseCore(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(Options));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw Bad("the header must be a JSON object.");

        var tensors = new List<SafetensorsTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool sawMetadata = false;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
                break;
            string name = reader.GetString()!;
            Next(ref reader);
            if (name == SafetensorsFile.MetadataKey)
            {
                if (sawMetadata)
                    throw Bad($"the header has '{SafetensorsFile.MetadataKey}' twice.");
                sawMetadata = true;
                ReadMetadata(ref reader, metadata);
                continue;
            }
            if (!names.Add(name))
                throw Bad($"the header names tensor '{name}' twice.");
            tensors.Add(ReadTensor(ref reader, name));
        }
        // Only whitespace (the writer's space padding) may follow the object; Read throws otherwise.
        if (reader.Read())
            throw Bad("the header has content after its JSON object.");
        return (tensors, metadata);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Bad($"'{SafetensorsFile.MetadataKey}' must be an object of strings; got {reader.TokenType}.");
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
                return;
            string key = reader.GetString()!;
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.String)
                throw Bad($"metadata '{key}' must be a string; got {reader.TokenType}.");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw Bad($"metadata '{key}' appears twice.");
        }
    }

    private static SafetensorsTensorInfo ReadTensor(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Bad($"tensor '{name}': expected an object with dtype, shape and data_offsets; got {reader.TokenType}.");
        string? dtype = null;
        List<long>? shape = null;
        List<long>? offsets = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
                break;
            string field = reader.GetString()!;
            Next(ref reader);
            switch (field)
            {
                case "dtype" when dtype is null:
                    if (reader.TokenType != JsonTokenType.String)
                        throw Bad($"tensor '{name}': dtype must be a string; got {reader.TokenType}.");
                    dtype = reader.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(ref reader, name, field);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref reader, name, field);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Bad($"tensor '{name}': field '{field}' appears twice.");
                default:
                    throw Bad($"tensor '{name}': unexpected field '{field}' (expected dtype, shape, data_offsets).");
            }
        }
        if (dtype is null || shape is null || offsets is null)
            throw Bad($"tensor '{name}': missing {(dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets")}.");
        if (offsets.Count != 2)
            throw Bad($"tensor '{name}': data_offsets must hold 2 numbers [begin, end]; got {offsets.Count}.");
        return new SafetensorsTensorInfo(name, dtype, shape.ToArray(), offsets[0], offsets[1]);
    }

    private static List<long> ReadIntegers(ref Utf8JsonReader reader, string name, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw Bad($"tensor '{name}': {field} must be an array of integers; got {reader.TokenType}.");
        var values = new List<long>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
                return values;
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long v) || v < 0)
                throw Bad($"tensor '{name}': {field} must hold non-negative integers; got {Describe(ref reader)}.");
            values.Add(v);
        }
    }

    private static string Describe(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number
            ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan) // the header is one span, never a sequence
            : reader.TokenType.ToString();

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw Bad("the header's JSON ends early.");
    }

    private static InvalidDataException Bad(string message) => new($"safetensors: {message}");
}
