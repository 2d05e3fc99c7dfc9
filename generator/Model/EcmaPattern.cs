using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Atlas.Codegen.Model;

/// <summary>
/// A spec's <c>pattern</c> means what it means in ECMA-262 (the dialect OpenAPI and JSON Schema name, Unicode mode);
/// .NET's regular expressions differ. <see cref="ToDotNet"/> rewrites a pattern into the .NET expression that matches
/// the same strings: <c>\d</c> and <c>\w</c> are ASCII, <c>\s</c> is ECMA-262's white space, <c>.</c> stops at every line terminator, <c>$</c> is the end of
/// the input only, long Unicode property names (<c>\p{Letter}</c>) and <c>\u{…}</c> escapes are spelled the .NET way,
/// <c>[]</c> and <c>[^]</c> match nothing and anything. A pattern ECMA-262 rejects although .NET would accept it (an
/// unescaped <c>{</c> that is no quantifier, as in <c>[a-f0-9]{24)</c>) is reported instead of enforced.
/// </summary>
internal static class EcmaPattern
{
    private static readonly Dictionary<string, string> Categories = new()
    {
        ["Letter"] = "L",
        ["Lowercase_Letter"] = "Ll",
        ["Uppercase_Letter"] = "Lu",
        ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm",
        ["Other_Letter"] = "Lo",
        ["Mark"] = "M",
        ["Combining_Mark"] = "M",
        ["Nonspacing_Mark"] = "Mn",
        ["Spacing_Mark"] = "Mc",
        ["Enclosing_Mark"] = "Me",
        ["Number"] = "N",
        ["Decimal_Number"] = "Nd",
        ["digit"] = "Nd",
        ["Letter_Number"] = "Nl",
        ["Other_Number"] = "No",
        ["Punctuation"] = "P",
        ["punct"] = "P",
        ["Connector_Punctuation"] = "Pc",
        ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps",
        ["Close_Punctuation"] = "Pe",
        ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf",
        ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S",
        ["Math_Symbol"] = "Sm",
        ["Currency_Symbol"] = "Sc",
        ["Modifier_Symbol"] = "Sk",
        ["Other_Symbol"] = "So",
        ["Separator"] = "Z",
        ["Space_Separator"] = "Zs",
        ["Line_Separator"] = "Zl",
        ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C",
        ["Control"] = "Cc",
        ["cntrl"] = "Cc",
        ["Format"] = "Cf",
        ["Surrogate"] = "Cs",
        ["Private_Use"] = "Co",
        ["Unassigned"] = "Cn",
    };

    /// <summary>ECMA-262's white space and line terminators (.NET's <c>\s</c> lacks U+FEFF and adds U+0085).</summary>
    private const string EcmaSpace = "\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";

    /// <summary>The .NET expression matching what <paramref name="pattern"/> matches in ECMA-262; <paramref name="problem"/>
    /// says why ECMA-262 rejects the pattern (then the result must not be enforced).</summary>
    public static string ToDotNet(string pattern, out string? problem)
    {
        problem = null;
        var s = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[i + 1];
                i++;
                switch (n)
                {
                    case 'd': s.Append(inClass ? "0-9" : "[0-9]"); break;
                    case 'D': s.Append(inClass ? "\\D" : "[^0-9]"); break;
                    case 'w': s.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"); break;
                    case 'W': s.Append(inClass ? "\\W" : "[^a-zA-Z0-9_]"); break;
                    case 's': s.Append(inClass ? EcmaSpace : "[" + EcmaSpace + "]"); break;
                    case 'S': s.Append(inClass ? "\\S" : "[^" + EcmaSpace + "]"); break;
                    case 'p' or 'P' when i + 1 < pattern.Length && pattern[i + 1] == '{' && pattern.IndexOf('}', i) is var close and > 0:
                        var name = pattern.Substring(i + 2, close - i - 2);
                        var eq = name.IndexOf('=');
                        if (eq >= 0 && name.Substring(0, eq) is "General_Category" or "gc") name = name.Substring(eq + 1);
                        s.Append('\\').Append(n).Append('{').Append(Categories.TryGetValue(name, out var shortName) ? shortName : name).Append('}');
                        i = close;
                        break;
                    case 'u' when i + 1 < pattern.Length && pattern[i + 1] == '{' && pattern.IndexOf('}', i) is var end and > 0
                        && int.TryParse(pattern.Substring(i + 2, end - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                        && code <= 0x10FFFF:
                        var text = char.ConvertFromUtf32(code);
                        foreach (var unit in text) s.Append("\\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
                        i = end;
                        break;
                    default: s.Append('\\').Append(n); break;
                }
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                s.Append(c);
                continue;
            }
            switch (c)
            {
                case '[' when i + 1 < pattern.Length && pattern[i + 1] == ']':
                    s.Append("(?!)");
                    i++;
                    break;
                case '[' when i + 2 < pattern.Length && pattern[i + 1] == '^' && pattern[i + 2] == ']':
                    s.Append("[\\s\\S]");
                    i += 2;
                    break;
                case '[':
                    inClass = true;
                    s.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') s.Append(pattern[++i]);
                    break;
                case '.': s.Append("[^\\n\\r\\u2028\\u2029]"); break;
                case '$': s.Append("\\z"); break;
                case '{' when !IsQuantifier(pattern, i):
                    problem ??= "'{' at offset " + i.ToString(CultureInfo.InvariantCulture) + " is neither escaped nor a quantifier such as {2} or {2,5}";
                    s.Append("\\{");
                    break;
                default: s.Append(c); break;
            }
        }
        return s.ToString();
    }

    /// <summary>Whether the <c>{</c> at <paramref name="at"/> opens <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c>.</summary>
    private static bool IsQuantifier(string pattern, int at)
    {
        var i = at + 1;
        var digits = 0;
        while (i < pattern.Length && char.IsDigit(pattern[i])) { i++; digits++; }
        if (digits == 0 || i >= pattern.Length) return false;
        if (pattern[i] == '}') return true;
        if (pattern[i] != ',') return false;
        i++;
        while (i < pattern.Length && char.IsDigit(pattern[i])) i++;
        return i < pattern.Length && pattern[i] == '}';
    }
}
