using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Diagnostics;

/// <summary>
/// The one catalogue of Atlas.Codegen diagnostics. Bands: ATLAS0xx problems in the spec (errors stop the affected
/// output only), ATLAS1xx constructs the generator does not support (warnings; a best-effort type is generated),
/// ATLAS9xx failures of the generator itself. Every ID has a section in docs/diagnostics.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Atlas.Codegen";

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new();

    public static readonly DiagnosticDescriptor InvalidYaml = Make("ATLAS001", DiagnosticSeverity.Error,
        "OpenAPI document is not valid YAML or JSON",
        "'{0}' could not be parsed: {1}",
        "The file is an AdditionalFiles input but it is not well-formed YAML/JSON. Nothing is generated from it.");

    public static readonly DiagnosticDescriptor NotOpenApi = Make("ATLAS002", DiagnosticSeverity.Error,
        "Not an OpenAPI 3 document",
        "'{0}' is not an OpenAPI 3.x document: {1}",
        "The file was given Atlas options but has no 'openapi: 3.x' root key, or declares an unsupported version (Swagger 2.0).");

    public static readonly DiagnosticDescriptor UnresolvedRef = Make("ATLAS003", DiagnosticSeverity.Error,
        "Unresolved $ref",
        "$ref '{0}' does not resolve to anything in this document; {1} is generated instead",
        "Only local references (#/components/...) are resolved. A broken reference is replaced by an untyped JsonElement so the rest of the spec still generates.");

    public static readonly DiagnosticDescriptor RefCycle = Make("ATLAS004", DiagnosticSeverity.Error,
        "$ref cycle that cannot be represented",
        "'{0}' is part of a $ref/allOf cycle ({1}) that cannot be represented as a C# type; the cycle is cut here",
        "A schema that is an alias of itself, or inherits from itself through allOf, has no finite C# shape. Recursion through properties is fine.");

    public static readonly DiagnosticDescriptor DiscriminatorMappingMissing = Make("ATLAS005", DiagnosticSeverity.Error,
        "Discriminator mapping targets a missing schema",
        "Discriminator mapping '{0}' of '{1}' points to '{2}', which is not a schema of this document; the value is treated as unknown",
        "Every mapping value must be a $ref to a schema under #/components/schemas.");

    public static readonly DiagnosticDescriptor DiscriminatorPropertyMissing = Make("ATLAS006", DiagnosticSeverity.Warning,
        "Discriminator property absent from a variant",
        "Variant '{0}' of '{1}' does not declare the discriminator property '{2}'",
        "OpenAPI requires every variant to declare the discriminator property. The generated converter still writes it.");

    public static readonly DiagnosticDescriptor NameCollision = Make("ATLAS007", DiagnosticSeverity.Warning,
        "Two names map to the same C# name",
        "'{0}' maps to the C# name '{1}', which is already taken by '{2}'; it is generated as '{3}'",
        "Names are cleaned of characters that are invalid in C#; when two end up equal, the later one (document order) gets a numeric suffix.");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Make("ATLAS008", DiagnosticSeverity.Warning,
        "Name is not a valid C# identifier",
        "'{0}' is not a valid C# identifier after cleaning; it is generated as '{1}'",
        "A name made only of characters that are invalid in C# identifiers gets a positional fallback name.");

    public static readonly DiagnosticDescriptor InvalidPattern = Make("ATLAS009", DiagnosticSeverity.Warning,
        "Invalid regular expression in 'pattern'",
        "The pattern '{0}' is not a valid .NET regular expression: {1}; it is not enforced",
        "Patterns are compiled with System.Text.RegularExpressions at generation time.");

    public static readonly DiagnosticDescriptor MissingOperationId = Make("ATLAS010", DiagnosticSeverity.Warning,
        "Operation without operationId",
        "'{0} {1}' has no operationId; it is named '{2}'",
        "Operation names come from x-xgen-operation-id-override or operationId; without either, a name is derived from the method and path.");

    public static readonly DiagnosticDescriptor DuplicateOperationId = Make("ATLAS011", DiagnosticSeverity.Error,
        "Duplicate operationId",
        "operationId '{0}' is used more than once; this occurrence is skipped",
        "operationId must be unique within a document.");

    public static readonly DiagnosticDescriptor UnknownOperation = Make("ATLAS012", DiagnosticSeverity.Error,
        "Unknown operation in AtlasOperations",
        "AtlasOperations names '{0}', which is neither an operationId nor an x-xgen-operation-id-override of '{1}'",
        "Each name in the operation filter must match an operation of the spec.");

    public static readonly DiagnosticDescriptor DocumentTooLarge = Make("ATLAS013", DiagnosticSeverity.Error,
        "OpenAPI document too large",
        "'{0}' is too large: {1}",
        "Limits protect the build: file size, node count after alias expansion (alias bombs).");

    public static readonly DiagnosticDescriptor TooDeeplyNested = Make("ATLAS014", DiagnosticSeverity.Error,
        "OpenAPI document too deeply nested",
        "Nesting deeper than {0} levels; the content below is ignored",
        "Deep nesting is almost always generated or hostile input; the limit keeps the compiler's stack safe.");

    public static readonly DiagnosticDescriptor InvalidSchema = Make("ATLAS015", DiagnosticSeverity.Warning,
        "Invalid schema construct",
        "{0}; {1} is generated instead",
        "The node does not have the shape the OpenAPI specification requires.");

    public static readonly DiagnosticDescriptor DuplicateKey = Make("ATLAS016", DiagnosticSeverity.Warning,
        "Duplicate mapping key",
        "Key '{0}' appears more than once in the same mapping; the last occurrence wins",
        "YAML mappings must have unique keys.");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Make("ATLAS100", DiagnosticSeverity.Warning,
        "Unsupported OpenAPI construct",
        "{0} is not supported; {1} is generated instead",
        "The construct has no typed representation yet; the generated member still round-trips the JSON.");

    public static readonly DiagnosticDescriptor InternalError = Make("ATLAS900", DiagnosticSeverity.Error,
        "Atlas.Codegen failed unexpectedly",
        "Atlas.Codegen failed while {0}: {1}",
        "An unexpected exception was caught at a stage boundary; please report it with the spec that caused it.");

    public static DiagnosticDescriptor ById(string id) => All[id];

    public static IEnumerable<DiagnosticDescriptor> Descriptors => All.Values;

    private static DiagnosticDescriptor Make(string id, DiagnosticSeverity severity, string title, string message, string description)
    {
        var d = new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true,
            description: description, helpLinkUri: HelpLinks.For(id));
        All.Add(id, d);
        return d;
    }
}

internal static class HelpLinks
{
    public const string Base = "https://github.com/atlas-codegen/Atlas.Codegen/blob/main/docs/diagnostics.md#";

    public static string For(string id) => Base + id.ToLowerInvariant();
}
