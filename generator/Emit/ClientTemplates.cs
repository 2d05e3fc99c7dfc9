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

    /// <summary>What a template's identifiers stand for, in the order the tokenizer tries them.</summary>
    private enum Slot
    {
        Text,
        OperationGroups,
        TokenUrl,
        ReadError,
        ErrorType,
        QualifiedNamespace,
        Namespace,
        BaseName,
        Version,
        TypeAccessibility,
    }

    private static readonly Regex Token = new(
        @"TemplateSpec\.AddOperationGroups\(services\);|TemplateSpec\.TokenUrl|TemplateSpec\.ReadError|TemplateError|global::Atlas\.Codegen\.Templates\.|(?<=^namespace )Atlas\.Codegen\.Templates"
        + @"|Template(?=[A-Z])|""__VERSION__""|(?<=^    )public(?= (sealed |static |partial |readonly )*(class|record|struct|interface) )",
        RegexOptions.CultureInvariant);

    /// <summary>One line of a template: its parts, and the <c>#if</c> conditions it is under (each a list of symbols, <c>!</c> for absent).</summary>
    private sealed class Line
    {
        public Line(List<(Slot Slot, string Text)> parts, string[][] conditions)
        {
            Parts = parts;
            Conditions = conditions;
        }

        public List<(Slot Slot, string Text)> Parts { get; }
        public string[][] Conditions { get; }
    }

    // Each template is read and cut into parts once; rendering appends parts and values.
    private static readonly Dictionary<string, Line[]> Templates = Load();

    private static Dictionary<string, Line[]> Load()
    {
        var assembly = typeof(ClientTemplates).Assembly;
        var templates = new Dictionary<string, Line[]>(System.StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, System.StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var text = reader.ReadToEnd().Replace("\r\n", "\n").TrimEnd('\n');
            templates[name.Substring(ResourcePrefix.Length, name.Length - ResourcePrefix.Length - ".cs".Length)] = Parse(text);
        }
        return templates;
    }

    private static Line[] Parse(string text)
    {
        var lines = new List<Line>();
        var conditions = new Stack<string[]>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("#if ", System.StringComparison.Ordinal))
            {
                conditions.Push(trimmed.Substring(4).Split(new[] { "&&" }, System.StringSplitOptions.None).Select(t => t.Trim()).ToArray());
                continue;
            }
            if (trimmed == "#endif")
            {
                conditions.Pop();
                continue;
            }
            var parts = new List<(Slot, string)>();
            var at = 0;
            foreach (Match m in Token.Matches(line))
            {
                if (m.Index > at) parts.Add((Slot.Text, line.Substring(at, m.Index - at)));
                parts.Add((SlotOf(m.Value), m.Value));
                at = m.Index + m.Length;
            }
            if (at < line.Length) parts.Add((Slot.Text, line.Substring(at)));
            lines.Add(new Line(parts, conditions.ToArray()));
        }
        return lines.ToArray();
    }

    private static Slot SlotOf(string token) => token switch
    {
        "TemplateSpec.AddOperationGroups(services);" => Slot.OperationGroups,
        "TemplateSpec.TokenUrl" => Slot.TokenUrl,
        "TemplateSpec.ReadError" => Slot.ReadError,
        "TemplateError" => Slot.ErrorType,
        "global::Atlas.Codegen.Templates." => Slot.QualifiedNamespace,
        "Atlas.Codegen.Templates" => Slot.Namespace,
        "Template" => Slot.BaseName,
        "\"__VERSION__\"" => Slot.Version,
        _ => Slot.TypeAccessibility,
    };

    /// <summary>
    /// The template named <paramref name="template"/> (<see cref="GeneratedFiles.ClientTemplateNames"/>) rendered for
    /// <paramref name="spec"/>, with the file header; <c>#if ATLAS_RESILIENCE</c> regions are kept when the consumer
    /// references Microsoft.Extensions.Http.Resilience.
    /// </summary>
    public static string Render(string template, ClientSpec spec, Capabilities? capabilities = null)
    {
        var symbols = new HashSet<string>(System.StringComparer.Ordinal);
        if (spec.TokenUrl is not null) symbols.Add("ATLAS_OAUTH");
        if (spec.HasDigest) symbols.Add("ATLAS_DIGEST");
        if (capabilities?.HasResilience == true) symbols.Add("ATLAS_RESILIENCE");
        var values = new string[10];
        values[(int)Slot.OperationGroups] = OperationGroups(spec);
        values[(int)Slot.TokenUrl] = TypeEmitter.Literal(spec.TokenUrl ?? "");
        values[(int)Slot.ReadError] = ReadError(spec);
        values[(int)Slot.ErrorType] = spec.ErrorType is null ? KnownTypes.JsonElement : CSharp.Type(spec.ErrorType);
        values[(int)Slot.QualifiedNamespace] = "global::" + spec.Namespace + ".";
        values[(int)Slot.Namespace] = spec.Namespace;
        values[(int)Slot.BaseName] = spec.BaseName;
        values[(int)Slot.Version] = "\"" + KnownTypes.Version + "\"";
        values[(int)Slot.TypeAccessibility] = CSharp.Keyword(spec.Accessibility);

        var sb = new StringBuilder(SourceWriter.Header, 8192);
        foreach (var line in Templates[template])
        {
            if (!line.Conditions.All(c => c.All(s => Holds(s, symbols)))) continue;
            foreach (var (slot, text) in line.Parts) sb.Append(slot == Slot.Text ? text : values[(int)slot]);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A condition's symbol is defined (<c>!</c>: is not).</summary>
    private static bool Holds(string symbol, HashSet<string> symbols)
        => symbol.StartsWith("!", System.StringComparison.Ordinal) ? !symbols.Contains(symbol.Substring(1).Trim()) : symbols.Contains(symbol);

    /// <summary>The registrations of the operation-group interfaces, each resolved to the typed client's group.</summary>
    private static string OperationGroups(ClientSpec spec)
    {
        const string Extensions = "global::Microsoft.Extensions.DependencyInjection.";
        var lines = spec.Operations.Select(o => o.Group).Distinct().OrderBy(g => g, System.StringComparer.Ordinal).Select(g =>
            Extensions + "ServiceCollectionServiceExtensions.AddTransient<global::" + spec.Namespace + ".I" + g + "Operations>(services,\n"
            + "                provider => " + Extensions + "ServiceProviderServiceExtensions.GetRequiredService<global::" + spec.Namespace + "." + spec.BaseName
            + "Client>(provider)." + g + ");");
        return string.Join("\n            ", lines);
    }

    private static string ReadError(ClientSpec spec)
        => "static (ref global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonSerializerOptions o) => "
            + (spec.ErrorType is { IsGenerated: true } err
                ? CSharp.JsonMembersOf(err) + ".ReadValue(ref r, o)"
                : "global::Atlas.Codegen.Runtime.AtlasJson.ReadRaw(ref r)");
}
