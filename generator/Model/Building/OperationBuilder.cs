using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// One client method per selected operation: its group (first tag) and name, parameters (path-level, then the
/// operation's), the request body and success result of the chosen API version, downloads, the error body, sunset
/// and paging. Also counts, over all operations, which error body is the API's common one.
/// </summary>
internal sealed class OperationBuilder
{
    private readonly ModelContext _context;
    private readonly TypeMapper _mapper;
    private readonly PagingDetector _paging;
    private readonly Dictionary<string, HashSet<string>> _methodNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TypeRefSpec Type, int Count)> _errorTypes = new(StringComparer.Ordinal);

    public OperationBuilder(ModelContext context, TypeMapper mapper)
    {
        _context = context;
        _mapper = mapper;
        _paging = new PagingDetector(context);
    }

    /// <summary>Operations on a version with a sunset date while a newer version exists (pin the newer one).</summary>
    public List<string> OnSunsetVersion { get; } = new();

    /// <summary>Operations whose newest version has a sunset date.</summary>
    public List<string> Retired { get; } = new();

    /// <summary>The error body most operations declare (the client's typed exception carries it).</summary>
    public TypeRefSpec? CommonError => _errorTypes.Values.OrderByDescending(e => e.Count).Select(e => e.Type).FirstOrDefault();

    public OperationSpec Build(SelectedOperation op)
    {
        var node = op.Node;
        var id = node.Str("operationId");
        var rawName = op.Name;
        var owner = Naming.Clean(rawName);
        if (owner.Length == 0) owner = Naming.Clean(OpenApiPaths.FallbackOperationName(op.Method, op.Path));
        var tag = node["tags"] is { IsSequence: true, Items.Count: > 0 } tags ? tags.Items[0].Value ?? "Default" : "Default";
        var group = Naming.Pascal(tag);
        if (group.Length == 0) group = "Default";
        var method = MethodName(op, group, tag, owner, rawName);

        var raw = RawParameters(op);
        var parameters = Parameters(op, raw, owner);

        TypeRefSpec? body = null;
        string? requestMedia = null;
        var bodyRequired = false;
        string? bodyDescription = null;
        var version = op.Version;
        string? sunset = null;
        ConstraintSpec? bodyConstraints = null;
        var encoding = BodyEncoding.Json;
        var deepObjects = Array.Empty<string>();
        var requestBody = _context.Resolver.FollowReporting(node["requestBody"]);
        if (requestBody?["content"] is { IsMapping: true } content && MediaTypes.PickFor(content, version, jsonOnly: true) is { } media)
        {
            requestMedia = media.Key;
            bodyRequired = requestBody.Bool("required");
            bodyDescription = requestBody.Str("description");
            body = media.Value["schema"] is { } s ? _mapper.TypeOf(s, owner, "Body", 0, SchemaUsage.None, out _) : TypeMapper.Json;
            // A body that is not a record (an array, a string, a JSON value): its own constraints, checked like a parameter's.
            if (body.Kind != ValueKind.Object && media.Value["schema"] is { } root) bodyConstraints = _context.Constraints.Read(root, body);
            sunset ??= media.Value.Str(VendorExtensions.Sunset);
        }
        else if (requestBody?["content"] is { IsMapping: true } other && MediaTypes.PickUpload(other) is { } upload)
        {
            // No JSON: form fields, text, multipart parts or bytes.
            requestMedia = upload.Key.IndexOf('*') >= 0 ? "application/octet-stream" : upload.Key;
            bodyRequired = requestBody.Bool("required");
            bodyDescription = requestBody.Str("description");
            encoding = MediaTypes.EncodingOf(upload.Key);
            body = encoding switch
            {
                BodyEncoding.Text => new TypeRefSpec(ValueKind.String),
                BodyEncoding.Multipart => new TypeRefSpec(ValueKind.Object, "System.Net.Http", "MultipartFormDataContent"),
                _ => new TypeRefSpec(ValueKind.Object, "System.IO", "Stream"),
            };
            if (encoding == BodyEncoding.Multipart && Parts(upload.Value, owner, parameters, bodyRequired) is { Count: > 0 } parts)
            {
                // An object schema: one typed parameter per part (files as {Base}File) instead of the caller's own content.
                body = null;
                parameters = parameters.Concat(parts).OrderBy(p => p.In == "path" ? 0 : p.Required ? 1 : 2).ToList();
            }
            if (encoding == BodyEncoding.Form)
            {
                body = upload.Value["schema"] is { } s ? _mapper.TypeOf(s, owner, "Body", 0, SchemaUsage.None, out _) : TypeMapper.Json;
                if (body.Kind != ValueKind.Object) body = TypeMapper.Json;
                deepObjects = upload.Value["encoding"] is { IsMapping: true } fields
                    ? fields.Entries.Where(f => f.Value.Str("style") == "deepObject").Select(f => f.Key).ToArray()
                    : Array.Empty<string>();
            }
        }

        TypeRefSpec? result = null;
        string? responseMedia = null;
        string? download = null;
        TypeRefSpec? events = null;
        var alternates = new List<string>();
        if (node["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var response = _context.Resolver.FollowReporting(r.Value);
                var isSuccess = OpenApiPaths.IsSuccess(r.Key);
                if (response?["content"] is not { IsMapping: true } rc) continue;
                var preferred = !isSuccess ? MediaTypes.Pick(rc)
                    : requestMedia is not null && rc[requestMedia] is { } same ? new YEntry(requestMedia, 0, 0, same)
                    : MediaTypes.PickFor(rc, version, jsonOnly: false);
                if (preferred is null) continue;
                if (isSuccess && events is null && rc["text/event-stream"] is { } stream)
                {
                    // Server-sent events: each event's data is read as the schema's type (text without one).
                    events = stream["schema"] is { } data
                        ? _mapper.TypeOf(data, owner, "Event", 0, SchemaUsage.None, out _)
                        : new TypeRefSpec(ValueKind.String);
                }
                if (isSuccess && responseMedia is null)
                {
                    // A success response without a schema still names the media type to accept (e.g. a 204 of a versioned API).
                    responseMedia = preferred.Key;
                    sunset ??= preferred.Value.Str(VendorExtensions.Sunset);
                    if (!MediaTypes.IsJson(preferred.Key))
                    {
                        download = preferred.Key;
                        continue;
                    }
                    foreach (var e in rc.Entries)
                    {
                        if (!MediaTypes.IsJson(e.Key) && ApiVersions.InVersion(e.Key, version) && !alternates.Contains(e.Key)) alternates.Add(e.Key);
                    }
                }
                if (preferred.Value["schema"] is not { } schema) continue;
                if (isSuccess && result is null && download is null)
                {
                    result = _mapper.TypeOf(schema, owner, "Response", 0, SchemaUsage.None, out _);
                    responseMedia = preferred.Key;
                }
                else if (OpenApiPaths.IsError(r.Key))
                {
                    CountError(_mapper.TypeOf(schema, owner, "Error", 0, SchemaUsage.None, out _));
                }
            }
        }
        var newer = op.NewerVersion;
        // Actionable (a newer version exists: pin it) is a warning; an operation whose newest version is retired is info.
        if (sunset is not null) (newer is not null ? OnSunsetVersion : Retired).Add(rawName);

        var roles = node[VendorExtensions.RolesRequirements] is { IsSequence: true } rl
            ? rl.Items.Where(i => i.Value is not null).Select(i => i.Value!).ToArray()
            : Array.Empty<string>();
        return new OperationSpec
        {
            Group = group,
            MethodName = method,
            OperationId = id ?? rawName,
            HttpMethod = op.Method.ToUpperInvariant(),
            Path = op.Path,
            Parameters = new EquatableArray<ParameterSpec>(parameters.ToArray()),
            Body = body,
            BodyRequired = bodyRequired,
            BodyConstraints = bodyConstraints,
            BodyDescription = bodyDescription,
            RequestMediaType = requestMedia,
            BodyEncoding = encoding,
            DeepObjectFields = new EquatableArray<string>(deepObjects),
            Result = result,
            ResponseMediaType = responseMedia,
            Summary = node.Str("summary"),
            Description = node.Str("description"),
            Roles = new EquatableArray<string>(roles),
            DocsUrl = node.Str(VendorExtensions.DocsUrl) ?? node["externalDocs"]?.Str("url"),
            Deprecated = node.Bool("deprecated"),
            ApiVersion = version,
            Sunset = sunset,
            NewerVersion = newer,
            DownloadMediaType = download,
            EventData = events,
            AlternateDownloads = new EquatableArray<AlternateDownloadSpec>(
                alternates.Select(media => new AlternateDownloadSpec(media, MethodNamer.Alternate(method, media))).ToArray()),
            Paging = download is null ? _paging.Detect(op, raw, parameters, result, method) : null,
        };
    }

    /// <summary>The method's name: the operation's, made unique in its tag group (ATLAS014 when renamed).</summary>
    private string MethodName(SelectedOperation op, string group, string tag, string owner, string rawName)
    {
        if (!_methodNames.TryGetValue(group, out var taken)) _methodNames[group] = taken = new HashSet<string>(StringComparer.Ordinal);
        var method = owner + "Async";
        if (taken.Add(method)) return method;
        var i = 2;
        while (!taken.Add(owner + Naming.Int(i) + "Async")) i++;
        var renamed = owner + Naming.Int(i) + "Async";
        _context.Diagnostics.Report(DiagnosticDescriptors.NameCollision, op.Node, rawName, method, "another operation of tag '" + tag + "'", renamed);
        return renamed;
    }

    /// <summary>The parameters as declared: path-level first, then operation-level (which override by name and location).</summary>
    private List<YNode> RawParameters(SelectedOperation op)
    {
        var raw = new List<YNode>();
        foreach (var list in new[] { op.PathItem["parameters"], op.Node["parameters"] })
        {
            if (list is not { IsSequence: true }) continue;
            foreach (var p in list.Items)
            {
                var resolved = _context.Resolver.FollowReporting(p);
                if (resolved is null) continue;
                raw.RemoveAll(x => x.Str("name") == resolved.Str("name") && x.Str("in") == resolved.Str("in"));
                raw.Add(resolved);
            }
        }
        return raw;
    }

    /// <summary>The method's parameters: path ones in the order of the path template, then required, then optional.</summary>
    private List<ParameterSpec> Parameters(SelectedOperation op, List<YNode> raw, string owner)
    {
        var diagnostics = _context.Diagnostics;
        var names = new HashSet<string>(ReservedNames.MethodLocals, StringComparer.Ordinal);
        var parameters = new List<ParameterSpec>();
        foreach (var p in raw)
        {
            var wire = p.Str("name");
            var location = p.Str("in");
            if (wire is null || location is null) continue;
            var clean = Naming.Clean(wire);
            if (clean.Length == 0) clean = "Param" + Naming.Int(parameters.Count + 1);
            var camel = char.ToLowerInvariant(clean[0]) + clean.Substring(1);
            var name = camel;
            for (var i = 2; !names.Add(name); i++) name = camel + Naming.Int(i);
            // A parameter has a schema, or a content map with one (OpenAPI allows either); neither: a string.
            var schema = p["schema"] ?? (p["content"] is { IsMapping: true, Entries.Count: > 0 } pc ? pc.Entries[0].Value["schema"] : null);
            if (schema is null)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidSchema, p, "parameter '" + wire + "' has neither 'schema' nor 'content'", "a string parameter");
            }
            var type = schema is null ? TypeMapper.Primitive(ValueKind.String) : _mapper.TypeOf(schema, owner, clean, 0, SchemaUsage.None, out _);
            var patternNode = schema is null || type.Kind != ValueKind.String ? null : schema["pattern"] ?? _context.Resolver.Follow(schema)?["pattern"];
            var pattern = patternNode?.Value;
            if (pattern is not null && !_context.Patterns.Check(pattern, patternNode!)) pattern = null;
            var required = location == "path" || p.Bool("required");
            // How the value is written (OpenAPI's style table): simple in the path and headers, form in the query by default.
            var style = p.Str("style") ?? (location is "query" or "cookie" ? "form" : "simple");
            var explode = p["explode"] is { IsScalar: true } ? p.Bool("explode") : style == "form";
            var constraints = _context.Constraints.Read(schema, type);
            parameters.Add(new ParameterSpec(wire, name, location, type, required, p.Str("description"), pattern, style, explode, constraints));
        }
        // Path parameters in the order of the path template.
        parameters = parameters
            .OrderBy(p => p.In == "path" ? 0 : p.Required ? 1 : 2)
            .ThenBy(p => p.In == "path" ? op.Path.IndexOf("{" + p.WireName + "}", StringComparison.Ordinal) : 0)
            .ToList();
        foreach (var p in parameters.Where(p => p.In == "path"))
        {
            if (op.Path.IndexOf("{" + p.WireName + "}", StringComparison.Ordinal) < 0)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidSchema, op.MethodEntry.Value,
                    "path parameter '" + p.WireName + "' does not appear in '" + op.Path + "'", "a method that never sends it");
            }
        }
        return parameters;
    }

    /// <summary>
    /// The parts of a <c>multipart/form-data</c> body whose schema is an object with properties, as parameters (in
    /// <c>part</c>): a binary string (or an array of them) is a file, anything else the property's type; the
    /// <c>encoding</c> object's <c>contentType</c> kept per part. None when the schema declares no properties.
    /// </summary>
    private List<ParameterSpec> Parts(YNode media, string owner, List<ParameterSpec> parameters, bool bodyRequired)
    {
        var parts = new List<ParameterSpec>();
        var schema = _context.Resolver.Follow(media["schema"]);
        if (schema?["properties"] is not { IsMapping: true, Entries.Count: > 0 } properties) return parts;
        var names = new HashSet<string>(ReservedNames.MethodLocals, StringComparer.Ordinal);
        foreach (var p in parameters) names.Add(p.Name);
        var required = schema["required"] is { IsSequence: true } r ? r.Items.Select(i => i.Value).ToList() : new List<string?>();
        var file = _context.Reference(ValueKind.Object, _context.ClientName + "File");
        foreach (var property in properties.Entries)
        {
            var clean = Naming.Clean(property.Key);
            if (clean.Length == 0) clean = "Part" + Naming.Int(parts.Count + 1);
            var camel = char.ToLowerInvariant(clean[0]) + clean.Substring(1);
            var name = camel;
            for (var i = 2; !names.Add(name); i++) name = camel + Naming.Int(i);
            var propertySchema = _context.Resolver.Follow(property.Value);
            var items = propertySchema?.Str("type") == "array" ? _context.Resolver.Follow(propertySchema["items"]) : null;
            var type = IsBinary(propertySchema) ? file
                : IsBinary(items) ? new TypeRefSpec(ValueKind.Array, Element: file)
                : _mapper.TypeOf(property.Value, owner, clean, 0, SchemaUsage.None, out _);
            // Compared by reference: an inline enum's name is not settled yet.
            var constraints = ReferenceEquals(type, file) || ReferenceEquals(type.Element, file) ? null : _context.Constraints.Read(property.Value, type);
            var contentType = media["encoding"]?[property.Key]?.Str("contentType");
            var isRequired = bodyRequired && required.Contains(property.Key);
            var description = propertySchema?.Str("description");
            parts.Add(new ParameterSpec(property.Key, name, "part", type, isRequired, description, null, "form", true, constraints, contentType));
        }
        return parts;
    }

    /// <summary>A file's bytes: <c>format: binary</c> (3.0, and Swagger 2.0's <c>file</c>), or 3.1's <c>contentMediaType</c> on a string.</summary>
    private static bool IsBinary(YNode? schema)
        => schema is not null && schema.Str("type") is "string" or null && (schema.Str("format") == "binary" || schema["contentMediaType"] is not null);

    private void CountError(TypeRefSpec type)
    {
        if (type.Kind != ValueKind.Object) return;
        _errorTypes[type.Name!] = _errorTypes.TryGetValue(type.Name!, out var e) ? (type, e.Count + 1) : (type, 1);
    }
}
