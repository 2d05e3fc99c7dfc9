using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>
/// The constraints of a small spec, each where OpenAPI puts it: patterns with their ECMA-262 meaning, a pattern only
/// .NET accepts reported, a body that is an array or a JSON value (a type list), a JSON value's whole schema, an open enum, nulls,
/// <c>additionalProperties: false</c>. Generated, compiled and called through a client whose <c>HttpClient</c> counts
/// requests.
/// </summary>
public class ValidationTests
{
    private const string Spec = """
        openapi: 3.1.0
        info: { title: Checks, version: "1" }
        paths:
          /tags:
            post:
              operationId: putTags
              parameters:
                - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 50, multipleOf: 5 } }
                - { name: codes, in: query, schema: { type: array, maxItems: 2, items: { type: string, pattern: '^\d+$' } } }
                - { name: level, in: query, schema: { type: integer, enum: [1, 2] } }
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { type: array, minItems: 1, uniqueItems: true, items: { type: string, maxLength: 3 } }
              responses: { '204': { description: done } }
          /any:
            post:
              operationId: putAny
              requestBody:
                content:
                  application/json:
                    schema: { type: [integer, string], maximum: 9, maxLength: 2 }
              responses: { '204': { description: done } }
        components:
          schemas:
            Thing:
              type: object
              additionalProperties: false
              properties:
                digits: { type: string, pattern: '^\d+$' }
                word: { type: string, pattern: '^\p{Letter}+$' }
                typo: { type: string, pattern: '^([a-f0-9]{24)$' }
                colour: { type: string, enum: [red, green] }
                count: { type: integer, exclusiveMinimum: 0 }
                emoji: { type: string, maxLength: 1 }
                any: { not: { type: string } }
                level: { type: integer, enum: [1, 2, 3] }
                fixed: { type: string, const: abc }
                colours: { type: array, items: { type: string, enum: [red, green] } }
        """;

    private static readonly (Assembly Assembly, IReadOnlyList<Diagnostic> Diagnostics) Built = Build();

    private static (Assembly, IReadOnlyList<Diagnostic>) Build()
    {
        var (result, compiled, diagnostics) = TestDriver.Run("openapi/checks.yaml", Spec);
        Assert.Null(result.Results[0].Exception);
        var errors = compiled.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        using var pe = new MemoryStream();
        Assert.True(compiled.Emit(pe).Success);
        return (Assembly.Load(pe.ToArray()), diagnostics);
    }

    private static Type T(string name) => Built.Assembly.GetType(TestDriver.Namespace + "." + name)!;

    private static IReadOnlyList<string> Errors(string json)
    {
        var value = JsonSerializer.Deserialize(json, T("Thing"))!;
        return (IReadOnlyList<string>)T("Thing").GetMethod("GetValidationErrors")!.Invoke(value, null)!;
    }

    [Fact]
    public void Patterns_mean_what_they_mean_in_ECMA_262()
    {
        Assert.Empty(Errors("""{"digits":"0123","word":"Ärger"}"""));
        // \d is ASCII (not Arabic-Indic digits); $ is the end (not before a final newline); \p{Letter} is Unicode.
        Assert.Equal(["digits: '١٢٣' does not match \"^\\\\d+$\""], Errors("""{"digits":"١٢٣"}"""));
        Assert.Single(Errors("""{"digits":"123\n"}"""));
        Assert.Single(Errors("""{"word":"abc1"}"""));
        // A pattern only .NET accepts (the typo {24) for {24}) is reported at its line and not enforced.
        var typo = Assert.Single(Built.Diagnostics, d => d.Id == "ATLAS009");
        Assert.Contains("'{' at offset 10 is neither escaped nor a quantifier", typo.GetMessage());
        Assert.Equal(33, typo.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(Errors("""{"typo":"anything"}"""));
    }

    [Fact]
    public void Every_other_keyword_of_a_record_is_reported_with_its_path_and_rule()
    {
        Assert.Equal(
            [
                "colour: 'blue' is not one of the values the schema lists (enum)",
                "count: 0 is not greater than the exclusive minimum 0",
                "any: \"text\" matches the schema of not",
                "level: 4 is not one of the values the schema allows (enum)",
                "fixed: \"abd\" is not \"abc\" (const)",
                "colours[1]: 'blue' is not one of the values the schema lists (enum)",
                "extra: is not a property the schema allows (additionalProperties: false)",
                "digits: is null, which its schema does not allow",
            ],
            Errors("""{"colour":"blue","count":0,"any":"text","extra":1,"digits":null,"emoji":"😀","level":4,"fixed":"abd","colours":["red","blue"]}"""));
        // A typed scalar with an enum or const beside its type is checked against them (no JSON document made).
        Assert.Empty(Errors("""{"level":3,"fixed":"abc"}"""));
        // Lengths count code points: one emoji is one character.
        Assert.Empty(Errors("""{"emoji":"😀","any":1}"""));
    }

    [Fact]
    public void Parameters_and_bodies_that_break_the_spec_are_refused_before_anything_is_sent()
    {
        var counter = new Counter();
        var client = Activator.CreateInstance(T("ChecksClient"), new HttpClient(counter) { BaseAddress = new Uri("http://127.0.0.1:9/") },
            Activator.CreateInstance(T("ChecksClientOptions")) is { } o ? Set(o, "ValidateRequestBodies", true) : null)!;
        var group = client.GetType().GetProperties().Single(p => p.PropertyType.Name.EndsWith("Operations", StringComparison.Ordinal)).GetValue(client)!;
        var putTags = group.GetType().GetMethod("PutTagsAsync")!;
        var putAny = group.GetType().GetMethod("PutAnyAsync")!;

        var wrong = Assert.IsType<ArgumentException>(Invoke(putTags, group, new List<string> { "abcd", "abcd" }, 7L, new List<string> { "1", "x", "3" }, 5L));
        Assert.Equal("Invalid arguments, nothing was sent: limit: 7 is not a multiple of 5; codes: has 3 items, more than the maximum 2; codes[1]: 'x' does not match ^[0-9]+\\z; level: 5 is not one of the values the schema allows (enum); "
            + "body: items 0 and 1 are equal (uniqueItems); body[0]: has 4 characters, more than maxLength 3; body[1]: has 4 characters, more than maxLength 3", wrong.Message);
        var body = Assert.IsType<ArgumentOutOfRangeException>(Invoke(putTags, group, new List<string> { "abcd", "abcd" }, null, null));
        Assert.Equal("Invalid arguments, nothing was sent: body: items 0 and 1 are equal (uniqueItems); body[0]: has 4 characters, more than maxLength 3; body[1]: has 4 characters, more than maxLength 3 (Parameter 'body')", body.Message);
        var any = Assert.IsType<ArgumentOutOfRangeException>(Invoke(putAny, group, JsonDocument.Parse("12").RootElement));
        Assert.Equal("Invalid argument, nothing was sent: body: 12 is greater than the maximum 9 (Parameter 'body')", any.Message);
        Assert.Null(Invoke(putAny, group, JsonDocument.Parse("\"ab\"").RootElement));
        Assert.Equal(1, counter.Count);
        counter.Count = 0;
        Assert.Equal(0, counter.Count);
    }

    private static object Set(object options, string name, object value)
    {
        options.GetType().GetProperty(name)!.SetValue(options, value);
        return options;
    }

    private static Exception? Invoke(MethodInfo method, object target, params object?[] args)
    {
        var all = method.GetParameters().Select((p, i) => i < args.Length ? args[i] : p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        try
        {
            // The argument checks run at the call, before any Task exists: a valid call's request is sent and awaited here.
            var call = method.Invoke(target, all)!;
            ((Task)call.GetType().GetMethod("WithRawResponse")!.Invoke(call, null)!).GetAwaiter().GetResult();
            return null;
        }
        catch (TargetInvocationException t)
        {
            return t.InnerException;
        }
    }

    private sealed class Counter : HttpMessageHandler
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        }
    }
}
