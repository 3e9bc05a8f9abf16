namespace ConvGen.Generator.Emit;

/// <summary>
/// Builds small arithmetic expressions without the noise of multiplying by one or adding zero, so
/// the generated code reads like hand-written code for its shape.
/// </summary>
internal static class Expr
{
    public static string Mul(string a, int k) => k switch { 0 => "0", 1 => a, _ => $"{a} * {k}" };
    public static string Mul(int k, string a) => k switch { 0 => "0", 1 => a, _ => $"{k} * {a}" };
    public static string Mul(string a, string b) => a == "0" || b == "0" ? "0" : $"{a} * {b}";
    public static string Add(string a, int k) => k == 0 ? a : $"{a} + {k}";
    public static string Add(string a, string b) => a == "0" ? b : b == "0" ? a : $"{a} + {b}";
    /// <summary>Parenthesises <paramref name="a"/> when it is a sum, for use as a factor.</summary>
    public static string Factor(string a) => a.Contains(" + ") || a.Contains(" - ") ? $"({a})" : a;
}
