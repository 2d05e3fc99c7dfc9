using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Atlas.Codegen.Model;

namespace Atlas.Codegen.Emit;

/// <summary>
/// The fixed parts of the generated client (construction and transport, options, exception, paging, waiting,
/// downloads, authentication handlers): real C# files under <c>generator/Emit/Templates/</c>, embedded in the generator
/// and compiled as they are by the test project. Each declares one type, <c>Template{Name}</c> in the namespace
/// <c>Atlas.Codegen.Templates</c>, and is adapted to a document by replacing identifiers that compile:
/// <list type="bullet">
/// <item><c>Template</c> before an upper-case letter: the client's base name; the namespace: the document's;</item>
/// <item><c>TemplateSpec.TokenUrl</c>, <c>TemplateSpec.ReadError</c>, <c>TemplateError</c>: the token endpoint, the
/// reader of the error type, the error type;</item>
/// <item><c>public</c> on a type: the document's accessibility; <c>"__VERSION__"</c>: the generator's version;</item>
/// <item><c>#if ATLAS_OAUTH</c> / <c>#if ATLAS_DIGEST</c> regions (<c>&amp;&amp;</c> and <c>!</c> allowed): kept when
/// the document declares that security scheme.</item>
/// </list>
/// </summary>
internal static class ClientTemplates
{
    private const string ResourcePrefix = "Atlas.Codegen.Templates.";
    private const string TemplateNamespace = "Atlas.Codegen.Templates";

    private static readonly Dictionary<string, string> Texts = Load();

    private static readonly Regex BaseName = new("Template(?=[A-Z])", RegexOptions.CultureInvariant);

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(ClientTemplates).Assembly;
        var texts = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, System.StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            texts[name.Substring(ResourcePrefix.Length, name.Length - ResourcePrefix.Length - ".cs".Length)] = reader.ReadToEnd().Replace("\r\n", "\n");
        }
        return texts;
    }

    /// <summary>The template named <paramref name="template"/> (<see cref="GeneratedFiles.ClientTemplateNames"/>)
    /// rendered for <paramref name="spec"/>, with the file header.</summary>
    public static string Render(string template, ClientSpec spec)
    {
        var symbols = new HashSet<string>(System.StringComparer.Ordinal);
        if (spec.TokenUrl is not null) symbols.Add("ATLAS_OAUTH");
        if (spec.HasDigest) symbols.Add("ATLAS_DIGEST");
        var text = Conditional(Texts[template], symbols);

        // Identifiers that stand for document values become sentinels first, so that no value is adapted again.
        text = text.Replace("TemplateSpec.TokenUrl", "\u0001TokenUrl\u0001")
            .Replace("TemplateSpec.ReadError", "\u0001ReadError\u0001")
            .Replace("TemplateError", "\u0001ErrorType\u0001")
            .Replace("global::" + TemplateNamespace + ".", "global::\u0001Namespace\u0001.")
            .Replace("namespace " + TemplateNamespace, "namespace \u0001Namespace\u0001");
        text = BaseName.Replace(text, spec.BaseName);
        text = Regex.Replace(text, "(?m)^    public (?=(sealed |static |partial )*(class|record|struct|interface) )", "    " + CSharp.Keyword(spec.Accessibility) + " ");
        text = text.Replace("\"__VERSION__\"", "\"" + KnownTypes.Version + "\"")
            .Replace("\u0001TokenUrl\u0001", TypeEmitter.Literal(spec.TokenUrl ?? ""))
            .Replace("\u0001ReadError\u0001", ReadError(spec))
            .Replace("\u0001ErrorType\u0001", spec.ErrorType is null ? KnownTypes.JsonElement : CSharp.Type(spec.ErrorType))
            .Replace("\u0001Namespace\u0001", spec.Namespace);
        return SourceWriter.Header + text;
    }

    private static string ReadError(ClientSpec spec)
        => "static (ref global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonSerializerOptions o) => "
            + (spec.ErrorType is { IsGenerated: true } err ? CSharp.JsonMembersOf(err) + ".ReadValue(ref r, o)" : "global::Atlas.Codegen.Runtime.AtlasJson.ReadRaw(ref r)");

    /// <summary>Keeps the lines of <c>#if</c> regions whose condition holds (symbols joined by <c>&amp;&amp;</c>, each
    /// possibly negated with <c>!</c>); drops the directives.</summary>
    private static string Conditional(string text, HashSet<string> symbols)
    {
        var sb = new StringBuilder(text.Length);
        var keep = new Stack<bool>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("#if ", System.StringComparison.Ordinal))
            {
                var holds = trimmed.Substring(4).Split(new[] { "&&" }, System.StringSplitOptions.None).Select(t => t.Trim())
                    .All(t => t.StartsWith("!", System.StringComparison.Ordinal) ? !symbols.Contains(t.Substring(1).Trim()) : symbols.Contains(t));
                keep.Push(holds && (keep.Count == 0 || keep.Peek()));
                continue;
            }
            if (trimmed == "#endif")
            {
                keep.Pop();
                continue;
            }
            if (keep.Count == 0 || keep.Peek()) sb.Append(line).Append('\n');
        }
        return sb.ToString(0, sb.Length - 1);
    }
}
