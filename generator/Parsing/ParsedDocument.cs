using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Parsing;

/// <summary>The output of the parse step: the document tree (or null when it could not be parsed) and the parse diagnostics.</summary>
internal sealed record ParsedDocument(string Path, YNode? Root, bool MentionsOpenApi, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>True when the root mapping has an <c>openapi</c> (or <c>swagger</c>) key.</summary>
    public bool LooksLikeOpenApi => Root is { IsMapping: true } r && (r["openapi"] is not null || r["swagger"] is not null);
}
