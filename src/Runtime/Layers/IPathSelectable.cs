namespace ConvGen;

/// <summary>
/// A layer whose instruction-set path can be forced. Every generated layer implements it; the paths
/// give bit-identical results, so forcing one only changes speed (for tests, debugging and benchmarks).
/// </summary>
public interface IPathSelectable
{
    /// <summary>The path to run; <see cref="ConvPath.Auto"/> picks the widest this CPU accelerates.</summary>
    ConvPath ExecutionPath { get; set; }
}
