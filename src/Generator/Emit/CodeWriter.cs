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
    // The buffer of the previous file on this thread, kept for the next one: a layer's file is up to a few
    // hundred thousand characters, and growing a new builder for each file, 8,000 characters a chunk, made
    // a third of the first run's garbage and a scattered copy at the end. Files larger than KeptCapacity
    // release theirs.
    [ThreadStatic] private static StringBuilder? t_spare;
    private const int KeptCapacity = 1 << 20;

    private readonly StringBuilder _text;
    private int _depth;
    private bool _lineOpen; // between StartLine and EndLine: interpolated parts continue the line

    public CodeWriter()
    {
        _text = t_spare ?? new StringBuilder(8000);
        t_spare = null;
        _text.Clear(); // one contiguous chunk of the previous file's size
    }

    /// <summary>The text written, once; the writer's buffer goes back to this thread's spare.</summary>
    public string Finish()
    {
        string text = _text.ToString();
        if (_text.Capacity <= KeptCapacity)
            t_spare = _text;
        return text;
    }

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

    /// <summary>
    /// Starts a line written in parts (<see cref="Part(ref LineHandler)"/>, <see cref="EndLine"/>): the
    /// unrolled steps put several statements on a line, and writing them straight into the buffer keeps
    /// the generator from building (and dropping) a string per statement.
    /// </summary>
    public CodeWriter StartLine()
    {
        Indentation();
        _lineOpen = true;
        return this;
    }

    /// <summary>Appends an interpolated part to the line begun by <see cref="StartLine"/>.</summary>
    public CodeWriter Part([InterpolatedStringHandlerArgument("")] ref LineHandler part) => this;

    /// <summary>Ends the line begun by <see cref="StartLine"/>.</summary>
    public CodeWriter EndLine()
    {
        _text.Append('\n');
        _lineOpen = false;
        return this;
    }

    /// <summary>
    /// Writes <paramref name="count"/> statements, each written by <paramref name="statement"/> through
    /// <see cref="Part(ref LineHandler)"/>, up to <paramref name="perLine"/> to a line (wide tiles keep readable lines).
    /// </summary>
    public CodeWriter Statements(int count, Action<int> statement, int perLine = 5)
    {
        for (int i = 0; i < count; i++)
        {
            if (i % perLine == 0)
            {
                if (i > 0) EndLine();
                StartLine();
            }
            else
                _text.Append(' ');
            statement(i);
        }
        if (count > 0) EndLine();
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

    /// <summary>
    /// Writes <paramref name="body"/> once under <c>const int variable = 0;</c> when the loop would run once
    /// (the JIT then folds the index away and the reader sees one iteration), else inside
    /// <c>for (int variable = 0; variable &lt; count; variable += step)</c> (<c>variable++</c> for a step of 1).
    /// </summary>
    public CodeWriter LoopOrConst(string variable, int count, int step, Action body)
    {
        if (count == step)
        {
            Line($"const int {variable} = 0;");
            body();
            return this;
        }
        string next = step == 1 ? variable + "++" : $"{variable} += {step}";
        return Block($"for (int {variable} = 0; {variable} < {count}; {next})", body);
    }

    /// <inheritdoc cref="LoopOrConst(string, int, int, Action)"/>
    public CodeWriter LoopOrConst(string variable, int count, Action body) => LoopOrConst(variable, count, 1, body);

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


    private StringBuilder Indentation() => _text.Append(' ', _depth * 4);

    /// <summary>
    /// Appends an interpolated line's parts to the writer as they come, after the indentation. Numbers
    /// are written in invariant digits, so the output does not depend on the machine's culture.
    /// </summary>
    [InterpolatedStringHandler]
    internal readonly ref struct LineHandler
    {
        private readonly StringBuilder _text;

        /// <summary>A line starts with the indentation; a part of a line begun by <see cref="StartLine"/> continues it.</summary>
        public LineHandler(int literalLength, int formattedCount, CodeWriter writer) => _text = writer._lineOpen ? writer._text : writer.Indentation();

        public void AppendLiteral(string value) => _text.Append(value);

        public void AppendFormatted(string? value) => _text.Append(value);

        public void AppendFormatted(char value) => _text.Append(value);

        public void AppendFormatted(int value) => Invariant.Append(_text, value);

        public void AppendFormatted<T>(T value) => Invariant.Append(_text, value);
    }

    /// <summary>Numbers in invariant digits, written without a temporary string.</summary>
    private static class Invariant
    {
        public static void Append(StringBuilder text, int value)
        {
            if (value < 0)
            {
                text.Append('-');
                if (value == int.MinValue) { text.Append("2147483648"); return; }
                value = -value;
            }
            if (value >= 10) Append(text, value / 10);
            text.Append((char)('0' + value % 10));
        }

        public static void Append<T>(StringBuilder text, T value) =>
            text.Append(value is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : value?.ToString());
    }
}
