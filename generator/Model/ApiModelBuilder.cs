using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model;

/// <summary>
/// Builds the API model of one OpenAPI document: resolves <c>$ref</c>s, classifies schemas (record, union, open enum,
/// alias), names everything by the naming contract and decides what each record carries (request bodies drop
/// readOnly properties, responses drop writeOnly ones). Nothing here knows any particular API.
/// </summary>
internal sealed partial class ApiModelBuilder
{
    private const string SchemaPrefix = "#/components/schemas/";
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
    private readonly List<DiagnosticInfo> _diags = new();
    // Every named schema (components, and inline unions lifted to a name), with all that is known about it.
    private readonly Dictionary<string, SchemaState> _schemas = new(StringComparer.Ordinal);
    private readonly List<string> _schemaOrder = new();
    // Case-insensitive: hint names (file names) of Foo and FOO would collide, and so would they on disk.
    private readonly Dictionary<string, string> _takenTypeNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TypeSpec> _types = new();
    private readonly List<SelectedOperation> _ops = new();
    private ClientSpec? _client;
    private readonly HashSet<string> _checkedPatterns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedNodes = new(StringComparer.Ordinal);
    private YNode _root = null!;

    private ApiModelBuilder(ParsedDocument doc, FileOptions options, CancellationToken ct)
    {
        _doc = doc;
        _options = options;
        _ct = ct;
        _path = doc.Path;
        _ns = options.EffectiveNamespace;
        _access = options.IsInternal ? Accessibility.Internal : Accessibility.Public;
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
        return new(_path, new EquatableArray<TypeSpec>(_types.ToArray()), context, _client, new EquatableArray<DiagnosticInfo>(_diags.ToArray()));
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
        _diags.AddRange(_doc.Diagnostics);
        if (_doc.Root is null)
        {
            if (_doc.Diagnostics.IsEmpty) _diags.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotOpenApi, LocationInfo.FileStart(_path), _path, "the file is empty"));
            return Result();
        }
        _root = _doc.Root;

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
                _schemas[name].TypeName = TakeTypeName(name, _schemas[name].Key, _schemas[name].Class == SchemaClass.Enum);
            }
        }
        foreach (var name in _schemaOrder)
        {
            _ct.ThrowIfCancellationRequested();
            if (!emit.Contains(name)) continue;
            if (_deferred.TryGetValue(name, out var deferred)) _diags.AddRange(deferred);
            ValidateRefs(_schemas[name].Node);
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
        ResolveInlineEnums();
        MarkValidation();
        if (_options.AssemblyName is null && _types.Count >= LargeApiTypes)
        {
            _diags.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LargeApiInProject, LocationInfo.FileStart(_path),
                _types.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), System.IO.Path.GetFileName(_path)));
        }
        return Result();
    }

    /// <summary>From this many generated types on, ATLAS022 suggests AtlasAssemblyName (the whole Atlas spec has about 1,500; one operation about 30).</summary>
    internal const int LargeApiTypes = 500;

    private bool CheckVersion()
    {
        if (!_root.IsMapping)
        {
            Report(DiagnosticDescriptors.NotOpenApi, _root, _path, "the root is not a mapping");
            return false;
        }
        var version = _root["openapi"];
        if (version is null)
        {
            var swagger = _root["swagger"];
            Report(DiagnosticDescriptors.NotOpenApi, swagger ?? _root, _path,
                swagger is not null ? "Swagger 2.0 is not supported, convert it to OpenAPI 3" : "the root mapping has no 'openapi' key");
            return false;
        }
        if (version.Value is null || !version.Value.StartsWith("3.", StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.NotOpenApi, version, _path, "version '" + version.Value + "' is not 3.x");
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
            Report(DiagnosticDescriptors.InvalidSchema, KeyAt(_root["components"]!, "schemas"), "components.schemas is not a mapping", "nothing");
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
                var target = IsSchemaRef(only) && TryNode(UnescapePointer(only.Substring(SchemaPrefix.Length)), out var t) ? t : null;
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

    // ---------------------------------------------------------------- names

    private string TakeTypeName(string origin, YNode? at, bool isEnum = false)
    {
        var clean = Naming.Clean(origin);
        // An open enum has members Value, IsKnown, ...: a type of that name gets "Enum" appended (CS0542 otherwise).
        if (isEnum && ReservedNames.EnumMembers.Contains(clean))
        {
            var renamed = clean + "Enum";
            if (at is not null) Report(DiagnosticDescriptors.NameCollision, at, origin, clean, "a member of the generated enum struct", renamed);
            clean = renamed;
        }
        if (clean.Trim('_').Length == 0)
        {
            var fallback = "Schema" + Naming.Int(_takenTypeNames.Count + 1);
            if (at is not null) Report(DiagnosticDescriptors.InvalidIdentifier, at, origin, fallback);
            clean = fallback;
        }
        return TakeUnique(clean, origin, at);
    }

    private string TakeUnique(string wanted, string origin, YNode? at)
    {
        var name = wanted;
        if (_takenTypeNames.TryGetValue(name, out var owner) || IsReservedTypeName(name))
        {
            owner ??= ReservedNames.RecordMembers.Contains(name) ? "a member every generated record has" : "a type the generator emits itself (the client's types)";
            var i = 2;
            while (_takenTypeNames.ContainsKey(wanted + Naming.Int(i)) || IsReservedTypeName(wanted + Naming.Int(i))) i++;
            name = wanted + Naming.Int(i);
            if (at is not null) Report(DiagnosticDescriptors.NameCollision, at, origin, wanted, owner, name);
        }
        _takenTypeNames[name] = origin;
        return name;
    }

    /// <summary>The client's own types (<c>{Base}Client</c>, <c>{Base}JsonContext</c>, ...) and the members every generated type has.</summary>
    private bool IsReservedTypeName(string name)
    {
        // A type may not be named like one of its own members (CS0542): the fixed members of records (enums: below).
        if (ReservedNames.RecordMembers.Contains(name)) return true;
        var baseName = ClientName;
        foreach (var suffix in ReservedNames.ClientTypeSuffixes)
        {
            if (string.Equals(name, baseName + suffix, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

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
                Defer(name, DiagnosticDescriptors.InvalidSchema, KeyAt(node, "discriminator"), "discriminator of '" + name + "' has no propertyName", "a record without polymorphism");
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
                    var schema = IsSchemaRef(target) ? UnescapePointer(target.Substring(SchemaPrefix.Length)) : target;
                    if (!_schemas.ContainsKey(schema))
                    {
                        Defer(name, DiagnosticDescriptors.DiscriminatorMappingMissing, e.Value, e.Key, name, target);
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
                    if (r is null || !IsSchemaRef(r)) continue;
                    var schema = UnescapePointer(r.Substring(SchemaPrefix.Length));
                    if (!_schemas.ContainsKey(schema))
                    {
                        Defer(name, DiagnosticDescriptors.UnresolvedRef, item["$ref"]!, r, "no variant");
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
                    Defer(name, DiagnosticDescriptors.UnsupportedConstruct, at,
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
            Report(DiagnosticDescriptors.InvalidSchema, KeyAt(_root, "paths"), "'paths' is not a mapping of paths to operations", "no operation");
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
                        Report(DiagnosticDescriptors.MissingOperationId, op, m.Key.ToUpperInvariant(), p.Key, FallbackOperationName(m.Key, p.Key));
                    }
                    if (id is not null && !seenIds.Add(id))
                    {
                        Report(DiagnosticDescriptors.DuplicateOperationId, op["operationId"]!, id);
                        continue;
                    }
                    if (filter is not null)
                    {
                        var hit = (id is not null && filter.Contains(id)) || (over is not null && filter.Contains(over));
                        if (!hit) continue;
                        if (id is not null) selectedNames.Add(id);
                        if (over is not null) selectedNames.Add(over);
                    }
                    var (version, leftOut) = ChooseVersion(op);
                    if (leftOut)
                    {
                        _leftOut.Add(over ?? id ?? FallbackOperationName(m.Key, p.Key));
                        continue;
                    }
                    anyOperation = true;
                    ValidateRefs(op);
                    ValidateRefs(p.Value["parameters"]);
                    WalkOperation(op, version);
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
                    _diags.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOperation, LocationInfo.FileStart(_path), f, _path));
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
    {
        if (_options.Operations is null) return null;
        var names = _options.Operations.Split(new[] { ';', ',', ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
        return names.Length == 0 ? null : new HashSet<string>(names, StringComparer.Ordinal);
    }

    /// <summary>The name of an operation without operationId: method and path words, e.g. <c>get /pets/{id}</c> → <c>getPetsId</c>.</summary>
    internal static string FallbackOperationName(string method, string path)
    {
        var pascal = Naming.Pascal(path);
        return method.ToLowerInvariant() + (pascal.StartsWith("_", StringComparison.Ordinal) ? pascal.Substring(1) : pascal);
    }

    internal static bool IsHttpMethod(string key)
        => key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";

    private void WalkOperation(YNode op, string? version)
    {
        var parameters = op.IsSequence ? op : op["parameters"];
        if (parameters is { IsSequence: true })
        {
            foreach (var p in parameters.Items)
            {
                var resolved = ResolveComponent(p, out _);
                ValidateRefs(resolved);
                if (resolved?["schema"] is { } s) Walk(s, Usage.Request, 0);
            }
        }
        // Only the media types of the chosen API version (and unversioned ones): other versions' schemas are not generated.
        var body = ResolveComponent(op["requestBody"], out _);
        ValidateRefs(body);
        if (body?["content"] is { IsMapping: true } content)
        {
            foreach (var c in content.Entries) if (InVersion(c.Key, version) && c.Value["schema"] is { } s) Walk(s, Usage.Request, 0);
        }
        if (op["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries)
            {
                var resp = ResolveComponent(r.Value, out _);
                ValidateRefs(resp);
                var success = r.Key.Length == 3 && r.Key[0] == '2';
                if (resp?["content"] is { IsMapping: true } rc)
                {
                    foreach (var c in rc.Entries) if ((!success || InVersion(c.Key, version)) && c.Value["schema"] is { } s) Walk(s, Usage.Response, 0);
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
            if (IsSchemaRef(r))
            {
                var name = UnescapePointer(r.Substring(SchemaPrefix.Length));
                if (TryNode(name, out var target)) WalkNamed(name, target, usage);
            }
            else if (ResolvePointer(r) is { } deep)
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

    /// <summary>Follows a <c>$ref</c> to a component (parameter, response, request body, header), one level at a time.</summary>
    private YNode? ResolveComponent(YNode? node, out string? refName)
    {
        refName = null;
        var guard = 0;
        while (node is not null && node.Str("$ref") is { } r)
        {
            refName = r;
            var target = ResolvePointer(r);
            if (target is null)
            {
                Report(DiagnosticDescriptors.UnresolvedRef, node["$ref"]!, r, "nothing");
                return null;
            }
            if (++guard > 32)
            {
                Report(DiagnosticDescriptors.RefCycle, node["$ref"]!, r, "a chain of more than 32 references");
                return null;
            }
            node = target;
        }
        return node;
    }

    private YNode? ResolvePointer(string r)
    {
        if (!r.StartsWith("#/", StringComparison.Ordinal)) return null;
        var node = _root;
        foreach (var raw in r.Substring(2).Split('/'))
        {
            var seg = UnescapePointer(raw);
            if (node.IsMapping) node = node[seg]!;
            else if (node.IsSequence && int.TryParse(seg, out var i) && i >= 0 && i < node.Items.Count) node = node.Items[i];
            else return null;
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>A reference to a whole named schema (<c>#/components/schemas/Name</c>); deeper pointers (<c>.../Name/allOf/0</c>) are resolved as JSON pointers.</summary>
    private static bool IsSchemaRef(string r)
        => r.StartsWith(SchemaPrefix, StringComparison.Ordinal) && r.IndexOf('/', SchemaPrefix.Length) < 0;

    private static string UnescapePointer(string s)
    {
        if (s.IndexOf('%') >= 0) s = Uri.UnescapeDataString(s);
        return s.Replace("~1", "/").Replace("~0", "~");
    }

    // ---------------------------------------------------------------- diagnostics

    /// <summary>The key node of <paramref name="key"/> in <paramref name="parent"/> (or the parent): diagnostics about a construct point at its keyword.</summary>
    private static YNode KeyAt(YNode parent, string key)
    {
        foreach (var e in parent.Entries)
        {
            if (e.Key == key) return KeyNode(e);
        }
        return parent;
    }

    private readonly HashSet<int> _validated = new();
    private readonly Dictionary<string, List<DiagnosticInfo>> _deferred = new(StringComparer.Ordinal);

    /// <summary>A problem of a schema, reported only if that schema is generated (the operation filter may leave it out).</summary>
    private void Defer(string schema, Microsoft.CodeAnalysis.DiagnosticDescriptor d, YNode at, params string[] args)
    {
        if (!_deferred.TryGetValue(schema, out var list)) _deferred[schema] = list = new List<DiagnosticInfo>();
        list.Add(DiagnosticInfo.Create(d, OpenApiParser.NodeLoc(_path, at), args));
    }

    /// <summary>Reports every <c>$ref</c> under <paramref name="node"/> that does not resolve (without following references).</summary>
    private void ValidateRefs(YNode? node)
    {
        if (node is null || !_validated.Add(node.Start)) return;
        var stack = new Stack<YNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.IsSequence)
            {
                foreach (var i in n.Items) stack.Push(i);
                continue;
            }
            if (!n.IsMapping) continue;
            foreach (var e in n.Entries)
            {
                if (e.Key == "$ref" && e.Value.IsScalar)
                {
                    var r = e.Value.Value ?? "";
                    if (ResolvePointer(r) is null)
                    {
                        Report(DiagnosticDescriptors.UnresolvedRef, e.Value, r,
                            r.StartsWith("#/", StringComparison.Ordinal) ? "JsonElement (or nothing)" : "JsonElement (only local references are resolved)");
                    }
                }
                else if (e.Key is not ("example" or "examples"))
                {
                    stack.Push(e.Value);
                }
            }
        }
    }

    /// <summary>A node standing for a mapping key, so that a diagnostic about a name points at the name.</summary>
    private static YNode KeyNode(YEntry e)
        => new(YKind.Scalar, e.Key, true, EquatableArray<YNode>.Empty, EquatableArray<YEntry>.Empty, e.KeyLine, e.KeyColumn, e.Value.Start, e.Value.Start, 1);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor d, YNode at, params string[] args)
    {
        // The same node can be visited from several places (shared components); report it once.
        var key = d.Id + "@" + Naming.Int(at.Start) + ":" + Naming.Int(at.Line) + ":" + Naming.Int(at.Column);
        if (!_reportedNodes.Add(key)) return;
        _diags.Add(DiagnosticInfo.Create(d, OpenApiParser.NodeLoc(_path, at), args));
    }

    private void CheckPattern(string pattern, YNode at)
    {
        if (!_checkedPatterns.Add(pattern)) return;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            Report(DiagnosticDescriptors.InvalidPattern, at, pattern, ex.Message);
        }
    }
}
