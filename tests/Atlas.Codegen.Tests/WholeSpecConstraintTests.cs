using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Atlas.Codegen.Parsing;
using Xunit.Abstractions;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Every constraint the vendor's whole spec states on a property or a parameter, found by reading the spec itself
/// (not the generator's model): one value outside it is refused. A property: a payload of its schema (synthesized from
/// the spec) with that one value out of range is read and <c>GetValidationErrors()</c> names the property. A parameter:
/// the client method is called with that value over an <c>HttpClient</c> that counts requests: an
/// <see cref="ArgumentException"/> naming the parameter, and 0 requests sent.
/// </summary>
[Collection(WholeSpecCollection.Name)]
public class WholeSpecConstraintTests(WholeSpecFixture fx, ITestOutputHelper output)
{
    private static readonly string[] Keywords =
        ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems"];

    private readonly SpecSynth _synth = new(fx.Root, extras: false);

    [Fact]
    public void Every_constrained_property_reports_a_value_out_of_range()
    {
        var failures = new List<string>();
        var byKeyword = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedCount = 0;
        foreach (var (name, node) in _synth.Schemas)
        {
            if (fx.TypeOf(name) is not { } type || type.IsAbstract || type.GetMethod("GetValidationErrors") is null) continue;
            var (props, _) = _synth.Flatten(node);
            foreach (var (property, schema) in props)
            {
                if (SpecSynth.Flag(schema, "readOnly", _synth.Schemas)) continue; // never sent: the server's to check
                if (Bad(Resolve(schema)) is not { } bad) continue;
                checkedCount++;
                byKeyword[bad.Keyword] = byKeyword.GetValueOrDefault(bad.Keyword) + 1;
                var payload = (JsonObject)_synth.Named(name)!;
                payload[property] = bad.Value;
                try
                {
                    var value = JsonSerializer.Deserialize(payload.ToJsonString(), type)!;
                    var errors = (IReadOnlyList<string>)type.GetMethod("GetValidationErrors")!.Invoke(value, null)!;
                    if (!errors.Any(e => e.StartsWith(property + ": ", StringComparison.Ordinal) || e.StartsWith(property + "[", StringComparison.Ordinal)))
                    {
                        failures.Add(name + "." + property + " = " + bad.Value?.ToJsonString() + " (" + bad.Keyword + "): not reported; errors: " + string.Join("; ", errors));
                    }
                }
                catch (Exception ex) when (ex is JsonException or TargetInvocationException)
                {
                    failures.Add(name + "." + property + ": " + ex.GetType().Name + ": " + (ex.InnerException ?? ex).Message);
                }
            }
        }
        output.WriteLine(checkedCount + " constrained properties: " + string.Join(", ", byKeyword.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value)));
        Assert.True(failures.Count == 0, failures.Count + " of " + checkedCount + " not refused:\n" + string.Join("\n", failures.Take(30)));
        Assert.True(checkedCount > 300, checkedCount + " constrained properties found");
    }

    [Fact]
    public void Every_constrained_parameter_is_refused_before_anything_is_sent()
    {
        var assembly = fx.Assembly!;
        var methods = Methods();
        var counter = new Counter();
        var clientType = assembly.GetType(WholeSpecFixture.Namespace + ".AtlasClient")!;
        var client = Activator.CreateInstance(clientType, new HttpClient(counter) { BaseAddress = new Uri("http://127.0.0.1:9/") })!;
        var failures = new List<string>();
        var byKeyword = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedCount = 0;
        foreach (var (path, item) in fx.Root["paths"]!.Entries.Select(e => (e.Key, e.Value)))
        {
            foreach (var op in item.Entries.Where(e => e.Key is "get" or "put" or "post" or "patch" or "delete"))
            {
                var id = op.Value.Str("operationId");
                if (id is null || !methods.TryGetValue(id, out var target)) continue;
                var parameters = (item["parameters"]?.Items ?? []).Concat(op.Value["parameters"]?.Items ?? []).Select(Resolve).ToList();
                foreach (var p in parameters)
                {
                    if (p.Str("in") is not ("path" or "query" or "header") || p.Str("name") is not { } wire) continue;
                    if (p["schema"] is not { } schema || Bad(Resolve(schema)) is not { } bad) continue;
                    var (group, method) = target;
                    var info = method.GetParameters().FirstOrDefault(x => Same(x.Name!, wire));
                    if (info is null) continue; // a parameter the generated method does not take (a header the client sets)
                    checkedCount++;
                    byKeyword[bad.Keyword] = byKeyword.GetValueOrDefault(bad.Keyword) + 1;
                    var args = method.GetParameters().Select(x => x == info ? Convert(bad.Value, x.ParameterType) : Valid(x, parameters)).ToArray();
                    var before = counter.Count;
                    var thrown = Record.Exception(() => method.Invoke(clientType.GetProperty(group)!.GetValue(client), args));
                    var inner = thrown is TargetInvocationException t ? t.InnerException : thrown;
                    if (inner is not ArgumentException argument || !(argument.Message.Contains(info.Name!, StringComparison.Ordinal)))
                    {
                        failures.Add(id + "(" + info.Name + " = " + bad.Value?.ToJsonString() + ", " + bad.Keyword + "): " + (inner is null ? "accepted" : inner.GetType().Name + ": " + inner.Message));
                    }
                    if (counter.Count != before) failures.Add(id + "(" + info.Name + "): a request was sent");
                }
            }
        }
        output.WriteLine(checkedCount + " constrained parameters: " + string.Join(", ", byKeyword.OrderBy(k => k.Key).Select(k => k.Key + " " + k.Value)));
        Assert.True(failures.Count == 0, failures.Count + " of " + checkedCount + " not refused:\n" + string.Join("\n", failures.Take(30)));
        Assert.Equal(0, counter.Count);
        Assert.True(checkedCount > 200, checkedCount + " constrained parameters found");
    }

    private sealed record Violation(string Keyword, JsonNode? Value);

    /// <summary>One value breaking the first constraint the schema states, read from the spec.</summary>
    private Violation? Bad(YNode schema)
    {
        var type = schema.Str("type");
        double? Num(string key) => schema[key] is { IsScalar: true } n && double.TryParse(n.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        var integer = type == "integer";
        JsonNode Number(double d) => integer ? JsonValue.Create((long)d) : JsonValue.Create(d);
        if (type is "integer" or "number")
        {
            if (Num("minimum") is { } min) return new("minimum", Number(schema.Bool("exclusiveMinimum") ? min : integer ? min - 1 : min - 0.5));
            if (Num("exclusiveMinimum") is { } xmin) return new("exclusiveMinimum", Number(xmin));
            if (Num("maximum") is { } max) return new("maximum", Number(schema.Bool("exclusiveMaximum") ? max : integer ? max + 1 : max + 0.5));
            if (Num("exclusiveMaximum") is { } xmax) return new("exclusiveMaximum", Number(xmax));
            if (Num("multipleOf") is { } step && (!integer || step > 1)) return new("multipleOf", Number(integer ? step + 1 : step * 1.5));
        }
        if (type == "string")
        {
            if (Num("minLength") is { } min && min > 0) return new("minLength", JsonValue.Create(new string('a', (int)min - 1)));
            if (Num("maxLength") is { } max) return new("maxLength", JsonValue.Create(new string('a', (int)max + 1)));
        }
        if (type == "array")
        {
            var item = Item(schema["items"] is { } i ? Resolve(i) : null);
            if (Num("minItems") is { } min && min > 0) return new("minItems", new JsonArray(Enumerable.Range(0, (int)min - 1).Select(_ => item?.DeepClone()).ToArray()));
            if (Num("maxItems") is { } max && max < 1000) return new("maxItems", new JsonArray(Enumerable.Range(0, (int)max + 1).Select(_ => item?.DeepClone()).ToArray()));
            if (schema.Bool("uniqueItems")) return new("uniqueItems", new JsonArray(item?.DeepClone(), item?.DeepClone()));
        }
        return null;
    }

    /// <summary>An item of an array: the first enum value, a string, a number, an empty object.</summary>
    private static JsonNode? Item(YNode? schema) => schema switch
    {
        { } s when s["enum"] is { IsSequence: true, Items.Count: > 0 } e => JsonValue.Create(e.Items[0].Value),
        { } s when s.Str("type") is "integer" or "number" => JsonValue.Create(1),
        { } s when s.Str("type") is "string" => JsonValue.Create("a"),
        _ => new JsonObject(),
    };

    private YNode Resolve(YNode node)
    {
        for (var i = 0; i < 10 && node.Str("$ref") is { } r && r.StartsWith("#/", StringComparison.Ordinal); i++)
        {
            YNode? target = fx.Root;
            foreach (var part in r[2..].Split('/')) target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            if (target is null) break;
            node = target;
        }
        return node;
    }

    /// <summary>A valid argument: the spec's example (or first enum value) of the parameter, else a neutral value; optional ones left at their default.</summary>
    private object? Valid(ParameterInfo p, List<YNode> parameters)
    {
        if (p.HasDefaultValue) return p.DefaultValue is DBNull ? Type.Missing : p.DefaultValue;
        var spec = parameters.FirstOrDefault(x => x.Str("name") is { } n && Same(p.Name!, n));
        var schema = spec?["schema"] is { } s ? Resolve(s) : null;
        var example = spec?.Str("example") ?? schema?.Str("example") ?? (schema?["enum"] is { IsSequence: true, Items.Count: > 0 } e ? e.Items[0].Value : null);
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (type == typeof(string))
        {
            // The spec's example, else the first of a few usual identifiers that its pattern accepts.
            var pattern = schema?.Str("pattern");
            string[] candidates = [example ?? "0123456789abcdef01234567", "0123456789abcdef01234567", new string('a', 64), "mongo-1.example.com:27017", "a", "1"];
            return candidates.FirstOrDefault(c => pattern is null || Regex.IsMatch(c, pattern)) ?? candidates[0];
        }
        if (type == typeof(int)) return 1;
        if (type == typeof(long)) return 1L;
        if (type == typeof(double)) return 1.0;
        if (type == typeof(bool)) return false;
        if (type.IsValueType && type.GetConstructor([typeof(string)]) is { } enumCtor) return enumCtor.Invoke([example ?? "x"]);
        // A body: an empty instance of the type or of its first concrete variant (body validation is off by default; a
        // null body would be refused at once, before the parameters' checks).
        if (p.Name == "body" && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)) return Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()));
        if (p.Name == "body" && type.Assembly.GetTypes().FirstOrDefault(t => type.IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null) is { } concrete)
        {
            return Activator.CreateInstance(concrete);
        }
        return null;
    }

    private static object? Convert(JsonNode? value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = t.GetGenericArguments()[0];
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            foreach (var v in value!.AsArray()) list.Add(Convert(v, item));
            return list;
        }
        // An item whose schema the synthesis could not read (an object for a list of strings): a value of the item's type.
        var text = value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : "a";
        if (t.IsValueType && t.GetConstructor([typeof(string)]) is { } enumCtor) return enumCtor.Invoke([text]);
        if (t == typeof(string)) return text;
        return value!.Deserialize(t);
    }

    private static bool Same(string csharp, string wire)
        => string.Equals(Regex.Replace(csharp, "[^A-Za-z0-9]", ""), Regex.Replace(wire, "[^A-Za-z0-9]", ""), StringComparison.OrdinalIgnoreCase);

    /// <summary>Operation id → (client property of its group, method), from the generated interface docs ("operationId <c>x</c>").</summary>
    private Dictionary<string, (string Group, MethodInfo Method)> Methods()
    {
        var map = new Dictionary<string, (string, MethodInfo)>(StringComparer.Ordinal);
        var clientType = fx.Assembly!.GetType(WholeSpecFixture.Namespace + ".AtlasClient")!;
        foreach (var group in clientType.GetProperties().Where(p => p.PropertyType.Name.EndsWith("Operations", StringComparison.Ordinal)))
        {
            var source = fx.Sources.FirstOrDefault(s => s.Text.Contains("interface I" + group.PropertyType.Name, StringComparison.Ordinal)).Text
                ?? fx.Sources.FirstOrDefault(s => s.Text.Contains("class " + group.PropertyType.Name, StringComparison.Ordinal)).Text;
            if (source is null) continue;
            foreach (Match m in Regex.Matches(source, @"\(operationId <c>([^<]+)</c>\)[\s\S]*?\s(\w+Async)\("))
            {
                var method = group.PropertyType.GetMethods().FirstOrDefault(x => x.Name == m.Groups[2].Value);
                if (method is not null) map.TryAdd(m.Groups[1].Value, (group.Name, method));
            }
        }
        Assert.True(map.Count > 400, map.Count + " operations mapped to methods");
        return map;
    }

    private sealed class Counter : HttpMessageHandler
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError));
        }
    }
}
