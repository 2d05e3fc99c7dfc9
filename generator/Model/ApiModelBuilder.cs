using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model.Building;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model;

/// <summary>
/// Builds the API model of one OpenAPI document: resolves <c>$ref</c>s, classifies schemas (record, union, open enum,
/// alias), names everything by the naming contract and decides what each record carries (request bodies drop
/// readOnly properties, responses drop writeOnly ones). Nothing here knows any particular API.
/// </summary>
internal sealed partial class ApiModelBuilder
{
    private const int MaxInlineDepth = 64;

    [Flags]
    private enum Usage
    {
        None = 0,
        Request = 1,
        Response = 2,
    }

    private enum SchemaClass
    {
        Alias,
        Record,
        Union,
        Enum,
        Json,
        Choice,
    }

    /// <summary>
    /// One named schema and what each phase learns about it: classification, C# name (when emitted), union
    /// information, the union it derives from, and how the selected operations use it.
    /// </summary>
    private sealed class SchemaState
    {
        public SchemaState(YNode node, YNode key)
        {
            Node = node;
            Key = key;
        }

        /// <summary>The schema.</summary>
        public YNode Node { get; }

        /// <summary>Where diagnostics about it point (its key in components.schemas, or the lifted property).</summary>
        public YNode Key { get; }

        public SchemaClass Class { get; set; }

        /// <summary>Its C# type name, once named (only emitted schemas are).</summary>
        public string? TypeName { get; set; }

        /// <summary>For a union: its discriminator and variants.</summary>
        public UnionInfo? Union { get; set; }

        /// <summary>For a variant: the union it derives from (the first, when several list it).</summary>
        public string? BaseOf { get; set; }

        /// <summary>How the selected operations use it (request, response); null when none reaches it.</summary>
        public Usage? Usage { get; set; }

        /// <summary>For a union without a declared discriminator: the property inferred from the members' enums, and value → member.</summary>
        public (string Property, List<KeyValuePair<string, string>> Mapping)? Inferred { get; set; }

        /// <summary>For a choice: each member with its JSON kind and deciding property.</summary>
        public List<(YNode Member, JsonKind Kind, string? Deciding)>? Choice { get; set; }
    }

    /// <summary>The schema of a named schema, when there is one of that name.</summary>
    private bool TryNode(string name, out YNode node)
    {
        var found = _schemas.TryGetValue(name, out var state);
        node = found ? state!.Node : null!;
        return found;
    }

    private sealed class UnionInfo
    {
        public UnionInfo(string discriminator) => Discriminator = discriminator;
        public string Discriminator { get; }
        public List<KeyValuePair<string, string>> Variants { get; } = new();
    }

    private readonly ParsedDocument _doc;
    private readonly FileOptions _options;
    private readonly CancellationToken _ct;
    private readonly string _path;
    private readonly string _ns;
    private readonly Accessibility _access;
    private readonly ModelDiagnostics _diagnostics;
    private readonly TypeNamer _namer;
    private SchemaResolver _resolver = null!;
    // Every named schema (components, and inline unions lifted to a name), with all that is known about it.
    private readonly Dictionary<string, SchemaState> _schemas = new(StringComparer.Ordinal);
    private readonly List<string> _schemaOrder = new();
    private readonly List<TypeSpec> _types = new();
    private readonly List<SelectedOperation> _ops = new();
    private ClientSpec? _client;
    private readonly PatternChecker _patterns;
    private YNode _root = null!;

    private ApiModelBuilder(ParsedDocument doc, FileOptions options, CancellationToken ct)
    {
        _doc = doc;
        _options = options;
        _ct = ct;
        _path = doc.Path;
        _ns = options.Namespace;
        _access = options.Accessibility;
        _diagnostics = new ModelDiagnostics(doc.Path);
        _namer = new TypeNamer(ClientName, _diagnostics);
        _patterns = new PatternChecker(_diagnostics);
    }

    public static ApiModel Build(ParsedDocument doc, FileOptions options, CancellationToken ct)
    {
        var builder = new ApiModelBuilder(doc, options, ct);
        try
        {
            return builder.Run();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Never CS8785: an unexpected failure becomes one diagnostic and this document generates nothing.
            var diags = new List<DiagnosticInfo>(doc.Diagnostics);
            diags.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.FileStart(doc.Path),
                "building the model of '" + doc.Path + "'", ex.GetType().Name + ": " + ex.Message));
            return new ApiModel(doc.Path, EquatableArray<TypeSpec>.Empty, null, null, new EquatableArray<DiagnosticInfo>(diags.ToArray()));
        }
    }

    private ApiModel Result()
    {
        ContextSpec? context = null;
        if (_types.Count > 0)
        {
            var names = _types.Select(t => t.Name).ToArray();
            context = new ContextSpec(_ns, ClientName + "JsonContext", _access, new EquatableArray<string>(names));
        }
        return new(_path, new EquatableArray<TypeSpec>(_types.ToArray()), context, _client, new EquatableArray<DiagnosticInfo>(_diagnostics.ToArray()));
    }

    /// <summary>The client's class name without the "Client" suffix: AtlasClientName, else derived from info.title.</summary>
    private string ClientName
    {
        get
        {
            var name = _options.ClientName is { } n ? Naming.Clean(n) : Naming.Pascal(_doc.Root?["info"]?.Str("title") ?? "");
            if (name.EndsWith("Client", StringComparison.Ordinal)) name = name.Substring(0, name.Length - "Client".Length);
            if (_options.ClientName is null && name.EndsWith("Api", StringComparison.Ordinal) && name.Length > 3) name = name.Substring(0, name.Length - 3);
            return name.Length == 0 ? "Api" : name;
        }
    }

    private ApiModel Run()
    {
        var relevant = _doc.Root is not null ? _doc.LooksLikeOpenApi || _options.OptedIn : _doc.MentionsOpenApi || _options.OptedIn;
        if (!relevant)
        {
            // Some other YAML/JSON file in AdditionalFiles: not ours, say nothing.
            return new ApiModel(_path, EquatableArray<TypeSpec>.Empty, null, null, EquatableArray<DiagnosticInfo>.Empty);
        }
        _diagnostics.AddRange(_doc.Diagnostics);
        _diagnostics.AddRange(_options.Diagnostics);
        if (_doc.Root is null)
        {
            if (_doc.Diagnostics.IsEmpty) _diagnostics.ReportAtFileStart(DiagnosticDescriptors.NotOpenApi, _path, "the file is empty");
            return Result();
        }
        _root = _doc.Root;
        _resolver = new SchemaResolver(_root, _diagnostics);

        if (!CheckVersion()) return Result();
        CollectSchemas();
        LiftInlineUnions();
        ClassifySchemas();
        ClassifyUntypedUnions();
        BuildUnions();
        var emit = ComputeUsageAndEmitSet();
        // Names only for what is emitted, in document order: a schema outside the operation filter never renames one inside.
        foreach (var name in _schemaOrder)
        {
            if (emit.Contains(name) && _schemas[name].Class is SchemaClass.Record or SchemaClass.Union or SchemaClass.Enum or SchemaClass.Choice)
            {
                _schemas[name].TypeName = _namer.NameSchema(name, _schemas[name].Key, _schemas[name].Class == SchemaClass.Enum);
            }
        }
        foreach (var name in _schemaOrder)
        {
            _ct.ThrowIfCancellationRequested();
            if (!emit.Contains(name)) continue;
            _diagnostics.Release(name);
            _resolver.ReportUnresolved(_schemas[name].Node);
            switch (_schemas[name].Class)
            {
                case SchemaClass.Enum:
                    _types.Add(BuildEnum(_schemas[name].TypeName!, _schemas[name].Node, _schemas[name].Node.Str("description")));
                    break;
                case SchemaClass.Union:
                    BuildUnion(name);
                    break;
                case SchemaClass.Record:
                    BuildNamedRecord(name);
                    break;
                case SchemaClass.Choice:
                    BuildChoice(name);
                    break;
            }
        }
        _client = BuildClient();
        foreach (var e in _namer.NameInlineEnums()) _types.Add(BuildEnumFromValues(e.Identity.Name, e.Values, e.Description));
        ValidationPlanner.Mark(_types);
        if (_options.AssemblyName is null && _types.Count >= LargeApiTypes)
        {
            _diagnostics.ReportAtFileStart(DiagnosticDescriptors.LargeApiInProject, _types.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), System.IO.Path.GetFileName(_path));
        }
        return Result();
    }

    /// <summary>From this many generated types on, ATLAS022 suggests AtlasAssemblyName (the whole Atlas spec has about
    /// 1,500; one operation about 30).</summary>
    internal const int LargeApiTypes = 500;

    private bool CheckVersion()
    {
        if (!_root.IsMapping)
        {
            _diagnostics.Report(DiagnosticDescriptors.NotOpenApi, _root, _path, "the root is not a mapping");
            return false;
        }
        var version = _root["openapi"];
        if (version is null)
        {
            var swagger = _root["swagger"];
            _diagnostics.Report(DiagnosticDescriptors.NotOpenApi, swagger ?? _root, _path,
                swagger is not null ? "Swagger 2.0 is not supported, convert it to OpenAPI 3" : "the root mapping has no 'openapi' key");
            return false;
        }
        if (version.Value is null || !version.Value.StartsWith("3.", StringComparison.Ordinal))
        {
            _diagnostics.Report(DiagnosticDescriptors.NotOpenApi, version, _path, "version '" + version.Value + "' is not 3.x");
            return false;
        }
        return true;
    }

    private void CollectSchemas()
    {
        var schemas = _root["components"]?["schemas"];
        if (schemas is null) return;
        if (!schemas.IsMapping)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidSchema, KeyAt(_root["components"]!, "schemas"), "components.schemas is not a mapping", "nothing");
            return;
        }
        foreach (var e in schemas.Entries)
        {
            _schemas[e.Key] = new SchemaState(e.Value, KeyNode(e));
            _schemaOrder.Add(e.Key);
        }
    }

    private void ClassifySchemas()
    {
        foreach (var name in _schemaOrder)
        {
            var node = _schemas[name].Node;
            _schemas[name].Class = Classify(node);
        }
    }

    private SchemaClass Classify(YNode node)
    {
        if (!node.IsMapping) return SchemaClass.Json;
        if (node["$ref"] is not null) return SchemaClass.Alias;
        var hasOneOf = node["oneOf"] is not null || node["anyOf"] is not null;
        var disc = node["discriminator"];
        if (disc is not null && (hasOneOf || disc["mapping"] is { IsMapping: true, Entries.Count: > 0 }))
        {
            return SchemaClass.Union;
        }
        if (hasOneOf) return SchemaClass.Alias; // resolved (with a warning) where it is used
        if (node["enum"] is not null && IsStringType(node)) return SchemaClass.Enum;
        if (node["properties"] is not null) return SchemaClass.Record;
        var allOf = node["allOf"];
        if (allOf is { IsSequence: true })
        {
            // allOf: [ $ref X ] alone is an alias of X (a common way to attach a description).
            if (allOf.Items.Count == 1 && allOf.Items[0].Str("$ref") is { } only)
            {
                // allOf: [$ref Union] alone is a variant without own properties; any other single reference is an alias.
                var target = SchemaResolver.SchemaName(only) is { } named && TryNode(named, out var t) ? t : null;
                return target?["discriminator"] is not null ? SchemaClass.Record : SchemaClass.Alias;
            }
            return SchemaClass.Record;
        }
        return SchemaClass.Alias;
    }

    private static bool IsStringType(YNode node)
    {
        var type = node["type"];
        if (type is null)
        {
            // enum without type: string when every value is a string
            var values = node["enum"];
            return values is { IsSequence: true } && values.Items.All(v => v.IsScalar && (!v.Plain || !IsNonStringPlain(v.Value)));
        }
        if (type.IsScalar) return type.Value == "string";
        return type.IsSequence && type.Items.Any(t => t.Value == "string");
    }

    private static bool IsNonStringPlain(string? v)
        => v is null or "" or "~" or "null" or "true" or "false" || (v.Length > 0 && (char.IsDigit(v[0]) || v[0] == '-'));

    // ---------------------------------------------------------------- unions

    private void BuildUnions()
    {
        foreach (var name in _schemaOrder)
        {
            if (_schemas[name].Class != SchemaClass.Union) continue;
            var node = _schemas[name].Node;
            if (_schemas[name].Inferred is { } inferred)
            {
                var byInference = new UnionInfo(inferred.Property);
                byInference.Variants.AddRange(inferred.Mapping);
                _schemas[name].Union = byInference;
                continue;
            }
            var disc = node["discriminator"]!;
            var prop = disc.Str("propertyName");
            if (prop is null)
            {
                _diagnostics.Hold(name, DiagnosticDescriptors.InvalidSchema, KeyAt(node, "discriminator"), "discriminator of '" + name + "' has no propertyName", "a record without polymorphism");
                _schemas[name].Class = SchemaClass.Record;
                continue;
            }
            var info = new UnionInfo(prop);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var mapping = disc["mapping"];
            if (mapping is { IsMapping: true })
            {
                foreach (var e in mapping.Entries)
                {
                    var target = e.Value.Value ?? "";
                    var schema = SchemaResolver.SchemaName(target) ?? target;
                    if (!_schemas.ContainsKey(schema))
                    {
                        _diagnostics.Hold(name, DiagnosticDescriptors.DiscriminatorMappingMissing, e.Value, e.Key, name, target);
                        continue;
                    }
                    info.Variants.Add(new KeyValuePair<string, string>(e.Key, schema));
                    seen.Add(schema);
                }
            }
            foreach (var list in new[] { node["oneOf"], node["anyOf"] })
            {
                if (list is not { IsSequence: true }) continue;
                foreach (var item in list.Items)
                {
                    var r = item.Str("$ref");
                    if (r is null || SchemaResolver.SchemaName(r) is not { } schema) continue;
                    if (!_schemas.ContainsKey(schema))
                    {
                        _diagnostics.Hold(name, DiagnosticDescriptors.UnresolvedRef, item["$ref"]!, r, "no variant");
                        continue;
                    }
                    if (seen.Add(schema)) info.Variants.Add(new KeyValuePair<string, string>(schema, schema));
                }
            }
            _schemas[name].Union = info;
        }

        // Each variant derives from one union.
        foreach (var name in _schemaOrder)
        {
            if (_schemas[name].Union is not { } info) continue;
            for (var i = info.Variants.Count - 1; i >= 0; i--)
            {
                var (value, variant) = (info.Variants[i].Key, info.Variants[i].Value);
                var at = KeyAt(_schemas[name].Node, "discriminator");
                if (variant == name || _schemas[variant].Class != SchemaClass.Record)
                {
                    _diagnostics.Hold(name, DiagnosticDescriptors.UnsupportedConstruct, at,
                        "Discriminator value '" + value + "' of '" + name + "' maps to '" + variant + "', which is not an object schema",
                        "the unknown variant for that value");
                    info.Variants.RemoveAt(i);
                }
            }
            foreach (var kv in info.Variants.ToArray())
            {
                // A schema that is a variant of several unions derives from the first; the others get a
                // synthesized twin ({Union}{Variant}) that derives from them (C# has single inheritance).
                if (_schemas[kv.Value].BaseOf is { } other && other != name) continue;
                _schemas[kv.Value].BaseOf = name;
            }
        }
    }

    // ---------------------------------------------------------------- usage

    private HashSet<string> ComputeUsageAndEmitSet()
    {
        var filter = ParseFilter();
        var anyOperation = false;
        var paths = _root["paths"];
        if (paths is not null && !paths.IsMapping && !paths.IsNull)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidSchema, KeyAt(_root, "paths"), "'paths' is not a mapping of paths to operations", "no operation");
        }
        var selectedNames = new HashSet<string>(StringComparer.Ordinal);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        if (paths is { IsMapping: true })
        {
            foreach (var p in paths.Entries)
            {
                if (!p.Value.IsMapping) continue;
                foreach (var m in p.Value.Entries)
                {
                    if (!IsHttpMethod(m.Key) || !m.Value.IsMapping) continue;
                    var op = m.Value;
                    var id = op.Str("operationId");
                    var over = op.Str(VendorExtensions.OperationIdOverride);
                    if (id is null && over is null)
                    {
                        _diagnostics.Report(DiagnosticDescriptors.MissingOperationId, op, m.Key.ToUpperInvariant(), p.Key, FallbackOperationName(m.Key, p.Key));
                    }
                    if (id is not null && !seenIds.Add(id))
                    {
                        _diagnostics.Report(DiagnosticDescriptors.DuplicateOperationId, op["operationId"]!, id);
                        continue;
                    }
                    if (filter is not null)
                    {
                        var hit = (id is not null && filter.Contains(id)) || (over is not null && filter.Contains(over));
                        if (!hit) continue;
                        if (id is not null) selectedNames.Add(id);
                        if (over is not null) selectedNames.Add(over);
                    }
                    var version = ApiVersions.Choose(VersionsOf(op), _options.ApiVersion);
                    if (version.LeftOut)
                    {
                        _leftOut.Add(over ?? id ?? FallbackOperationName(m.Key, p.Key));
                        continue;
                    }
                    anyOperation = true;
                    _resolver.ReportUnresolved(op);
                    _resolver.ReportUnresolved(p.Value["parameters"]);
                    WalkOperation(op, version.Version);
                    if (p.Value["parameters"] is { IsSequence: true } shared) WalkOperation(shared, null);
                    _ops.Add(new SelectedOperation(p.Key, m.Key, op, p.Value, m, version));
                }
            }
        }
        ReportVersionChoices();
        if (filter is not null)
        {
            foreach (var f in filter)
            {
                if (!selectedNames.Contains(f))
                {
                    _diagnostics.ReportAtFileStart(DiagnosticDescriptors.UnknownOperation, f, _path);
                }
            }
        }
        var emit = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _schemaOrder)
        {
            if (filter is null || _schemas[name].Usage is not null) emit.Add(name);
            if (!anyOperation || _schemas[name].Usage is null) _schemas[name].Usage ??= Usage.None;
        }
        return emit;
    }

    private HashSet<string>? ParseFilter()
        => _options.Operations.IsEmpty ? null : new HashSet<string>(_options.Operations, StringComparer.Ordinal);

    /// <summary>The name of an operation without operationId: method and path words, e.g. <c>get /pets/{id}</c> → <c>getPetsId</c>.</summary>
    internal static string FallbackOperationName(string method, string path)
    {
        var pascal = Naming.Pascal(path);
        return method.ToLowerInvariant() + (pascal.StartsWith("_", StringComparison.Ordinal) ? pascal.Substring(1) : pascal);
    }

    /// <summary>A success response's status key: <c>2xx</c> as three characters (<c>200</c>, <c>204</c>, <c>2XX</c>).</summary>
    private static bool IsSuccess(string status) => status.Length == 3 && status[0] == '2';

    internal static bool IsHttpMethod(string key)
        => key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";

    private void WalkOperation(YNode op, string? version)
    {
        var parameters = op.IsSequence ? op : op["parameters"];
        if (parameters is { IsSequence: true })
        {
            foreach (var p in parameters.Items)
            {
                var resolved = _resolver.FollowReporting(p);
                _resolver.ReportUnresolved(resolved);
                if (resolved?["schema"] is { } s) Walk(s, Usage.Request, 0);
            }
        }
        // Only the media types of the chosen API version (and unversioned ones): other versions' schemas are not generated.
        var body = _resolver.FollowReporting(op["requestBody"]);
        _resolver.ReportUnresolved(body);
        if (body?["content"] is { IsMapping: true } content)
        {
            foreach (var c in content.Entries) if (ApiVersions.InVersion(c.Key, version) && c.Value["schema"] is { } s) Walk(s, Usage.Request, 0);
        }
        if (op["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries)
            {
                var resp = _resolver.FollowReporting(r.Value);
                _resolver.ReportUnresolved(resp);
                var success = IsSuccess(r.Key);
                if (resp?["content"] is { IsMapping: true } rc)
                {
                    foreach (var c in rc.Entries) if ((!success || ApiVersions.InVersion(c.Key, version)) && c.Value["schema"] is { } s) Walk(s, Usage.Response, 0);
                }
            }
        }
    }

    /// <summary>Marks every named schema reachable from <paramref name="node"/> with <paramref name="usage"/>.</summary>
    private void Walk(YNode node, Usage usage, int depth)
    {
        if (depth > MaxInlineDepth || !node.IsMapping) return;
        if (_lifted.TryGetValue(node.Start, out var lifted) && !(_schemas[lifted].Usage is { } had && (had & usage) == usage))
        {
            WalkNamed(lifted, node, usage);
            return;
        }
        var r = node.Str("$ref");
        if (r is not null)
        {
            if (SchemaResolver.SchemaName(r) is { } name)
            {
                if (TryNode(name, out var target)) WalkNamed(name, target, usage);
            }
            else if (_resolver.Pointer(r) is { } deep)
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

    private void WalkNamed(string name, YNode target, Usage usage)
    {
        var state = _schemas[name];
        var had = state.Usage is not null;
        var u = state.Usage ?? Usage.None;
        if (had && (u & usage) == usage) return;
        state.Usage = u | usage;
        Walk(target, usage, 0);
        if (_schemas[name].Union is { } info)
        {
            foreach (var v in info.Variants) WalkNamed(v.Value, _schemas[v.Value].Node, usage);
        }
        if (_schemas[name].BaseOf is { } b) WalkNamed(b, _schemas[b].Node, usage);
    }

    // ---------------------------------------------------------------- references

    // ---------------------------------------------------------------- diagnostics

    /// <summary>The key node of <paramref name="key"/> in <paramref name="parent"/> (or the parent): diagnostics about
    /// a construct point at its keyword.</summary>
    private static YNode KeyAt(YNode parent, string key)
    {
        foreach (var e in parent.Entries)
        {
            if (e.Key == key) return KeyNode(e);
        }
        return parent;
    }

    /// <summary>A node standing for a mapping key, so that a diagnostic about a name points at the name.</summary>
    private static YNode KeyNode(YEntry e)
        => new(YKind.Scalar, e.Key, true, EquatableArray<YNode>.Empty, EquatableArray<YEntry>.Empty, e.KeyLine, e.KeyColumn, e.Value.Start, e.Value.Start, 1);
}
