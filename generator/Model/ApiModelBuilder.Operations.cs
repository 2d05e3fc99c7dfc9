using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model;

internal sealed partial class ApiModelBuilder
{
    private sealed class SelectedOperation
    {
        public SelectedOperation(string path, string method, YNode node, YNode pathItem, YEntry methodEntry)
        {
            Path = path;
            Method = method;
            Node = node;
            PathItem = pathItem;
            MethodEntry = methodEntry;
        }

        public string Path { get; }
        public string Method { get; }
        public YNode Node { get; }
        public YNode PathItem { get; }
        public YEntry MethodEntry { get; }
    }

    private ClientSpec? BuildClient()
    {
        if (_ops.Count == 0) return null;
        var baseName = ClientName;
        var operations = new List<OperationSpec>();
        var methodNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var errorTypes = new Dictionary<string, (TypeRefSpec Type, int Count)>(StringComparer.Ordinal);
        foreach (var op in _ops)
        {
            _ct.ThrowIfCancellationRequested();
            var spec = BuildOperation(op, methodNames, errorTypes);
            if (spec is not null) operations.Add(spec);
        }
        var error = errorTypes.Values.OrderByDescending(e => e.Count).Select(e => e.Type).FirstOrDefault();

        string? tokenUrl = null;
        var hasDigest = false;
        if (_root["components"]?["securitySchemes"] is { IsMapping: true } schemes)
        {
            foreach (var e in schemes.Entries)
            {
                var scheme = ResolveComponent(e.Value, out _);
                if (scheme is null) continue;
                var type = scheme.Str("type");
                if (type == "oauth2" && scheme["flows"]?["clientCredentials"]?.Str("tokenUrl") is { } url) tokenUrl ??= url;
                else if (type == "http" && string.Equals(scheme.Str("scheme"), "digest", StringComparison.OrdinalIgnoreCase)) hasDigest = true;
            }
        }
        var server = "http://localhost";
        if (_root["servers"] is { IsSequence: true } servers && servers.Items.Count > 0 && servers.Items[0].Str("url") is { } first)
        {
            server = first;
        }
        return new ClientSpec(_ns, baseName, _access, server, _root["info"]?.Str("title"),
            new EquatableArray<OperationSpec>(operations.ToArray()), error, tokenUrl, hasDigest, EnvelopeParameter, baseName + "JsonContext");
    }

    /// <summary>
    /// The boolean query parameter that makes the server wrap responses: the metadata's, else <c>envelope</c> (a method
    /// that offers the flag must honour it); <c>none</c> turns it off.
    /// </summary>
    private string? EnvelopeParameter
        => _options.EnvelopeParameter is { } e
            ? (string.Equals(e, "none", StringComparison.OrdinalIgnoreCase) ? null : e)
            : "envelope";

    private OperationSpec? BuildOperation(SelectedOperation op, Dictionary<string, HashSet<string>> methodNames, Dictionary<string, (TypeRefSpec Type, int Count)> errorTypes)
    {
        var node = op.Node;
        var id = node.Str("operationId");
        var rawName = node.Str("x-xgen-operation-id-override") ?? id ?? FallbackOperationName(op.Method, op.Path);
        var owner = Naming.Clean(rawName);
        if (owner.Length == 0) owner = Naming.Clean(FallbackOperationName(op.Method, op.Path));

        var tag = node["tags"] is { IsSequence: true, Items.Count: > 0 } tags ? tags.Items[0].Value ?? "Default" : "Default";
        var group = Naming.Pascal(tag);
        if (group.Length == 0) group = "Default";
        if (!methodNames.TryGetValue(group, out var taken)) methodNames[group] = taken = new HashSet<string>(StringComparer.Ordinal);
        var method = owner + "Async";
        if (!taken.Add(method))
        {
            var i = 2;
            while (!taken.Add(owner + Naming.Int(i) + "Async")) i++;
            var renamed = owner + Naming.Int(i) + "Async";
            Report(DiagnosticDescriptors.NameCollision, op.Node, rawName, method, "another operation of tag '" + tag + "'", renamed);
            method = renamed;
        }

        // Parameters: path-level first, then operation-level (which override by name and location).
        var raw = new List<YNode>();
        foreach (var list in new[] { op.PathItem["parameters"], node["parameters"] })
        {
            if (list is not { IsSequence: true }) continue;
            foreach (var p in list.Items)
            {
                var resolved = ResolveComponent(p, out _);
                if (resolved is null) continue;
                raw.RemoveAll(x => x.Str("name") == resolved.Str("name") && x.Str("in") == resolved.Str("in"));
                raw.Add(resolved);
            }
        }
        var names = new HashSet<string>(StringComparer.Ordinal) { "cancellationToken", "body" };
        var parameters = new List<ParameterSpec>();
        foreach (var p in raw)
        {
            var wire = p.Str("name");
            var location = p.Str("in");
            if (wire is null || location is null) continue;
            if (location == "cookie")
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, p, "Cookie parameter '" + wire + "'", "no parameter (set the cookie on the HttpClient)");
                continue;
            }
            var clean = Naming.Clean(wire);
            if (clean.Length == 0) clean = "Param" + Naming.Int(parameters.Count + 1);
            var camel = char.ToLowerInvariant(clean[0]) + clean.Substring(1);
            var name = camel;
            for (var i = 2; !names.Add(name); i++) name = camel + Naming.Int(i);
            var schema = p["schema"];
            var nullable = false;
            var type = schema is null ? Primitive(ValueKind.String, "string") : TypeOf(schema, owner, clean, 0, out nullable);
            var pattern = type.Kind == ValueKind.String ? schema?.Str("pattern") ?? Deref(schema!)?.Str("pattern") : null;
            if (pattern is not null && !PatternIsValid(pattern)) pattern = null;
            var required = location == "path" || p.Bool("required");
            parameters.Add(new ParameterSpec(wire, Naming.EscapeKeyword(name), location, type, required, p.Str("description"), pattern));
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
                Report(DiagnosticDescriptors.InvalidSchema, op.MethodEntry.Value, "path parameter '" + p.WireName + "' does not appear in '" + op.Path + "'", "a method that never sends it");
            }
        }

        TypeRefSpec? body = null;
        string? requestMedia = null;
        var bodyRequired = false;
        string? bodyDescription = null;
        var requestBody = ResolveComponent(node["requestBody"], out _);
        if (requestBody?["content"] is { IsMapping: true } content && PickMedia(content) is { } media)
        {
            requestMedia = media.Key;
            bodyRequired = requestBody.Bool("required");
            bodyDescription = requestBody.Str("description");
            body = media.Value["schema"] is { } s ? TypeOf(s, owner, "Body", 0, out _) : JsonType;
        }

        TypeRefSpec? result = null;
        string? responseMedia = null;
        if (node["responses"] is { IsMapping: true } responses)
        {
            foreach (var r in responses.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var response = ResolveComponent(r.Value, out _);
                var isSuccess = r.Key.Length == 3 && r.Key[0] == '2';
                var isError = r.Key == "default" || (r.Key.Length == 3 && (r.Key[0] == '4' || r.Key[0] == '5'));
                if (response?["content"] is not { IsMapping: true } rc) continue;
                var preferred = requestMedia is not null && rc[requestMedia] is { } same ? new YEntry(requestMedia, 0, 0, same) : PickMedia(rc);
                if (preferred is null) continue;
                // A success response without a schema still names the media type to accept (e.g. a 204 of a versioned API).
                if (isSuccess && responseMedia is null) responseMedia = preferred.Key;
                if (preferred.Value["schema"] is not { } schema) continue;
                if (isSuccess && result is null)
                {
                    result = TypeOf(schema, owner, "Response", 0, out _);
                    responseMedia = preferred.Key;
                }
                else if (isError)
                {
                    var t = TypeOf(schema, owner, "Error", 0, out _);
                    if (t.Kind == ValueKind.Object)
                    {
                        errorTypes[t.TypeName] = errorTypes.TryGetValue(t.TypeName, out var e) ? (t, e.Count + 1) : (t, 1);
                    }
                }
            }
        }

        var roles = node["x-rolesRequirements"] is { IsSequence: true } rl
            ? rl.Items.Where(i => i.Value is not null).Select(i => i.Value!).ToArray()
            : Array.Empty<string>();
        return new OperationSpec(group, method, id ?? rawName, op.Method.ToUpperInvariant(), op.Path,
            new EquatableArray<ParameterSpec>(parameters.ToArray()), body, bodyRequired, bodyDescription, requestMedia, result, responseMedia,
            node.Str("summary"), node.Str("description"), new EquatableArray<string>(roles), node.Str("x-xgen-docs-url") ?? node["externalDocs"]?.Str("url"),
            node.Bool("deprecated"));
    }

    /// <summary>
    /// The JSON media type to use: the newest stable dated version (<c>application/vnd.x.2025-01-01+json</c>), else plain
    /// JSON, else anything else JSON. A preview (<c>application/vnd.x.preview+json</c>) or any non-date version
    /// (<c>2025-01-01.upcoming</c>) is used only when the operation offers nothing stable.
    /// </summary>
    internal static YEntry? PickMedia(YNode content)
    {
        YEntry? best = null;
        var bestRank = -1;
        string? bestDate = null;
        foreach (var e in content.Entries)
        {
            var key = e.Key;
            if (key.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0) continue;
            var date = StableDate(key);
            // 2: a stable date version, 1: plain JSON, 0: previews and other non-date versions.
            var rank = date is not null ? 2 : IsPlainJson(key) ? 1 : 0;
            var better = rank > bestRank
                || (rank == bestRank && rank == 2 && string.CompareOrdinal(date, bestDate) > 0)
                || (rank == bestRank && rank == 0 && string.CompareOrdinal(key, best!.Key) > 0);
            if (!better) continue;
            best = e;
            bestRank = rank;
            bestDate = date;
        }
        return best;
    }

    private static bool IsPlainJson(string mediaType)
    {
        var semi = mediaType.IndexOf(';');
        var bare = (semi >= 0 ? mediaType.Substring(0, semi) : mediaType).Trim();
        return string.Equals(bare, "application/json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The date of a versioned media type (<c>application/vnd.x.2025-01-01+json</c>): exactly <c>YYYY-MM-DD</c> right before <c>+json</c>.</summary>
    internal static string? StableDate(string mediaType)
    {
        var plus = mediaType.LastIndexOf("+json", StringComparison.OrdinalIgnoreCase);
        if (plus < 11 || mediaType[plus - 11] != '.') return null;
        var date = mediaType.Substring(plus - 10, 10);
        for (var i = 0; i < 10; i++)
        {
            var ok = i is 4 or 7 ? date[i] == '-' : char.IsDigit(date[i]);
            if (!ok) return null;
        }
        return date;
    }

    private bool PatternIsValid(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
