using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Atlas.Codegen.Model;

/// <summary>The naming contract: users and tools rely on it, change it only with a major version.</summary>
internal static class Naming
{
    /// <summary>Schema or JSON name → C# identifier: characters invalid in C# dropped, first letter upper-cased. Empty when nothing is left.</summary>
    public static string Clean(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (sb.Length == 0 ? SyntaxFacts.IsIdentifierStartCharacter(c) : SyntaxFacts.IsIdentifierPartCharacter(c))
            {
                sb.Append(c);
            }
            else if (sb.Length == 0 && char.IsDigit(c))
            {
                sb.Append('_').Append(c);
            }
        }
        if (sb.Length > 0) sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    /// <summary>Any text → a namespace: <c>global::</c> dropped, each dot-separated segment made an identifier (invalid
    /// characters → '_', a leading digit prefixed with '_', keywords escaped with '@').</summary>
    public static string Namespace(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("global::", System.StringComparison.Ordinal)) t = t.Substring("global::".Length);
        var segments = new System.Collections.Generic.List<string>();
        foreach (var raw in t.Split('.'))
        {
            var sb = new StringBuilder(raw.Length);
            foreach (var c in raw) sb.Append(sb.Length == 0 ? (SyntaxFacts.IsIdentifierStartCharacter(c) ? c : SyntaxFacts.IsIdentifierPartCharacter(c) ? '_' : '_') : SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            if (sb.Length > 0 && char.IsDigit(sb[0])) sb.Insert(0, '_');
            var seg = sb.ToString().Trim();
            if (seg.Trim('_').Length == 0) continue;
            if (sb.Length > 0 && !SyntaxFacts.IsIdentifierStartCharacter(sb[0])) seg = "_" + seg;
            segments.Add(EscapeKeyword(seg));
        }
        return segments.Count == 0 ? "Generated" : string.Join(".", segments);
    }

    public static string EscapeKeyword(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    /// <summary>Any text → PascalCase identifier made of its words (for enum members and client names).</summary>
    public static string Pascal(string text)
    {
        var sb = new StringBuilder(text.Length);
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length == 0) return;
            var w = word.ToString();
            var allUpper = true;
            foreach (var c in w) if (char.IsLetter(c) && !char.IsUpper(c)) { allUpper = false; break; }
            sb.Append(char.ToUpperInvariant(w[0]));
            sb.Append(allUpper ? w.Substring(1).ToLowerInvariant() : w.Substring(1));
            word.Clear();
        }
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else Flush();
        }
        Flush();
        var s = sb.ToString();
        if (s.Length > 0 && char.IsDigit(s[0])) s = "_" + s;
        return s;
    }

    public static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);
}
