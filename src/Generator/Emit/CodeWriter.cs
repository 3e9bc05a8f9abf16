using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace ConvGen.Generator.Emit;

/// <summary>
/// Builds C# text with four-space indentation and LF line endings, whatever the machine. Interpolated
/// lines are written straight into the buffer (see <see cref="LineHandler"/>): a layer's file is
/// hundreds of kilobytes of short lines, and a string per line made most of the generator's garbage.
/// </summary>
internal sealed class CodeWriter
{
    // 8,000 chars: StringBuilder's largest chunk, and below the large-object heap's threshold.
    private readonly StringBuilder _text = new(8000);
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) Indentation().Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes an interpolated line without building it as a string first.</summary>
    public CodeWriter Line([InterpolatedStringHandlerArgument("")] ref LineHandler line)
    {
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

    private StringBuilder Indentation() => _text.Append(' ', _depth * 4);

    /// <summary>
    /// Appends an interpolated line's parts to the writer as they come, after the indentation. Numbers
    /// are written in invariant digits, so the output does not depend on the machine's culture.
    /// </summary>
    [InterpolatedStringHandler]
    internal readonly ref struct LineHandler
    {
        private readonly StringBuilder _text;

        public LineHandler(int literalLength, int formattedCount, CodeWriter writer) => _text = writer.Indentation();

        public void AppendLiteral(string value) => _text.Append(value);

        public void AppendFormatted(string? value) => _text.Append(value);

        public void AppendFormatted(char value) => _text.Append(value);

        public void AppendFormatted(int value)
        {
            if (value < 0)
            {
                _text.Append('-');
                if (value == int.MinValue) { _text.Append("2147483648"); return; }
                value = -value;
            }
            if (value >= 10) AppendFormatted(value / 10);
            _text.Append((char)('0' + value % 10));
        }

        public void AppendFormatted<T>(T value) => _text.Append(value is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : value?.ToString());
    }
}
