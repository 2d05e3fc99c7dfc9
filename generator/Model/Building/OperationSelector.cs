using System;
using System.Collections.Generic;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>An operation the client will have, with the API version chosen for it.</summary>
internal sealed class SelectedOperation
{
    public SelectedOperation(PathOperation operation, string name, VersionChoice version)
    {
        Name = name;
        Path = operation.Path.Key;
        Method = operation.Method.Key;
        Node = operation.Method.Value;
        PathItem = operation.Path.Value;
        MethodEntry = operation.Method;
        Version = version.Version;
        NewerVersion = version.Newer;
    }

    /// <summary>The name its method is made from: x-xgen-operation-id-override, else a unique operationId, else method and path.</summary>
    public string Name { get; }

    /// <summary>The API version chosen for this operation (null: its media types are not versioned).</summary>
    public string? Version { get; }

    /// <summary>The newest stable version after <see cref="Version"/> (null when none, or when that is no date).</summary>
    public string? NewerVersion { get; }

    public string Path { get; }

    public string Method { get; }

    public YNode Node { get; }

    public YNode PathItem { get; }

    public YEntry MethodEntry { get; }
}

/// <summary>The operations the client will have, and the named schemas to generate.</summary>
internal sealed class OperationSelection
{
    public OperationSelection(List<SelectedOperation> operations, HashSet<string> emitted)
    {
        Operations = operations;
        Emitted = emitted;
    }

    public List<SelectedOperation> Operations { get; }

    /// <summary>The named schemas to generate: all without an operation filter, else those the selected operations reach.</summary>
    public HashSet<string> Emitted { get; }
}

/// <summary>
/// Picks the operations (the AtlasOperations filter, the API version target) and marks how each named schema is used:
/// every schema the selected operations reach through parameters, the chosen version's bodies and the responses is
/// marked request, response or both (request types drop readOnly properties, responses writeOnly ones).
/// </summary>
internal sealed class OperationSelector
{
    private readonly ModelContext _context;

    public OperationSelector(ModelContext context) => _context = context;

    private SchemaCatalog Schemas => _context.Schemas;

    public OperationSelection Select()
    {
        var root = _context.Root;
        var options = _context.Options;
        var diagnostics = _context.Diagnostics;
        var filter = options.Operations.IsEmpty ? null : new HashSet<string>(options.Operations, StringComparer.Ordinal);
        var paths = root["paths"];
        if (paths is not null && !paths.IsMapping && !paths.IsNull)
        {
            diagnostics.Report(DiagnosticDescriptors.InvalidSchema, root.KeyOf("paths"), "'paths' is not a mapping of paths to operations", "no operation");
        }
        var selected = new List<SelectedOperation>();
        var leftOut = new List<string>();
        var selectedNames = new HashSet<string>(StringComparer.Ordinal);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in OpenApiPaths.Operations(root))
        {
            var (path, method, op) = (operation.Path.Key, operation.Method.Key, operation.Method.Value);
            var id = op.Str("operationId");
            var over = op.Str(VendorExtensions.OperationIdOverride);
            if (id is null && over is null)
            {
                diagnostics.Report(DiagnosticDescriptors.MissingOperationId, op, method.ToUpperInvariant(), path,
                    OpenApiPaths.FallbackOperationName(method, path));
            }
            var name = over ?? id ?? OpenApiPaths.FallbackOperationName(method, path);
            if (id is not null && !seenIds.Add(id))
            {
                // The vendor's mistake costs the name only: the operation is generated, named from its method and path.
                name = over ?? OpenApiPaths.FallbackOperationName(method, path);
                diagnostics.Report(DiagnosticDescriptors.DuplicateOperationId, op["operationId"]!, id, method.ToUpperInvariant(), path, name);
            }
            if (filter is not null)
            {
                var hit = (id is not null && filter.Contains(id)) || (over is not null && filter.Contains(over));
                if (!hit) continue;
                if (id is not null) selectedNames.Add(id);
                if (over is not null) selectedNames.Add(over);
            }
            var version = ApiVersions.Choose(VersionsOf(op), options.ApiVersion);
            if (version.LeftOut)
            {
                leftOut.Add(name);
                continue;
            }
            _context.Resolver.ReportUnresolved(op);
            _context.Resolver.ReportUnresolved(operation.Path.Value["parameters"]);
            WalkOperation(op, version.Version);
            if (operation.Path.Value["parameters"] is { IsSequence: true } shared) WalkOperation(shared, null);
            selected.Add(new SelectedOperation(operation, name, version));
        }
        if (leftOut.Count > 0)
        {
            diagnostics.ReportAtFileStart(DiagnosticDescriptors.OperationsLeftOut, Naming.Int(leftOut.Count), options.ApiVersion.ToString(),
                ModelDiagnostics.Few(leftOut));
        }
        if (filter is not null)
        {
            foreach (var f in filter)
            {
                if (!selectedNames.Contains(f)) diagnostics.ReportAtFileStart(DiagnosticDescriptors.UnknownOperation, f, _context.Path);
            }
        }
        var emit = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Schemas.Names)
        {
            if (filter is null || Schemas[name].Usage is not null) emit.Add(name);
            if (selected.Count == 0 || Schemas[name].Usage is null) Schemas[name].Usage ??= SchemaUsage.None;
        }
        return new OperationSelection(selected, emit);
    }

    /// <summary>Every version the operation's request body and success responses offer.</summary>
    private HashSet<string> VersionsOf(YNode op)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Add(YNode? content)
        {
            if (content is not { IsMapping: true }) return;
            foreach (var e in content.Entries) if (ApiVersions.VersionOf(e.Key) is { } v) set.Add(v);
        }
        Add(_context.Resolver.FollowReporting(op["requestBody"])?["content"]);
        if (op["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries)
            {
                if (OpenApiPaths.IsSuccess(r.Key)) Add(_context.Resolver.FollowReporting(r.Value)?["content"]);
            }
        }
        return set;
    }

    /// <summary>Marks the schemas of an operation's parameters (or of a path item's parameter list), bodies and responses.</summary>
    private void WalkOperation(YNode op, string? version)
    {
        var resolver = _context.Resolver;
        var parameters = op.IsSequence ? op : op["parameters"];
        if (parameters is { IsSequence: true })
        {
            foreach (var p in parameters.Items)
            {
                var resolved = resolver.FollowReporting(p);
                resolver.ReportUnresolved(resolved);
                if (resolved?["schema"] is { } s) Walk(s, SchemaUsage.Request, 0);
            }
        }
        // Only the media types of the chosen API version (and unversioned ones): other versions' schemas are not generated.
        var body = resolver.FollowReporting(op["requestBody"]);
        resolver.ReportUnresolved(body);
        if (body?["content"] is { IsMapping: true } content)
        {
            foreach (var c in content.Entries) if (ApiVersions.InVersion(c.Key, version) && c.Value["schema"] is { } s) Walk(s, SchemaUsage.Request, 0);
        }
        if (op["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries)
            {
                var resp = resolver.FollowReporting(r.Value);
                resolver.ReportUnresolved(resp);
                var success = OpenApiPaths.IsSuccess(r.Key);
                if (resp?["content"] is { IsMapping: true } rc)
                {
                    foreach (var c in rc.Entries)
                    {
                        if ((!success || ApiVersions.InVersion(c.Key, version)) && c.Value["schema"] is { } s) Walk(s, SchemaUsage.Response, 0);
                    }
                }
            }
        }
    }

    /// <summary>Marks every named schema reachable from <paramref name="node"/> with <paramref name="usage"/>.</summary>
    private void Walk(YNode node, SchemaUsage usage, int depth)
    {
        if (depth > ModelContext.MaxInlineDepth || !node.IsMapping) return;
        if (Schemas.LiftedAt(node) is { } lifted && !(Schemas[lifted].Usage is { } had && (had & usage) == usage))
        {
            WalkNamed(lifted, node, usage);
            return;
        }
        var r = node.Str("$ref");
        if (r is not null)
        {
            if (SchemaResolver.SchemaName(r) is { } name)
            {
                if (Schemas.TryNode(name, out var target)) WalkNamed(name, target, usage);
            }
            else if (_context.Resolver.Pointer(r) is { } deep)
            {
                Walk(deep, usage, depth + 1);
            }
            return;
        }
        foreach (var key in new[] { "items", "additionalProperties", "not" })
        {
            if (node[key] is { IsMapping: true } child) Walk(child, usage, depth + 1);
        }
        if (node["properties"] is { IsMapping: true } props)
        {
            foreach (var p in props.Entries) Walk(p.Value, usage, depth + 1);
        }
        foreach (var key in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (node[key] is { IsSequence: true } list)
            {
                foreach (var item in list.Items) Walk(item, usage, depth + 1);
            }
        }
    }

    private void WalkNamed(string name, YNode target, SchemaUsage usage)
    {
        var state = Schemas[name];
        var had = state.Usage is not null;
        var u = state.Usage ?? SchemaUsage.None;
        if (had && (u & usage) == usage) return;
        state.Usage = u | usage;
        Walk(target, usage, 0);
        if (state.Union is { } info)
        {
            foreach (var v in info.Variants) WalkNamed(v.Value, Schemas[v.Value].Node, usage);
        }
        if (state.BaseOf is { } b) WalkNamed(b, Schemas[b].Node, usage);
    }
}
