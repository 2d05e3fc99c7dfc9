using System.Collections.Generic;
using System.Threading;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// What every step of building one document's model shares: the document, its options, the one diagnostics collector,
/// the one <c>$ref</c> resolver, the named schemas, the type namer, and the generated types in the order they are built.
/// </summary>
internal sealed class ModelContext
{
    /// <summary>Deepest nesting of inline schemas followed (deeper is reported, ATLAS012).</summary>
    public const int MaxInlineDepth = 64;

    public ModelContext(YNode root, string path, FileOptions options, string clientName, ModelDiagnostics diagnostics, CancellationToken cancellation)
    {
        Root = root;
        Path = path;
        Options = options;
        ClientName = clientName;
        Diagnostics = diagnostics;
        Cancellation = cancellation;
        Resolver = new SchemaResolver(root, diagnostics);
        Namer = new TypeNamer(clientName, diagnostics);
        Patterns = new PatternChecker(diagnostics);
        Constraints = new ConstraintReader(Resolver, Patterns);
    }

    public YNode Root { get; }

    public string Path { get; }

    public FileOptions Options { get; }

    /// <summary>The client's class name without the "Client" suffix.</summary>
    public string ClientName { get; }

    public CancellationToken Cancellation { get; }

    public ModelDiagnostics Diagnostics { get; }

    public SchemaResolver Resolver { get; }

    public SchemaCatalog Schemas { get; } = new();

    public TypeNamer Namer { get; }

    public PatternChecker Patterns { get; }

    public ConstraintReader Constraints { get; }

    /// <summary>The generated types, in the order they are built.</summary>
    public List<TypeSpec> Types { get; } = new();

    public TypeSpec NewType(TypeShape kind, string name, string? description)
        => new() { Kind = kind, Namespace = Options.Namespace, Name = name, Accessibility = Options.Accessibility, Description = description };

    /// <summary>A reference to a generated type of this document.</summary>
    public TypeRefSpec Reference(ValueKind kind, string name) => new(kind, Options.Namespace, name);
}
