using System.Reflection;
using System.Text.Json;
using Atlas.Codegen.LocalAtlas;

namespace Atlas.Codegen.Tests;

/// <summary>
/// What keeps the generated code small (it is compiled on every build of the user's project) without changing what it
/// does: validation code only in types that have something to check, records printing their JSON instead of a
/// synthesized member list, name tables instead of per-type switches.
/// </summary>
public sealed class LeanOutputTests
{
    private const string Spec = """
        openapi: 3.0.1
        info: { title: Lean, version: "1" }
        paths: {}
        components:
          schemas:
            Plain:
              description: Nothing to check (null is allowed everywhere).
              type: object
              properties:
                name: { type: string, nullable: true }
                inner: { allOf: [{ $ref: '#/components/schemas/AlsoPlain' }], nullable: true }
            AlsoPlain:
              type: object
              properties:
                count: { type: integer, format: int32, nullable: true }
            Outer:
              description: No constraint of its own; what it holds has one, two levels down.
              type: object
              properties:
                middle: { $ref: '#/components/schemas/Middle' }
            Middle:
              type: object
              properties:
                items: { type: array, items: { $ref: '#/components/schemas/Checked' } }
            Checked:
              type: object
              properties:
                id: { type: string, pattern: '^[a-f0-9]{4}$' }
            Left:
              description: A cycle; only Right has a constraint.
              type: object
              properties:
                right: { $ref: '#/components/schemas/Right' }
            Right:
              type: object
              required: [code]
              properties:
                code: { type: string }
                left: { $ref: '#/components/schemas/Left' }
            Colour:
              type: string
              enum: [red, green, blue, teal, navy]
            Named:
              type: object
              properties:
                ab: { type: string }
                cd: { type: string }
                "n\u00e9": { type: string }
                colour: { $ref: '#/components/schemas/Colour' }
        """;

    private const string QuerySpec = """
        openapi: 3.0.1
        info: { title: Things, version: "1" }
        paths:
          /things:
            get:
              operationId: listThings
              tags: [Things]
              parameters:
                - { name: name, in: query, schema: { type: string } }
                - { name: count, in: query, required: true, schema: { type: integer, format: int32 } }
                - { name: big, in: query, schema: { type: integer, format: int64 } }
                - { name: ratio, in: query, schema: { type: number } }
                - { name: since, in: query, schema: { type: string, format: date-time } }
                - { name: kind, in: query, schema: { type: string, enum: [one, two] } }
                - { name: flag, in: query, schema: { type: boolean } }
                - { name: tags, in: query, schema: { type: array, items: { type: string } } }
                - { name: "a b", in: query, schema: { type: string } }
                - { name: unset, in: query, schema: { type: string } }
              responses:
                "200": { description: ok, content: { application/json: { schema: { type: object } } } }
        """;

    private static readonly Lazy<GeneratedAssembly> Lean = new(() => GeneratedAssembly.Build(Spec, new() { ["AtlasNamespace"] = "Lean" }));

    private static Type T(string name) => Lean.Value.Type(name);

    private static object Read(string type, string json) => JsonSerializer.Deserialize(json, T(type))!;

    private static IReadOnlyList<string> Errors(object value)
        => (IReadOnlyList<string>)value.GetType().GetMethod("GetValidationErrors")!.Invoke(value, null)!;

    private static bool HasValidationCode(string type)
        => T(type).GetMethod("ValidateInto", BindingFlags.Instance | BindingFlags.NonPublic) is not null;

    [Fact]
    public void Only_types_with_something_to_check_carry_validation_code()
    {
        Assert.False(HasValidationCode("Plain"));
        Assert.False(HasValidationCode("AlsoPlain"));
        Assert.Empty(Errors(Read("Plain", """{"name":"x","inner":{"count":1}}""")));

        // A property whose schema does not allow null is something to check: a null read is kept and reported.
        Assert.True(HasValidationCode("Checked"));
        Assert.Equal(["id: is null, which its schema does not allow"], Errors(Read("Checked", """{"id":null}""")));

        // A constraint two levels down makes every holder check it.
        Assert.True(HasValidationCode("Outer"));
        Assert.True(HasValidationCode("Middle"));
        var outer = Read("Outer", """{"middle":{"items":[{"id":"ab12"},{"id":"nope"}]}}""");
        Assert.Equal(["middle.items[1].id: 'nope' does not match \"^[a-f0-9]{4}$\""], Errors(outer));

        // A cycle: Left has no constraint of its own but holds Right, which has one.
        Assert.True(HasValidationCode("Left"));
        var left = Read("Left", """{"right":{"code":"a","left":{"right":{}}}}""");
        Assert.Equal(["right.left.right.code is required"], Errors(left));
    }

    [Fact]
    public void A_record_prints_the_json_it_serializes_to()
    {
        const string json = """{"name":"x","inner":{"count":1,"extra":[1,2]},"more":true}""";
        var value = Read("Plain", json);
        JsonAssert.Equivalent(json, value.ToString()!);
        Assert.Equal(JsonSerializer.Serialize(value, T("Plain")), value.ToString());
        // A union prints through its converter (discriminator first); an unknown variant as it came.
        Assert.StartsWith("{\"cloudProvider\":\"AWS\"", new Atlas.CreateAWSEndpointRequest { Id = "vpce-1" }.ToString());
        var unknown = JsonSerializer.Deserialize<Atlas.PrivateLinkEndpoint>("""{"b":1,"cloudProvider":"ORACLE"}""")!;
        Assert.Equal("""{"b":1,"cloudProvider":"ORACLE"}""", unknown.ToString());
    }

    /// <summary>An object of 70 properties: which were seen (and null) no longer fits one 64-bit word.</summary>
    private static readonly Lazy<GeneratedAssembly> Wide = new(() =>
    {
        var props = string.Concat(Enumerable.Range(0, 70).Select(i => "\n            p" + i.ToString("00") + ": " + (i switch
        {
            65 or 69 => "{ type: integer, format: int32 }",
            67 or 68 => "{ type: string, nullable: true }",
            _ => "{ type: string }",
        })));
        return GeneratedAssembly.Build("""
            openapi: 3.0.1
            info: { title: Wide, version: "1" }
            paths: {}
            components:
              schemas:
                Wide:
                  type: object
                  required: [p01, p64, p65, p66, p68]
                  properties:
            """ + props + "\n", new() { ["AtlasNamespace"] = "WideApi" });
    });

    [Fact]
    public void An_object_of_more_than_64_properties_is_read_and_written_without_loss()
    {
        var type = Wide.Value.Type("Wide");
        var all = "{" + string.Join(",", Enumerable.Range(0, 70).Select(i => "\"p" + i.ToString("00") + "\":" + (i is 65 or 69 ? i.ToString() : "\"v" + i + "\""))) + ",\"beyond\":[1]}";
        var value = JsonSerializer.Deserialize(all, type)!;
        Assert.Empty((IReadOnlyList<string>)type.GetProperty("MissingRequiredProperties")!.GetValue(value)!);
        Assert.Equal(69, type.GetProperty("P69")!.GetValue(value));
        JsonAssert.Equivalent(all, JsonSerializer.Serialize(value, type));

        // p64 null (not allowed), p66 absent: both missing, in the spec's order; p68 null is allowed; p67 null kept as null.
        const string gaps = """{"p67":null,"p01":"a","p64":null,"p65":7,"p68":null,"p69":null}""";
        var partial = JsonSerializer.Deserialize(gaps, type)!;
        Assert.Equal(["p64", "p66"], (IReadOnlyList<string>)type.GetProperty("MissingRequiredProperties")!.GetValue(partial)!);
        Assert.Null(type.GetProperty("P69")!.GetValue(partial));
        // Written back as read: the missing ones stay out, the explicit and allowed nulls stay null, an optional null is omitted.
        JsonAssert.Equivalent("""{"p67":null,"p01":"a","p65":7,"p68":null}""", JsonSerializer.Serialize(partial, type));

        var strict = (JsonSerializerOptions)Wide.Value.Assembly.GetType("Atlas.Codegen.Runtime.AtlasJson")!.GetProperty("Strict")!.GetValue(null)!;
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(gaps, type, strict));
        Assert.Contains("'p64' is null", ex.Message);
    }

    [Theory]
    [InlineData("""{"ab":"1","cd":"2","n\u00e9":"3","colour":"teal"}""")] // names of equal length, an escaped name
    [InlineData("""{"\u0061b":"1","c\u0064":"2","né":"3","colour":"t\u0065al"}""")] // escapes where the spec has none
    public void Names_and_enum_values_are_found_escaped_or_not(string json)
    {
        var value = Read("Named", json);
        string? P(string name) => value.GetType().GetProperty(name)!.GetValue(value)?.ToString();
        Assert.Equal(("1", "2", "3", "teal"), (P("Ab"), P("Cd"), P("Né") ?? P("N"), P("Colour")));
        Assert.Empty((System.Collections.IDictionary)value.GetType().GetProperty("AdditionalProperties")!.GetValue(value)!);
        var colour = value.GetType().GetProperty("Colour")!.GetValue(value)!;
        Assert.True((bool)colour.GetType().GetProperty("IsKnown")!.GetValue(colour)!);
        // The shared instance of a known value, not a copy.
        Assert.Same(((string)colour.GetType().GetProperty("Value")!.GetValue(colour)!), "teal");
        var unknown = Read("Colour", "\"mauve\"");
        Assert.False((bool)unknown.GetType().GetProperty("IsKnown")!.GetValue(unknown)!);
        Assert.Equal("\"mauve\"", JsonSerializer.Serialize(unknown, T("Colour")));
    }

    [Fact]
    public async Task Query_parameters_of_every_kind_are_sent_escaped_and_unset_ones_left_out()
    {
        var generated = GeneratedAssembly.Build(QuerySpec, new() { ["AtlasNamespace"] = "Things" });
        await using var server = await LocalAtlasServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var client = generated.Client(http);
        var kind = Activator.CreateInstance(generated.Type("Kind") ?? throw new InvalidOperationException(), "two");
        server.Enqueue(200, "{}");
        await client.Things.ListThingsAsync(
            name: "a b&c/é=?", count: 7, big: 9007199254740993L, ratio: 0.5, since: new DateTimeOffset(2026, 11, 29, 1, 2, 3, TimeSpan.FromHours(2)),
            kind: (dynamic?)kind, flag: false, tags: new[] { "x", "y z" }, ab: "1+1");
        Assert.Equal(
            "?count=7&name=a%20b%26c%2F%C3%A9%3D%3F&big=9007199254740993&ratio=0.5&since=2026-11-29T01%3A02%3A03.0000000%2B02%3A00&kind=two&flag=false&tags=x&tags=y%20z&a%20b=1%2B1",
            server.Requests.Single().Query);

        server.Enqueue(200, "{}");
        await client.Things.ListThingsAsync(count: 0);
        Assert.Equal("?count=0", server.Requests.Last().Query);
    }
}
