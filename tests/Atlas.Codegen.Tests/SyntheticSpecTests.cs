using System.Text;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Large synthetic OpenAPI 3.1 documents (deterministic by seed) that use what other vendors' specs use and Atlas does
/// not: <c>type: [x, "null"]</c>, <c>const</c>, nullable <c>anyOf</c>, integer enums, typed <c>additionalProperties</c>,
/// deep JSON pointers, <c>$ref</c> siblings. They must generate and compile with 0 errors.
/// </summary>
public class SyntheticSpecTests
{
    private static string Spec(int seed, int schemas)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        sb.Append("openapi: 3.1.0\ninfo:\n  title: Synthetic ").Append(seed).Append("\n  version: '1'\npaths:\n");
        for (var i = 0; i < schemas; i += 5)
        {
            sb.Append("  /things").Append(i).Append("/{id}:\n    get:\n      operationId: getThing").Append(i).Append('\n')
              .Append("      parameters:\n        - {name: id, in: path, required: true, schema: {type: [string, 'null']}}\n")
              .Append("        - {name: level, in: query, schema: {type: integer, enum: [1, 2, 3]}}\n")
              .Append("      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S").Append(i).Append("'}\n");
            sb.Append("    put:\n      operationId: putThing").Append(i).Append('\n')
              .Append("      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/S").Append(i).Append("/properties/p0'}\n")
              .Append("      responses:\n        '204': {description: done}\n");
        }
        sb.Append("components:\n  schemas:\n");
        for (var i = 0; i < schemas; i++)
        {
            sb.Append("    S").Append(i).Append(":\n      type: object\n      required: [p0]\n      properties:\n");
            for (var p = 0; p < 8; p++)
            {
                sb.Append("        p").Append(p).Append(": ");
                var other = random.Next(schemas);
                switch ((p + random.Next(11)) % 11)
                {
                    case 0: sb.Append("{type: [string, 'null']}"); break;
                    case 1: sb.Append("{const: fixed}"); break;
                    case 2: sb.Append("{anyOf: [{$ref: '#/components/schemas/S").Append(other).Append("'}, {type: 'null'}]}"); break;
                    case 3: sb.Append("{type: integer, enum: [0, 1, 2, 42]}"); break;
                    case 4: sb.Append("{type: object, additionalProperties: {$ref: '#/components/schemas/S").Append(other).Append("'}}"); break;
                    case 5: sb.Append("{$ref: '#/components/schemas/S").Append(other).Append("/properties/p1'}"); break;
                    case 6: sb.Append("{type: [array, 'null'], items: {type: [integer, 'null']}}"); break;
                    case 7: sb.Append("{$ref: '#/components/schemas/S").Append(other).Append("', description: a sibling of $ref}"); break;
                    case 8: sb.Append("{type: object, additionalProperties: {type: array, items: {type: number}}}"); break;
                    case 9: sb.Append("{oneOf: [{type: string}, {type: integer}], nullable: true}"); break;
                    default: sb.Append("{type: string, format: date-time, examples: ['2026-08-10T03:03:06Z']}"); break;
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    public void Synthetic_openapi_3_1_specs_generate_and_compile(int seed, int schemas)
    {
        var (result, output, diagnostics) = TestDriver.Run("openapi/synthetic-" + seed + ".yaml", Spec(seed, schemas));
        Assert.Null(result.Results[0].Exception);
        Assert.DoesNotContain(diagnostics, d => d.Id is "ATLAS900" or "CS8785" || d.Severity == DiagnosticSeverity.Error);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, errors.Count + " errors:\n" + string.Join("\n", errors.GroupBy(e => e.Id).Select(g => g.Key + " x" + g.Count() + ": " + g.First())));
        // One file per generated type (its JSON members inside), at least one per schema, plus the client and the runtime.
        Assert.True(result.Results[0].GeneratedSources.Length > schemas, result.Results[0].GeneratedSources.Length + " files");
    }
}
