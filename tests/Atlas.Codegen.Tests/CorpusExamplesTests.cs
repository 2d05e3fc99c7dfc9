using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Atlas.Codegen.Model;
using Atlas.Codegen.Parsing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Each public document reads its own examples: every <c>example</c>/<c>examples</c> value a document attaches to a
/// component schema, a request body or a response is read into the type generated for its schema, written back and
/// compared (JSON-equal, a property present as null stays present, numbers by value, a date-time the same instant with
/// every digit of its fraction). An example that breaks its own schema (checked here apart from the generator: types,
/// required, enums) is listed as the spec's mistake, not failed. Prints the count per document.
/// </summary>
public sealed class CorpusExamplesTests(PublicCorpus corpus, ITestOutputHelper output) : IClassFixture<PublicCorpus>
{
    /// <summary>
    /// Examples that conform to their schema and still do not come back equal: may only go down. Today: date-times with
    /// nine fraction digits (DateTimeOffset keeps seven), integers beyond Int64, an inferred discriminator written back
    /// where the example left it out, an anyOf example fitting a member that does not declare a property another types.
    /// </summary>
    private const int LostAtMost = 11;

    private sealed record Outcome(string Spec, string Where, string? Problem, bool SpecMistake);

    [Fact]
    public void Every_public_document_reads_its_own_examples()
    {
        var outcomes = new List<Outcome>();
        foreach (var doc in corpus.Documents.Where(d => d.Assembly is not null))
        {
            outcomes.AddRange(new ExampleChecker(doc).Run());
        }
        var failed = outcomes.Where(o => o.Problem is not null && !o.SpecMistake).ToList();
        output.WriteLine($"{"spec",-40} {"checked",8} {"equal",6} {"lost",5} {"spec's own mistakes",20}");
        foreach (var g in outcomes.GroupBy(o => o.Spec).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{g.Key,-40} {g.Count(),8} {g.Count(o => o.Problem is null),6} {g.Count(o => o.Problem is not null && !o.SpecMistake),5} {g.Count(o => o.SpecMistake),20}");
        }
        output.WriteLine($"{outcomes.Count} examples in {outcomes.Select(o => o.Spec).Distinct().Count()} documents: {outcomes.Count(o => o.Problem is null)} equal, "
            + $"{failed.Count} lost or refused, {outcomes.Count(o => o.SpecMistake)} break their own schema");
        foreach (var f in failed) output.WriteLine("LOST " + f.Spec + " " + f.Where + ": " + f.Problem);
        foreach (var f in outcomes.Where(o => o.SpecMistake)) output.WriteLine("SPEC " + f.Spec + " " + f.Where + ": " + f.Problem);
        Assert.True(outcomes.Count > 3000, outcomes.Count + " examples");
        Assert.True(failed.Count <= LostAtMost, failed.Count + " examples lost or refused:\n" + string.Join("\n", failed.Take(20).Select(f => f.Spec + " " + f.Where + ": " + f.Problem)));
    }

    /// <summary>
    /// Unions whose object members nothing in the JSON tells apart (no discriminator, no property only one requires),
    /// beside members of other kinds, as vendors publish them: each object is the member it reads and validates as
    /// (tried where its required properties are present and most of its properties are declared), written back equal.
    /// </summary>
    [Theory]
    [InlineData("stripe.yaml", "PayoutDestination", "\"ba_123\"", "String")]
    [InlineData("stripe.yaml", "PayoutDestination", """{"id":"card_1","object":"card","brand":"Visa","exp_month":1,"exp_year":2030,"funding":"credit","last4":"4242"}""", "Card")]
    [InlineData("stripe.yaml", "PayoutDestination", """{"id":"ba_1","object":"bank_account","deleted":true}""", "Deleted_bank_account")]
    [InlineData("stripe.yaml", "PayoutDestination", """{"id":"ba_2","object":"bank_account","country":"US","currency":"usd","last4":"6789","status":"new"}""", "Bank_account")]
    [InlineData("box.json", "MetadataFilterValue", """{"gt":1.5,"lt":3}""", "MetadataFieldFilterFloatRange")]
    [InlineData("box.json", "MetadataFilterValue", """{"gt":"2024-01-01T00:00:00Z"}""", "MetadataFieldFilterDateRange")]
    [InlineData("box.json", "MetadataFilterValue", """["online","enterprise"]""", "Array")]
    [InlineData("openai-json.json", "ToolChoiceParam", "\"auto\"", "ToolChoiceOptions")]
    [InlineData("openai-json.json", "ToolChoiceParam", """{"type":"function","name":"get_weather"}""", "ToolChoiceFunction")]
    [InlineData("openai-json.json", "ToolChoiceParam", """{"type":"custom","name":"grammar"}""", "ToolChoiceCustom")]
    [InlineData("openai-json.json", "ToolChoiceParam", """{"type":"web_search_preview"}""", "ToolChoiceTypes")]
    [InlineData("openai-json.json", "ToolChoiceParam", """{"type":"apply_patch"}""", "SpecificApplyPatchParam")]
    [InlineData("elasticsearch-serverless.json", "_typesSort", "\"@timestamp\"", "_typesSortCombinations")] // a member that is itself a choice
    [InlineData("elasticsearch-serverless.json", "_typesSort", """{"@timestamp":{"order":"desc"}}""", "_typesSortCombinations")]
    [InlineData("elasticsearch-serverless.json", "_typesSort", """["@timestamp",{"price":"asc"}]""", "Array")]
    public void Object_members_nothing_tells_apart_read_as_the_member_they_validate_as(string spec, string union, string json, string member)
    {
        var doc = corpus.Documents.Single(d => d.Row.Spec == spec);
        Assert.NotNull(doc.Assembly);
        var type = doc.Assembly!.GetTypes().Single(t => t.Name == union);
        var value = JsonSerializer.Deserialize(json, type)!;
        var set = type.GetProperties().Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0 && p.GetValue(value) is not null)
            .Select(p => p.Name).ToList();
        Assert.Equal([member], set);
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(value, type));
    }

    /// <summary>
    /// Cookie and header parameters of every shape, by OpenAPI's style table, as ReadMe's public parameter-style document
    /// declares them, sent by its generated client to Kestrel on loopback: cookies in one <c>Cookie</c> header (form style),
    /// arrays and objects in headers by the simple style (never a .NET type name).
    /// </summary>
    [Theory]
    [InlineData("Cookie", "Cookies_standardAsync", "Cookie", "primitive=blue; array=blue; array=black; name=n%20one; description=d")]
    [InlineData("Cookie", "Cookies_form_explodedAsync", "Cookie", "primitive=blue; array=blue; array=black; name=n%20one; description=d")]
    [InlineData("Cookie", "Cookies_form_nonExplodedAsync", "Cookie", "primitive=blue; array=blue,black; object=name,n%20one,description,d")]
    [InlineData("Header", "Headers_simple_nonExplodedAsync", "array", "blue,black")]
    [InlineData("Header", "Headers_simple_nonExplodedAsync", "object", "name,n one,description,d")]
    [InlineData("Header", "Headers_simple_explodedAsync", "object", "name=n one,description=d")]
    [InlineData("Header", "Headers_simple_explodedAsync", "primitive", "blue")]
    public async Task Cookie_and_header_parameters_are_sent_by_the_style_table(string group, string method, string header, string expected)
    {
        var doc = corpus.Documents.Single(d => d.Row.Spec == "readme-parameters-style-3-1.json");
        Assert.NotNull(doc.Assembly);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        app.Run(ctx =>
        {
            foreach (var h in ctx.Request.Headers) seen[h.Key] = h.Value.ToString();
            ctx.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var clientType = doc.Assembly!.GetTypes().Single(t => t.Name == "SupportForParameterSerializationClient");
        var client = Activator.CreateInstance(clientType, http)!;
        var operations = clientType.GetProperty(group)!.GetValue(client)!;
        var m = operations.GetType().GetMethod(method)!;
        var objectType = m.GetParameters()[2].ParameterType;
        var obj = JsonSerializer.Deserialize("""{"name":"n one","description":"d"}""", objectType);
        var call = m.Invoke(operations, ["blue", new[] { "blue", "black" }, obj, null, CancellationToken.None])!;
        await (Task)call.GetType().GetMethod("AsTask")!.Invoke(call, null)!;
        Assert.Equal(expected, seen[header]);
    }

    /// <summary>
    /// Every operation of every public document gets a usable method (issue 27): one per path and HTTP method, with a body
    /// parameter wherever the operation declares a request body (JSON, form, text, multipart or bytes). Prints the counts.
    /// </summary>
    [Fact]
    public void Every_operation_of_every_public_document_gets_a_usable_method()
    {
        var unusable = new List<string>();
        var total = 0;
        var multipart = 0;
        foreach (var doc in corpus.Documents)
        {
            var parsed = YamlTreeReader.Parse(doc.Path, doc.Text, default);
            var root = parsed.Root!;
            var model = ApiModelBuilder.Build(parsed, Model.FileOptions.Parse(doc.Path, _ => null, TestDriver.Namespace), default);
            var operations = model.Client?.Operations.ToList() ?? [];
            var count = 0;
            foreach (var path in root["paths"]?.Entries ?? default)
            {
                foreach (var op in path.Value.Entries.Where(e => e.Key is "get" or "put" or "post" or "patch" or "delete" or "options" or "head" or "trace"))
                {
                    count++;
                    var spec = operations.FirstOrDefault(o => o.Path == path.Key && string.Equals(o.HttpMethod, op.Key, StringComparison.OrdinalIgnoreCase));
                    var body = op.Value["requestBody"];
                    for (var hops = 0; hops < 5 && body?.Str("$ref") is { } r && r.StartsWith("#/components/requestBodies/", StringComparison.Ordinal); hops++)
                    {
                        body = root["components"]?["requestBodies"]?[r["#/components/requestBodies/".Length..]];
                    }
                    var declaresBody = body?["content"] is { IsMapping: true, Entries.Count: > 0 };
                    if (spec is null || spec.MethodName.Length == 0) unusable.Add(doc.Row.Spec + ": " + op.Key.ToUpperInvariant() + " " + path.Key + " has no method");
                    else if (declaresBody && spec.Body is null && !spec.Parameters.Any(p => p.In == "part")) unusable.Add(doc.Row.Spec + ": " + op.Key.ToUpperInvariant() + " " + path.Key + " has no body parameter");
                }
            }
            total += count;
            var parted = operations.Count(o => o.Parameters.Any(p => p.In == "part"));
            multipart += parted;
            output.WriteLine($"{doc.Row.Spec,-40} {count,5} operations, {operations.Count,5} methods, {parted,3} with typed multipart parts");
        }
        output.WriteLine($"{total} operations in {corpus.Documents.Count} documents, {unusable.Count} without a usable method, {multipart} with typed multipart parts");
        Assert.True(multipart >= 31, multipart + " operations with typed multipart parts");
        Assert.True(total > 5000, total + " operations");
        Assert.Empty(unusable);
    }

    private sealed class ExampleChecker
    {
        private const string SchemaPrefix = "#/components/schemas/";
        private readonly CorpusDocument _doc;
        private readonly YNode _root;
        private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _schemaTypes = new(StringComparer.Ordinal);
        private readonly List<OperationSpec> _operations = new();

        public ExampleChecker(CorpusDocument doc)
        {
            _doc = doc;
            var parsed = YamlTreeReader.Parse(doc.Path, doc.Text, default);
            _root = parsed.Root!;
            foreach (var t in doc.Assembly!.GetTypes().Where(t => !t.IsNested && t.Namespace == TestDriver.Namespace)) _types[t.Name] = t;
            var model = ApiModelBuilder.Build(parsed, Model.FileOptions.Parse(doc.Path, _ => null, TestDriver.Namespace), default);
            if (model.Client is not null) _operations.AddRange(model.Client.Operations);
        }

        public IEnumerable<Outcome> Run()
        {
            var list = new List<Outcome>();
            if (_root["components"]?["schemas"] is { IsMapping: true } schemas)
            {
                foreach (var s in schemas.Entries)
                {
                    foreach (var (where, example) in Examples(s.Value, "components.schemas." + s.Key))
                    {
                        Check(list, where, example, RefTo(s.Key), null);
                    }
                }
            }
            foreach (var path in _root["paths"]?.Entries ?? default)
            {
                foreach (var op in path.Value.Entries.Where(e => e.Key is "get" or "put" or "post" or "patch" or "delete" or "options" or "head"))
                {
                    var spec = _operations.FirstOrDefault(o => o.Path == path.Key && string.Equals(o.HttpMethod, op.Key, StringComparison.OrdinalIgnoreCase));
                    if (op.Value["requestBody"] is { } body && Resolve(body)["content"] is { IsMapping: true } content)
                    {
                        foreach (var media in content.Entries)
                        {
                            var own = spec?.RequestMediaType == media.Key ? spec.Body : null;
                            foreach (var (where, example) in Examples(media.Value, op.Key + " " + path.Key + " request " + media.Key))
                            {
                                Check(list, where, example, media.Value["schema"], own);
                            }
                        }
                    }
                    foreach (var response in op.Value["responses"]?.Entries ?? default)
                    {
                        if (Resolve(response.Value)["content"] is not { IsMapping: true } content2) continue;
                        foreach (var media in content2.Entries)
                        {
                            var own = response.Key.StartsWith('2') && spec?.ResponseMediaType == media.Key ? spec.Result : null;
                            foreach (var (where, example) in Examples(media.Value, op.Key + " " + path.Key + " " + response.Key + " " + media.Key))
                            {
                                Check(list, where, example, media.Value["schema"], own);
                            }
                        }
                    }
                }
            }
            return list;
        }

        private static YNode RefTo(string schema)
            => YamlTreeReader.Parse("ref.json", "{\"$ref\": " + JsonSerializer.Serialize(SchemaPrefix + schema) + "}", default).Root!;

        /// <summary>The example values a schema or media type carries: <c>example</c>, <c>examples</c> (3.1 list or named Example Objects).</summary>
        private IEnumerable<(string Where, YNode Value)> Examples(YNode node, string where)
        {
            if (node.IsMapping && node["example"] is { } single) yield return (where + " example", single);
            if (node.IsMapping && node["examples"] is { } many)
            {
                if (many.IsSequence)
                {
                    for (var i = 0; i < many.Items.Count; i++) yield return (where + " examples[" + i + "]", many.Items[i]);
                }
                else if (many.IsMapping)
                {
                    foreach (var e in many.Entries)
                    {
                        var resolved = Resolve(e.Value);
                        if (resolved["value"] is { } value) yield return (where + " examples." + e.Key, value);
                    }
                }
            }
        }

        private YNode Resolve(YNode node)
        {
            for (var hops = 0; hops < 20 && node.Str("$ref") is { } r && r.StartsWith("#/", StringComparison.Ordinal); hops++)
            {
                YNode? target = _root;
                foreach (var part in r[2..].Split('/'))
                {
                    var key = Uri.UnescapeDataString(part).Replace("~1", "/").Replace("~0", "~");
                    target = target is { IsSequence: true } && int.TryParse(key, out var i) && i < target.Items.Count ? target.Items[i] : target?[key];
                }
                if (target is null) break;
                node = target;
            }
            return node;
        }

        /// <summary>The generated type of a schema: a component's type, a list of one, or the operation's own body type.</summary>
        private Type? TypeOf(YNode? schema, TypeRefSpec? own)
        {
            if (own is not null && ToType(own) is { } t) return t;
            if (schema is null) return null;
            if (schema.Str("$ref") is { } r && r.StartsWith(SchemaPrefix, StringComparison.Ordinal))
            {
                var name = Uri.UnescapeDataString(r[SchemaPrefix.Length..]);
                if (_types.TryGetValue(Naming.Clean(name), out var named)) return named;
                return TypeOf(Resolve(schema), null) is { IsGenericType: true } list ? list : null;
            }
            if (schema.Str("type") == "array" && schema["items"] is { } items && TypeOf(items, null) is { } item) return typeof(List<>).MakeGenericType(item);
            return null;
        }

        private Type? ToType(TypeRefSpec t) => t.Kind switch
        {
            ValueKind.Object or ValueKind.Enum => t.Name is not null && _types.TryGetValue(t.Name, out var named) ? named : null,
            ValueKind.Array => t.Element is not null && ToType(t.Element) is { } e ? typeof(List<>).MakeGenericType(e) : null,
            ValueKind.Map => t.Element is not null && ToType(t.Element) is { } v ? typeof(Dictionary<,>).MakeGenericType(typeof(string), v) : null,
            _ => null,
        };

        private void Check(List<Outcome> list, string where, YNode example, YNode? schema, TypeRefSpec? own)
        {
            var type = TypeOf(schema, own);
            if (type is null) return; // a scalar, or JsonElement: nothing generated reads it
            var json = FuzzTests.ToJson(example);
            var text = json?.ToJsonString() ?? "null";
            string? problem;
            try
            {
                var value = JsonSerializer.Deserialize(text, type);
                var back = JsonSerializer.Serialize(value, type);
                problem = Difference(json, JsonNode.Parse(back), "$");
                if (problem is null && value is not null && type.GetMethod("GetValidationErrors") is { } validate
                    && validate.Invoke(value, null) is IReadOnlyList<string> { Count: > 0 } errors && SchemaCheck.Conforms(json, schema, Resolve, own is null ? 0 : 1) is null)
                {
                    // Validation may report what the example breaks; a conforming example must validate clean.
                    problem = "valid example reported invalid: " + string.Join("; ", errors.Take(3));
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
            {
                problem = ex.GetType().Name + ": " + ex.Message;
            }
            var mistake = problem is null ? null : SchemaCheck.Conforms(json, schema, Resolve, 0);
            list.Add(new Outcome(_doc.Row.Spec, where + " as " + type.Name, problem is null ? null : problem + (mistake is null ? "" : " (the example breaks its schema: " + mistake + ")"), mistake is not null));
        }

        private static string? Difference(JsonNode? read, JsonNode? wrote, string path)
        {
            if (read is JsonValue r && wrote is JsonValue w && r.GetValueKind() == JsonValueKind.String && w.GetValueKind() == JsonValueKind.String)
            {
                var a = r.GetValue<string>();
                var b = w.GetValue<string>();
                if (a == b || SameInstant(a, b)) return null;
                return path + ": \"" + a + "\" became \"" + b + "\"";
            }
            if (read is JsonObject o && wrote is JsonObject wo)
            {
                foreach (var (name, value) in o)
                {
                    if (!wo.TryGetPropertyValue(name, out var other)) return path + "." + name + ": " + Short(value) + " was left out";
                    if (Difference(value, other, path + "." + name) is { } d) return d;
                }
                var added = wo.Select(p => p.Key).FirstOrDefault(k => !o.ContainsKey(k));
                return added is null ? null : path + "." + added + ": added " + Short(wo[added]);
            }
            if (read is JsonArray ra && wrote is JsonArray wa && ra.Count == wa.Count)
            {
                for (var i = 0; i < ra.Count; i++)
                {
                    if (Difference(ra[i], wa[i], path + "[" + i + "]") is { } d) return d;
                }
                return null;
            }
            return AtlasTrafficTests.Difference(read, wrote, path);
        }

        private static string Short(JsonNode? node)
        {
            var text = node?.ToJsonString() ?? "null";
            return text.Length > 100 ? text[..100] + "…" : text;
        }

        private static readonly Regex DateTime = new(@"^(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant);

        /// <summary>Two date-time texts for the same instant, every digit of the fraction included.</summary>
        private static bool SameInstant(string a, string b)
        {
            var ma = DateTime.Match(a);
            var mb = DateTime.Match(b);
            if (!ma.Success || !mb.Success) return false;
            static (DateTimeOffset, decimal) Parse(Match m)
            {
                var offset = m.Groups[3].Value is "Z" or "z" ? "+00:00" : m.Groups[3].Value;
                var whole = DateTimeOffset.ParseExact(m.Groups[1].Value.Replace(' ', 'T').Replace('t', 'T') + offset, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                var fraction = m.Groups[2].Success ? decimal.Parse("0" + m.Groups[2].Value, CultureInfo.InvariantCulture) : 0m;
                return (whole.ToUniversalTime(), fraction);
            }
            try
            {
                return Parse(ma) == Parse(mb);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}

/// <summary>
/// Whether a JSON value conforms to an OpenAPI schema, checked here apart from the generator (types, nullable, enum,
/// required, properties, items, allOf/oneOf/anyOf): the reason it does not, or null. Conservative: what it does not
/// know passes.
/// </summary>
internal static class SchemaCheck
{
    public static string? Conforms(JsonNode? value, YNode? schema, Func<YNode, YNode> resolve, int depth)
    {
        if (schema is null || depth > 40) return null;
        schema = resolve(schema);
        if (!schema.IsMapping) return null;
        if (schema["allOf"] is { IsSequence: true } all)
        {
            foreach (var part in all.Items)
            {
                if (Conforms(value, part, resolve, depth + 1) is { } why) return why;
            }
        }
        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema[key] is { IsSequence: true, Items.Count: > 0 } any && any.Items.All(m => Conforms(value, m, resolve, depth + 1) is not null))
            {
                return "no member of its " + key + " accepts " + Short(value);
            }
        }
        var types = schema["type"] is { IsSequence: true } list ? list.Items.Select(i => i.Value).ToList()
            : schema.Str("type") is { } t ? [t] : new List<string?>();
        var nullable = schema.Bool("nullable") || schema.Bool("x-nullable") || types.Contains("null");
        if (value is null)
        {
            if (types.Count > 0 && !nullable) return "null where the schema says " + string.Join("|", types);
            return null;
        }
        var kind = value.GetValueKind();
        if (types.Count > 0 && !types.Any(t => Matches(t, value, kind))) return Short(value) + " where the schema says " + string.Join("|", types);
        if (schema["enum"] is { IsSequence: true } values && kind is JsonValueKind.String && values.Items.All(v => v.Value != value.GetValue<string>()))
        {
            return "\"" + value.GetValue<string>() + "\" is not in its enum";
        }
        if (kind is JsonValueKind.String && schema.Str("format") == "date-time" && !Rfc3339.IsMatch(value.GetValue<string>()))
        {
            return "\"" + value.GetValue<string>() + "\" is not an RFC 3339 date-time";
        }
        if (kind is JsonValueKind.String && schema.Str("pattern") is { } pattern && !MatchesPattern(pattern, value.GetValue<string>()))
        {
            return "\"" + value.GetValue<string>() + "\" does not match " + pattern;
        }
        if (Bounds(schema, value, kind) is { } outOfBounds) return outOfBounds;
        if (kind == JsonValueKind.Object)
        {
            var o = value.AsObject();
            if (schema["additionalProperties"] is { IsScalar: true, Value: "false" } && schema["patternProperties"] is null)
            {
                var declared = schema["properties"]?.Entries.Select(e => e.Key).ToHashSet() ?? [];
                if (o.Select(p => p.Key).FirstOrDefault(k => !declared.Contains(k)) is { } extra) return extra + " is not allowed (additionalProperties: false)";
            }
            if (schema["required"] is { IsSequence: true } required)
            {
                foreach (var r in required.Items)
                {
                    if (r.Value is { } name && !o.ContainsKey(name)) return "required " + name + " is missing";
                }
            }
            if (schema["properties"] is { IsMapping: true } props)
            {
                foreach (var p in props.Entries)
                {
                    if (o.TryGetPropertyValue(p.Key, out var v) && Conforms(v, p.Value, resolve, depth + 1) is { } why) return p.Key + ": " + why;
                }
            }
            if (schema["additionalProperties"] is { IsMapping: true } ap)
            {
                var declared = schema["properties"]?.Entries.Select(e => e.Key).ToHashSet() ?? [];
                foreach (var (name, v) in o)
                {
                    if (!declared.Contains(name) && Conforms(v, ap, resolve, depth + 1) is { } why) return name + ": " + why;
                }
            }
        }
        if (kind == JsonValueKind.Array && schema["items"] is { } items)
        {
            var a = value.AsArray();
            for (var i = 0; i < a.Count; i++)
            {
                if (Conforms(a[i], items, resolve, depth + 1) is { } why) return "[" + i + "]: " + why;
            }
        }
        return null;
    }

    /// <summary>The length, range and count keywords, read from the spec here (apart from the generator).</summary>
    private static string? Bounds(YNode schema, JsonNode value, JsonValueKind kind)
    {
        double? Num(string key) => schema[key] is { IsScalar: true } n && double.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        switch (kind)
        {
            case JsonValueKind.String:
                var length = value.GetValue<string>().EnumerateRunes().Count();
                if (length < Num("minLength") || length > Num("maxLength")) return Short(value) + " has a length outside minLength/maxLength";
                break;
            case JsonValueKind.Number:
                var x = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                var exclusiveMin = schema["exclusiveMinimum"] is { Value: "true" } ? Num("minimum") : Num("exclusiveMinimum");
                var exclusiveMax = schema["exclusiveMaximum"] is { Value: "true" } ? Num("maximum") : Num("exclusiveMaximum");
                if (x < Num("minimum") || x > Num("maximum") || x <= exclusiveMin || x >= exclusiveMax) return Short(value) + " is out of range";
                if (Num("multipleOf") is { } step && step > 1e-20 && Math.Abs(x) < 1e20 && (decimal)x % (decimal)step != 0) return Short(value) + " is not a multiple of " + step;
                break;
            case JsonValueKind.Array:
                var a = value.AsArray();
                if (a.Count < Num("minItems") || a.Count > Num("maxItems")) return "an array of " + a.Count + " items, outside minItems/maxItems";
                if (schema.Bool("uniqueItems") && a.Select(i => i?.ToJsonString()).Distinct().Count() != a.Count) return "repeated items (uniqueItems)";
                break;
            case JsonValueKind.Object:
                var count = value.AsObject().Count;
                if (count < Num("minProperties") || count > Num("maxProperties")) return "an object of " + count + " properties, outside minProperties/maxProperties";
                break;
        }
        return null;
    }

    private static readonly Regex Rfc3339 = new(@"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant);

    private static bool MatchesPattern(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true; // not a .NET pattern: not judged here
        }
    }

    private static bool Matches(string? type, JsonNode value, JsonValueKind kind) => type switch
    {
        "string" => kind == JsonValueKind.String,
        "integer" => kind == JsonValueKind.Number && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        "number" => kind == JsonValueKind.Number,
        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
        "object" => kind == JsonValueKind.Object,
        "array" => kind == JsonValueKind.Array,
        "null" => kind == JsonValueKind.Null,
        _ => true,
    };

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
