using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The official JSON Schema Test Suite (<c>../shared/json-schema-test-suite</c>, read in place) as the judge of
/// validation: <c>tests/draft4</c> (the dialect of OpenAPI 3.0 Schema Objects) through one OpenAPI 3.0 document and
/// <c>tests/draft2020-12</c> (OpenAPI 3.1) through one 3.1 document, every group whose keywords OpenAPI has. Each
/// group's schema is a component <c>G{n}</c>, held by the property <c>v</c> of a record <c>W{n}</c> that one operation
/// sends and receives (so a <c>$ref</c> to a constrained value is checked where it is used). Each case is read as
/// <c>{"v": data}</c> through the real generator and compiler: a valid case must read, validate clean and write back
/// JSON-equal; an invalid one must be refused (the read fails or <c>GetValidationErrors()</c> reports it). The table
/// (keyword × valid/invalid) is printed; the figures are ratchets (docs/validation.md lists them).
/// </summary>
public class JsonSchemaSuiteTests(ITestOutputHelper output)
{
    private static readonly string Suite = Path.GetFullPath(Path.Combine(TestDriver.Repo, "..", "shared", "json-schema-test-suite", "tests"));

    /// <summary>The keywords of each dialect that OpenAPI's Schema Object has and the generator reads (annotations included).</summary>
    private static readonly HashSet<string> Draft4Keywords =
    [
        "type", "properties", "items", "required", "enum", "allOf", "anyOf", "oneOf", "not", "additionalProperties",
        "multipleOf", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "minLength", "maxLength",
        "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "pattern", "format", "default",
        "description", "title", "$comment",
    ];

    private static readonly HashSet<string> Draft2020Keywords = [.. Draft4Keywords, "const", "$schema"];

    /// <summary>Groups whose keyword files are out of OpenAPI's dialect altogether (references between schemas of the
    /// test's own document, tuples, conditionals, dynamic scopes, vocabularies).</summary>
    private static readonly HashSet<string> OutOfDialect =
    [
        "ref", "refRemote", "definitions", "defs", "anchor", "dynamicRef", "vocabulary", "infinite-loop-detection",
        "additionalItems", "prefixItems", "contains", "minContains", "maxContains", "if-then-else", "unevaluatedItems",
        "unevaluatedProperties", "patternProperties", "propertyNames", "dependencies", "dependentRequired",
        "dependentSchemas", "content",
    ];

    /// <param name="Apart">The one allowed difference: a valid value of another kind than the object or array a schema with
    /// <c>properties</c>/<c>items</c> and no <c>type</c> describes (OpenAPI practice reads such a schema as that kind).</param>
    public sealed record Case(string Keyword, string Group, string Description, bool Valid, string? Problem, bool Apart = false);

    private static readonly string[] ObjectKeywords = ["properties", "required", "additionalProperties", "minProperties", "maxProperties"];

    /// <summary>Whether a valid value refused is the allowed difference (see <see cref="Case.Apart"/>).</summary>
    private static bool Apart(JsonNode schema, JsonNode? data, string? problem)
    {
        if (problem is null || schema is not JsonObject o || o.ContainsKey("type")) return false;
        var kind = data?.GetValueKind() ?? JsonValueKind.Null;
        if (ObjectKeywords.Any(o.ContainsKey) && kind != JsonValueKind.Object) return true;
        return o.ContainsKey("items") && kind != JsonValueKind.Array;
    }

    [Theory]
    [InlineData("draft4", "3.0.3", 0, 1)]
    [InlineData("draft2020-12", "3.1.0", 0, 1)]
    public void Suite_cases_read_validate_and_refuse(string draft, string openapi, int validFailedAtMost, int invalidAcceptedAtMost)
    {
        var (groups, leftOut) = Groups(draft);
        Assert.True(groups.Count > 50, "the suite is missing under " + Suite);
        var (assembly, diagnostics) = Compile(groups, openapi);
        var cases = new List<Case>();
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var type = assembly.GetType(TestDriver.Namespace + ".W" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw new InvalidOperationException("no type W" + i + " for " + g.Keyword + ": " + g.Description);
            foreach (var test in g.Tests)
            {
                var valid = (bool)test!["valid"]!;
                var problem = Run(type, test["data"], valid);
                cases.Add(new Case(g.Keyword, g.Description, (string)test["description"]!, valid, problem, valid && Apart(g.Schema, test["data"], problem)));
            }
        }

        var apart = cases.Where(c => c.Apart).ToList();
        cases = cases.Where(c => !c.Apart).ToList();
        var table = new StringBuilder();
        table.AppendLine(draft + " through OpenAPI " + openapi + ": " + groups.Count + " groups, " + cases.Count + " cases; ATLAS diagnostics: "
            + string.Join(", ", diagnostics.GroupBy(d => d).Select(d => d.Key + " x" + d.Count())));
        table.AppendLine("keyword                  valid ok    invalid refused");
        foreach (var k in cases.GroupBy(c => c.Keyword).OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var valid = k.Where(c => c.Valid).ToList();
            var invalid = k.Where(c => !c.Valid).ToList();
            table.AppendLine(k.Key.PadRight(24) + (valid.Count(c => c.Problem is null) + "/" + valid.Count).PadRight(12) + invalid.Count(c => c.Problem is null) + "/" + invalid.Count);
        }
        var validCases = cases.Where(c => c.Valid).ToList();
        var invalidCases = cases.Where(c => !c.Valid).ToList();
        table.AppendLine("total".PadRight(24) + (validCases.Count(c => c.Problem is null) + "/" + validCases.Count).PadRight(12)
            + invalidCases.Count(c => c.Problem is null) + "/" + invalidCases.Count);
        foreach (var c in cases.Where(c => c.Problem is not null)) table.AppendLine("  " + (c.Valid ? "VALID " : "INVALID ") + c.Keyword + " / " + c.Group + " / " + c.Description + ": " + c.Problem);
        table.AppendLine(apart.Count + " valid cases apart (a schema with properties or items and no type reads only that kind): "
            + string.Join("; ", apart.Select(c => c.Keyword + " / " + c.Description)));
        table.AppendLine("left out: " + string.Join("; ", leftOut.GroupBy(l => l).Select(l => l.Key + " x" + l.Count())));
        output.WriteLine(table.ToString());

        var validFailed = validCases.Count(c => c.Problem is not null);
        var invalidAccepted = invalidCases.Count(c => c.Problem is not null);
        Assert.True(validFailed <= validFailedAtMost, validFailed + " valid cases failed (at most " + validFailedAtMost + ")");
        Assert.True(invalidAccepted <= invalidAcceptedAtMost, invalidAccepted + " invalid cases accepted (at most " + invalidAcceptedAtMost + ")");
    }

    /// <summary>Null when the case behaves: a valid one reads, validates clean and writes back equal; an invalid one is refused.</summary>
    private static string? Run(Type type, JsonNode? data, bool valid)
    {
        var json = new JsonObject { ["v"] = data?.DeepClone() };
        object? value;
        try
        {
            value = JsonSerializer.Deserialize(json.ToJsonString(), type);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return valid ? "refused on read: " + ex.GetType().Name + ": " + ex.Message : null;
        }
        var errors = (IReadOnlyList<string>)type.GetMethod("GetValidationErrors")!.Invoke(value, null)!;
        if (!valid) return errors.Count > 0 ? null : "accepted";
        if (errors.Count > 0) return "reported: " + string.Join("; ", errors);
        var back = JsonNode.Parse(JsonSerializer.Serialize(value, type));
        return AtlasTrafficTests.Difference(json, back, "$");
    }

    private sealed record Group(string Keyword, string Description, JsonNode Schema, JsonArray Tests);

    /// <summary>The groups of the draft whose schema uses only the dialect's OpenAPI keywords, and why each other one is left out.</summary>
    private static (List<Group> Groups, List<string> LeftOut) Groups(string draft)
    {
        var keywords = draft == "draft4" ? Draft4Keywords : Draft2020Keywords;
        var groups = new List<Group>();
        var leftOut = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Suite, draft), "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            var keyword = Path.GetFileNameWithoutExtension(file);
            foreach (var g in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                if (OutOfDialect.Contains(keyword))
                {
                    leftOut.Add(keyword + ": not an OpenAPI keyword");
                    continue;
                }
                var schema = g!["schema"]!;
                if (Unsupported(schema, keywords, draft) is { } why)
                {
                    leftOut.Add(keyword + ": uses " + why);
                    continue;
                }
                groups.Add(new Group(keyword, (string)g["description"]!, schema, g["tests"]!.AsArray()));
            }
        }
        return (groups, leftOut);
    }

    /// <summary>The first keyword of <paramref name="schema"/> (at any depth) outside <paramref name="keywords"/>, or a
    /// form OpenAPI does not have (a draft-4 type list, tuple items).</summary>
    private static string? Unsupported(JsonNode? schema, HashSet<string> keywords, string draft)
    {
        switch (schema)
        {
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return draft == "draft4" ? "a boolean schema" : null;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (!keywords.Contains(key)) return key;
                    switch (key)
                    {
                        case "properties":
                            foreach (var (_, p) in value!.AsObject())
                            {
                                if (Unsupported(p, keywords, draft) is { } inner) return inner;
                            }
                            break;
                        case "items" or "additionalProperties" or "not":
                            if (key == "items" && value is JsonArray) return "tuple items";
                            if (value is JsonObject && Unsupported(value, keywords, draft) is { } item) return item;
                            break;
                        case "allOf" or "anyOf" or "oneOf":
                            foreach (var part in value!.AsArray())
                            {
                                if (Unsupported(part, keywords, draft) is { } inner) return inner;
                            }
                            break;
                        case "type" when value is JsonArray && draft == "draft4":
                            return "a type list";
                    }
                }
                return null;
            default:
                return "a schema that is not an object";
        }
    }

    /// <summary>One OpenAPI document holding every group (<c>G{n}</c>), its wrapper (<c>W{n}</c>) and one operation per
    /// wrapper; generated, compiled (0 errors) and loaded.</summary>
    private static (Assembly Assembly, List<string> Diagnostics) Compile(List<Group> groups, string openapi)
    {
        var schemas = new JsonObject();
        var paths = new JsonObject();
        for (var i = 0; i < groups.Count; i++)
        {
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schemas["G" + n] = groups[i].Schema.DeepClone();
            schemas["W" + n] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["v"] = new JsonObject { ["$ref"] = "#/components/schemas/G" + n } },
            };
            var body = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/W" + n } } };
            paths["/w" + n] = new JsonObject
            {
                ["post"] = new JsonObject
                {
                    ["operationId"] = "send" + n,
                    ["requestBody"] = new JsonObject { ["content"] = body.DeepClone() },
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok", ["content"] = body } },
                },
            };
        }
        var document = new JsonObject
        {
            ["openapi"] = openapi,
            ["info"] = new JsonObject { ["title"] = "JSON Schema Test Suite", ["version"] = "1" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
        var (result, compiled, diagnostics) = TestDriver.Run("openapi/suite.json", document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Assert.Null(result.Results[0].Exception);
        var errors = diagnostics.Concat(compiled.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        using var pe = new MemoryStream();
        var emitted = compiled.Emit(pe);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(20)));
        return (Assembly.Load(pe.ToArray()), diagnostics.Select(d => d.Id).ToList());
    }
}
