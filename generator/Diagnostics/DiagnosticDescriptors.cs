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

    public static readonly DiagnosticDescriptor InvalidYaml = new(
        id: "ATLAS001",
        title: "OpenAPI document is not valid YAML or JSON",
        messageFormat: "'{0}' could not be parsed: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The file is an AdditionalFiles input but it is not well-formed YAML/JSON. Nothing is generated from it.",
        helpLinkUri: HelpLinks.Base + "atlas001");

    public static readonly DiagnosticDescriptor NotOpenApi = new(
        id: "ATLAS002",
        title: "Not an OpenAPI 3 document",
        messageFormat: "'{0}' is not an OpenAPI 3.x document: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The file was given Atlas options but has no 'openapi: 3.x' root key, or declares an unsupported version (Swagger 2.0).",
        helpLinkUri: HelpLinks.Base + "atlas002");

    public static readonly DiagnosticDescriptor UnresolvedRef = new(
        id: "ATLAS003",
        title: "Unresolved $ref",
        messageFormat: "$ref '{0}' does not resolve to anything in this document; {1} is generated instead",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Only local references (#/components/...) are resolved. A broken reference is replaced by an untyped JsonElement so the rest of "
            + "the spec still generates.",
        helpLinkUri: HelpLinks.Base + "atlas003");

    public static readonly DiagnosticDescriptor RefCycle = new(
        id: "ATLAS004",
        title: "$ref cycle that cannot be represented",
        messageFormat: "'{0}' is part of a $ref/allOf cycle ({1}) that cannot be represented as a C# type; the cycle is cut here",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A schema that is an alias of itself, or inherits from itself through allOf, has no finite C# shape. Recursion through properties "
            + "is fine.",
        helpLinkUri: HelpLinks.Base + "atlas004");

    public static readonly DiagnosticDescriptor DiscriminatorMappingMissing = new(
        id: "ATLAS005",
        title: "Discriminator mapping targets a missing schema",
        messageFormat: "Discriminator mapping '{0}' of '{1}' points to '{2}', which is not a schema of this document; the value is treated as unknown",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every mapping value must be a $ref to a schema under #/components/schemas.",
        helpLinkUri: HelpLinks.Base + "atlas005");

    public static readonly DiagnosticDescriptor DiscriminatorPropertyMissing = new(
        id: "ATLAS006",
        title: "Discriminator property absent from a variant",
        messageFormat: "Variant '{0}' of '{1}' does not declare the discriminator property '{2}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "OpenAPI requires every variant to declare the discriminator property. The generated converter still writes it.",
        helpLinkUri: HelpLinks.Base + "atlas006");

    public static readonly DiagnosticDescriptor NameCollision = new(
        id: "ATLAS007",
        title: "Two names map to the same C# name",
        messageFormat: "'{0}' maps to the C# name '{1}', which is already taken by '{2}'; it is generated as '{3}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Names are cleaned of characters that are invalid in C#; when two end up equal, the later one (document order) gets a numeric suffix.",
        helpLinkUri: HelpLinks.Base + "atlas007");

    public static readonly DiagnosticDescriptor InvalidIdentifier = new(
        id: "ATLAS008",
        title: "Name is not a valid C# identifier",
        messageFormat: "'{0}' is not a valid C# identifier after cleaning; it is generated as '{1}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A name made only of characters that are invalid in C# identifiers gets a positional fallback name.",
        helpLinkUri: HelpLinks.Base + "atlas008");

    public static readonly DiagnosticDescriptor InvalidPattern = new(
        id: "ATLAS009",
        title: "Invalid regular expression in 'pattern'",
        messageFormat: "The pattern '{0}' is not a valid ECMA-262 regular expression (the dialect of OpenAPI) that .NET can run: {1}; it is not enforced",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Patterns are compiled with System.Text.RegularExpressions at generation time.",
        helpLinkUri: HelpLinks.Base + "atlas009");

    public static readonly DiagnosticDescriptor MissingOperationId = new(
        id: "ATLAS010",
        title: "Operation without operationId",
        messageFormat: "'{0} {1}' has no operationId; it is named '{2}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Operation names come from x-xgen-operation-id-override or operationId; without either, a name is derived from the method and path.",
        helpLinkUri: HelpLinks.Base + "atlas010");

    public static readonly DiagnosticDescriptor DuplicateOperationId = new(
        id: "ATLAS011",
        title: "Duplicate operationId",
        messageFormat: "operationId '{0}' is used more than once; this occurrence ({1} {2}) is named '{3}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "operationId must be unique within a document. The first occurrence keeps the name; each further one is named from its method "
            + "and path, as an operation without operationId is.",
        helpLinkUri: HelpLinks.Base + "atlas011");

    public static readonly DiagnosticDescriptor UnknownOperation = new(
        id: "ATLAS012",
        title: "Unknown operation in AtlasOperations",
        messageFormat: "AtlasOperations names '{0}', which is neither an operationId nor an x-xgen-operation-id-override of '{1}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each name in the operation filter must match an operation of the spec.",
        helpLinkUri: HelpLinks.Base + "atlas012");

    public static readonly DiagnosticDescriptor DocumentTooLarge = new(
        id: "ATLAS013",
        title: "OpenAPI document too large",
        messageFormat: "'{0}' is too large: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Limits protect the build: file size, node count after alias expansion (alias bombs).",
        helpLinkUri: HelpLinks.Base + "atlas013");

    public static readonly DiagnosticDescriptor TooDeeplyNested = new(
        id: "ATLAS014",
        title: "OpenAPI document too deeply nested",
        messageFormat: "Nesting deeper than {0} levels; the content below is ignored",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Deep nesting is almost always generated or hostile input; the limit keeps the compiler's stack safe.",
        helpLinkUri: HelpLinks.Base + "atlas014");

    public static readonly DiagnosticDescriptor InvalidSchema = new(
        id: "ATLAS015",
        title: "Invalid schema construct",
        messageFormat: "{0}; {1} is generated instead",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The node does not have the shape the OpenAPI specification requires.",
        helpLinkUri: HelpLinks.Base + "atlas015");

    public static readonly DiagnosticDescriptor DuplicateKey = new(
        id: "ATLAS016",
        title: "Duplicate mapping key",
        messageFormat: "Key '{0}' appears more than once in the same mapping; the last occurrence wins",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "YAML mappings must have unique keys.",
        helpLinkUri: HelpLinks.Base + "atlas016");

    public static readonly DiagnosticDescriptor OperationsLeftOut = new(
        id: "ATLAS017",
        title: "Operations without a version for AtlasApiVersion",
        messageFormat: "{0} operation(s) offer no version for AtlasApiVersion '{1}' and are not generated: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "With a date, each operation uses its newest stable version not later than the date; with 'latest', its newest stable version. "
            + "Operations with no such version (newer ones, or preview-only ones) are left out.",
        helpLinkUri: HelpLinks.Base + "atlas017");

    public static readonly DiagnosticDescriptor SunsetVersion = new(
        id: "ATLAS018",
        title: "Operations on an API version with a sunset date",
        messageFormat: "{0} operation(s) use an API version the spec gives a sunset date (x-sunset) for AtlasApiVersion '{1}' although a newer version "
            + "exists: {2}; their methods are [Obsolete]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "After the sunset date the server answers 410 VERSION_GONE. Pick a later AtlasApiVersion (the [Obsolete] message names the newer "
            + "version).",
        helpLinkUri: HelpLinks.Base + "atlas018");

    public static readonly DiagnosticDescriptor InvalidApiVersion = new(
        id: "ATLAS019",
        title: "Invalid AtlasApiVersion",
        messageFormat: "AtlasApiVersion '{0}' is neither 'latest', 'preview' nor a date YYYY-MM-DD; 'latest' is used",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The option pins the API version of every operation.",
        helpLinkUri: HelpLinks.Base + "atlas019");

    public static readonly DiagnosticDescriptor RetiredOperations = new(
        id: "ATLAS020",
        title: "Operations the server is retiring",
        messageFormat: "{0} operation(s) have a sunset date (x-sunset) on their newest version, so no later version replaces them: {1}; their methods "
            + "are [Obsolete]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The operation itself is being removed; no AtlasApiVersion avoids it. Calls to its methods warn (CS0618) where they are made.",
        helpLinkUri: HelpLinks.Base + "atlas020");

    public static readonly DiagnosticDescriptor IndistinguishableUnion = new(
        id: "ATLAS021",
        title: "Union members that the JSON cannot tell apart",
        messageFormat: "The {0} members of '{1}' ({2}) cannot be told apart from the JSON (no discriminator, no property whose enum values differ per "
            + "member): one record with every member's properties is generated",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Each property of any member is an optional property of the record; nothing the server sends is lost (undeclared properties are "
            + "kept too). Declare a discriminator in the spec to get one type per member.",
        helpLinkUri: HelpLinks.Base + "atlas021");

    public static readonly DiagnosticDescriptor LargeApiInProject = new(
        id: "ATLAS022",
        title: "A large API compiled with the project on every build",
        messageFormat: "{0} types are generated from '{1}' and compiled with this project on every build of it; AtlasAssemblyName=\"<Project>.Api\" on "
            + "its AdditionalFiles item compiles them once, into their own assembly",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "An edit of the project's own code then compiles that code only; the API is compiled again when the spec, its options, the "
            + "references or the generator change.",
        helpLinkUri: HelpLinks.Base + "atlas022");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = new(
        id: "ATLAS023",
        title: "The project's C# version is older than the generated code needs",
        messageFormat: "The generated code needs C# 11 or later, and this project compiles C# {0}: set <LangVersion>11</LangVersion> (or latest) in the "
            + "project file; nothing is generated until then",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Projects that target .NET Standard or .NET Framework default to C# 7.3. The generated code uses records, init and required "
            + "members and UTF-8 literals; the compiler types they need are generated for targets that lack them.",
        helpLinkUri: HelpLinks.Base + "atlas023");

    public static readonly DiagnosticDescriptor MissingPackages = new(
        id: "ATLAS024",
        title: "A package the generated code needs on this target is not referenced",
        messageFormat: "On this target framework the generated code needs {0}: add a PackageReference (the README lists them per target); nothing is "
            + "generated until then",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: ".NET 8 and later have every API the generated code uses. .NET Standard 2.0 and .NET Framework get them from the packages made "
            + "for them: System.Text.Json, Microsoft.Bcl.AsyncInterfaces, Microsoft.Bcl.TimeProvider, System.Diagnostics.DiagnosticSource.",
        helpLinkUri: HelpLinks.Base + "atlas024");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        id: "ATLAS100",
        title: "Unsupported OpenAPI construct",
        messageFormat: "{0} is not supported; {1} is generated instead",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The construct has no typed representation yet; the generated member still round-trips the JSON.",
        helpLinkUri: HelpLinks.Base + "atlas100");

    public static readonly DiagnosticDescriptor InternalError = new(
        id: "ATLAS900",
        title: "Atlas.Codegen failed unexpectedly",
        messageFormat: "Atlas.Codegen failed while {0}: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An unexpected exception was caught at a stage boundary; please report it with the spec that caused it.",
        helpLinkUri: HelpLinks.Base + "atlas900");

    private static Dictionary<string, DiagnosticDescriptor>? _byId;

    /// <summary>Every descriptor, in ID order.</summary>
    public static DiagnosticDescriptor[] Descriptors => new[]
    {
        InvalidYaml, NotOpenApi, UnresolvedRef, RefCycle, DiscriminatorMappingMissing, DiscriminatorPropertyMissing, NameCollision,
        InvalidIdentifier, InvalidPattern, MissingOperationId, DuplicateOperationId, UnknownOperation, DocumentTooLarge, TooDeeplyNested,
        InvalidSchema, DuplicateKey, OperationsLeftOut, SunsetVersion, InvalidApiVersion, RetiredOperations, IndistinguishableUnion,
        LargeApiInProject, LanguageVersionTooLow, MissingPackages, UnsupportedConstruct, InternalError,
    };

    public static DiagnosticDescriptor ById(string id)
    {
        var map = _byId;
        if (map is null)
        {
            map = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var d in Descriptors) map[d.Id] = d;
            _byId = map;
        }
        return map[id];
    }
}

internal static class HelpLinks
{
    public const string Base = "https://github.com/atlas-codegen/Atlas.Codegen/blob/main/docs/diagnostics.md#";
}
