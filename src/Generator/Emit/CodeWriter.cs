using System;
using System.Text;

namespace ConvGen.Generator.Emit;

/// <summary>Builds C# text with four-space indentation and LF line endings, whatever the machine.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _depth * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, then a braced block whose body <paramref name="body"/> writes.</summary>
    public CodeWriter Block(string header, Action body, string? continuation = null)
    {
        if (header.Length > 0) Line(header);
        if (continuation is not null) Line("    " + continuation);
        Line("{");
        _depth++;
        body();
        _depth--;
        Line("}");
        return this;
    }

    /// <summary>Writes what <paramref name="body"/> writes, <paramref name="levels"/> levels deeper.</summary>
    public CodeWriter Indent(int levels, Action body)
    {
        _depth += levels;
        body();
        _depth -= levels;
        return this;
    }

    /// <summary>Writes an XML doc summary.</summary>
    public CodeWriter Doc(string summary) => Line($"/// <summary>{summary}</summary>");

    public override string ToString() => _text.ToString();
}
