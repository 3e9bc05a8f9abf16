using ConvGen.Serialization;

// In the ConvGen namespace (not ConvGen.Serialization) so `using ConvGen;`, which every layer
// declaration already has, makes layer.LoadSafetensors / SaveSafetensors visible.
namespace ConvGen;

/// <summary>
/// Loads and saves a layer's weights as safetensors, keyed like a PyTorch <c>Conv2d</c>'s
/// <c>state_dict</c>: <c>{prefix}weight</c> with shape <c>[out, in/groups, kh, kw]</c> and, when the
/// layer has a bias, <c>{prefix}bias</c> with shape <c>[out]</c>. A prefix such as <c>conv1.</c> picks
/// one layer out of a whole model's file; other tensors in the file are ignored.
/// </summary>
public static class ConvLayerSafetensors
{
    /// <summary>
    /// Loads weights (and bias) from a safetensors file. Everything is checked before anything is copied:
    /// on any error the layer's weights are unchanged.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, or does not match the layer (names, dtype, shapes); the message names expected and actual.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static void LoadSafetensors(this IConvLayer layer, string path, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(prefix);
        layer.LoadSafetensors(SafetensorsFile.Read(path), prefix);
    }

    /// <summary>
    /// Loads weights (and bias) from an already-read file, e.g. one layer of a multi-layer checkpoint.
    /// Everything is checked before anything is copied: on any error the layer's weights are unchanged.
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not match the layer (names, dtype, shapes).</exception>
    public static void LoadSafetensors(this IConvLayer layer, SafetensorsFile file, string prefix = "")
    {
        layer.ValidateSafetensors(file, prefix);
        file.ReadFloat32(prefix + "weight", WeightShape(layer), layer.Weight);
        if (layer.Bias.Length > 0)
            file.ReadFloat32(prefix + "bias", [layer.OutChannels], layer.Bias);
    }

    /// <summary>
    /// Checks that <paramref name="file"/> holds this layer's tensors under <paramref name="prefix"/>, writing nothing.
    /// Callers loading several layers validate them all first, so a bad file changes none.
    /// </summary>
    /// <exception cref="InvalidDataException">A tensor is missing, has another dtype or shape, or the file has a bias the layer lacks.</exception>
    public static void ValidateSafetensors(this IConvLayer layer, SafetensorsFile file, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(prefix);
        int[] weightShape = WeightShape(layer);
        if (layer.Weight.Length != Product(weightShape))
            throw new ArgumentException($"layer {layer.GetType().Name}: Weight has {layer.Weight.Length} elements; its shape {Format(weightShape)} needs {Product(weightShape)}.", nameof(layer));
        file.GetFloat32Info(prefix + "weight", weightShape);
        if (layer.Bias.Length > 0)
        {
            if (layer.Bias.Length != layer.OutChannels)
                throw new ArgumentException($"layer {layer.GetType().Name}: Bias has {layer.Bias.Length} elements; expected OutChannels = {layer.OutChannels}.", nameof(layer));
            file.GetFloat32Info(prefix + "bias", [layer.OutChannels]);
        }
        else if (file.TryGetInfo(prefix + "bias", out var bias))
        {
            // PyTorch's strict load_state_dict refuses this too: silently dropping a trained bias would change the outputs.
            throw new InvalidDataException($"safetensors file '{file.Source}': has '{bias.Name}' {bias.ShapeText} but layer {layer.GetType().Name} has no bias (declared with Bias = false).");
        }
    }

    /// <summary>Writes the layer's weights (and bias, when it has one) to a safetensors file.</summary>
    public static void SaveSafetensors(this IConvLayer layer, string path, string prefix = "")
    {
        SafetensorsWriter.Write(path, layer.ToSafetensors(prefix));
    }

    /// <summary>
    /// Copies the layer's weights (and bias) into tensors named like its <c>state_dict</c>, to write
    /// alongside other layers' tensors in one checkpoint.
    /// </summary>
    public static IReadOnlyList<SafetensorsTensor> ToSafetensors(this IConvLayer layer, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(prefix);
        var tensors = new List<SafetensorsTensor> { new(prefix + "weight", WeightShape(layer), layer.Weight.ToArray()) };
        if (layer.Bias.Length > 0)
            tensors.Add(new SafetensorsTensor(prefix + "bias", [layer.OutChannels], layer.Bias.ToArray()));
        return tensors;
    }

    /// <summary>The weight shape PyTorch uses: <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>.</summary>
    public static int[] WeightShape(IConvLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return [layer.OutChannels, layer.InChannels / layer.Groups, layer.KernelHeight, layer.KernelWidth];
    }

    private static long Product(int[] shape)
    {
        long n = 1;
        foreach (int d in shape) n *= d;
        return n;
    }

    private static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";
}
