using ConvGen.Serialization;

namespace ConvGen.Training;

/// <summary>
/// Saves and loads all parameters of a <see cref="Sequential"/> in one safetensors file, keyed like the
/// <c>state_dict</c> of the equivalent <c>torch.nn.Sequential</c> (<c>0.weight</c>, <c>0.bias</c>,
/// <c>2.weight</c>, …, with PyTorch's shapes), so a checkpoint moves between ConvGen and PyTorch unchanged.
/// (In namespace <c>ConvGen.Training</c> next to <see cref="Sequential"/>, as the layer's
/// <c>Load/SaveSafetensors</c> extensions sit in <c>ConvGen</c> next to <see cref="IConvLayer"/>.)
/// </summary>
public static class SequentialSafetensors
{
    /// <summary>Writes every parameter of <paramref name="model"/> to <paramref name="path"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="prefix">Put before every key (e.g. <c>features.</c> for a sub-model); empty by default.</param>
    /// <param name="metadata">Optional string metadata for the header (PyTorch writes <c>format: pt</c>).</param>
    public static void SaveSafetensors(this Sequential model, string path, string prefix = "", IReadOnlyDictionary<string, string>? metadata = null) =>
        SafetensorsWriter.Write(path, model.ToSafetensors(prefix), metadata);

    /// <summary>Copies every parameter into a tensor named by its <c>state_dict</c> key.</summary>
    public static IReadOnlyList<SafetensorsTensor> ToSafetensors(this Sequential model, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prefix);
        var tensors = new List<SafetensorsTensor>(model.NamedParameters.Count);
        foreach (var (name, p) in model.NamedParameters)
            tensors.Add(new SafetensorsTensor(prefix + name, [.. p.Shape], p.Value.ToArray()));
        return tensors;
    }

    /// <summary>
    /// Loads every parameter of <paramref name="model"/> from <paramref name="path"/>. Everything is checked
    /// before anything is copied, so on any error the model is unchanged.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="prefix">The keys' common prefix in the file; empty by default.</param>
    /// <param name="strict">
    /// Like <c>load_state_dict(strict=True)</c> (the default): a tensor in the file under <paramref name="prefix"/>
    /// that the model does not have is an error too.
    /// </param>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, lacks a parameter, has another dtype or shape for one, or (strict) has keys the model lacks; the message names expected and actual.</exception>
    public static void LoadSafetensors(this Sequential model, string path, string prefix = "", bool strict = true) =>
        model.LoadSafetensors(SafetensorsFile.Read(path), prefix, strict);

    /// <inheritdoc cref="LoadSafetensors(Sequential, string, string, bool)"/>
    /// <param name="model">The model.</param>
    /// <param name="file">An already-read file.</param>
    /// <param name="prefix">The keys' common prefix in the file; empty by default.</param>
    /// <param name="strict">Unexpected keys under the prefix are an error.</param>
    public static void LoadSafetensors(this Sequential model, SafetensorsFile file, string prefix = "", bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(prefix);
        var expected = new HashSet<string>();
        foreach (var (name, p) in model.NamedParameters)
        {
            file.GetFloat32Info(prefix + name, [.. p.Shape]);
            expected.Add(prefix + name);
        }
        if (strict)
        {
            var unexpected = file.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal) && !expected.Contains(t.Name)).Select(t => $"'{t.Name}'").ToList();
            if (unexpected.Count > 0)
                throw new InvalidDataException($"safetensors file '{file.Source}': unexpected tensors {string.Join(", ", unexpected)}; the model has {string.Join(", ", expected.Select(e => $"'{e}'"))} (pass strict: false to ignore them).");
        }
        foreach (var (name, p) in model.NamedParameters)
            file.ReadFloat32(prefix + name, [.. p.Shape], p.Value);
    }
}
