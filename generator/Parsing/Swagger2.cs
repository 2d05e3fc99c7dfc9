using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Parsing;

/// <summary>
/// Reads a Swagger 2.0 document as the OpenAPI 3.0 document it describes, so that the rest of the pipeline knows one
/// format: <c>definitions</c> become <c>components.schemas</c> (every <c>$ref</c> rewritten), body and formData
/// parameters a <c>requestBody</c> per <c>consumes</c> media type, a response's <c>schema</c> its <c>content</c> per
/// <c>produces</c> media type, <c>host</c>/<c>basePath</c>/<c>schemes</c> the server, <c>securityDefinitions</c> the
/// security schemes, <c>x-nullable</c> <c>nullable</c>, <c>collectionFormat</c> <c>style</c>/<c>explode</c>,
/// <c>type: file</c> a binary string. Every node taken from the document keeps its line and column, and a node made
/// here has the position of the node it is made from, so diagnostics point into the 2.0 file.
/// </summary>
internal static class Swagger2
{
    private static readonly string[] Json = { "application/json" };

    /// <summary>A Swagger 2.x document: its root has <c>swagger: "2…"</c>.</summary>
    public static bool Is(YNode root)
        => root.IsMapping && root["openapi"] is null && root.Str("swagger") is { } v && v.StartsWith("2", StringComparison.Ordinal);

    public static YNode ToOpenApi3(YNode root) => new Converter(root).Document();

    private sealed class Converter
    {
        private readonly YNode _root;
        private readonly string[] _consumes;
        private readonly string[] _produces;

        public Converter(YNode root)
        {
            _root = root;
            _consumes = MediaTypes(root["consumes"]) ?? Json;
            _produces = MediaTypes(root["produces"]) ?? Json;
        }

        public YNode Document()
        {
            var entries = new List<YEntry>();
            var components = new List<YEntry>();
            foreach (var e in _root.Entries)
            {
                switch (e.Key)
                {
                    case "swagger":
                        entries.Add(Keep(e, Scalar("3.0.3", e.Value), "openapi"));
                        break;
                    case "host" or "basePath" or "schemes" or "consumes" or "produces":
                        break;
                    case "paths":
                        entries.Add(Keep(e, e.Value.IsMapping ? Map(e.Value, e.Value.Entries.Select(p => Keep(p, PathItem(p.Value))).ToList()) : e.Value));
                        break;
                    case "definitions" when e.Value.IsMapping:
                        components.Add(Keep(e, Map(e.Value, e.Value.Entries.Select(d => Keep(d, Schema(d.Value))).ToList()), "schemas"));
                        break;
                    case "parameters" when e.Value.IsMapping:
                        var parameters = e.Value.Entries.Where(p => p.Value.Str("in") is not ("body" or "formData"))
                            .Select(p => Keep(p, Parameter(p.Value))).ToList();
                        components.Add(Keep(e, Map(e.Value, parameters)));
                        break;
                    case "responses" when e.Value.IsMapping:
                        components.Add(Keep(e, Map(e.Value, e.Value.Entries.Select(r => Keep(r, Response(r.Value, _produces))).ToList())));
                        break;
                    case "securityDefinitions" when e.Value.IsMapping:
                        components.Add(Keep(e, Map(e.Value, e.Value.Entries.Select(s => Keep(s, SecurityScheme(s.Value))).ToList()), "securitySchemes"));
                        break;
                    default:
                        entries.Add(e);
                        break;
                }
            }
            if (Server() is { } server) entries.Add(Entry("servers", Seq(server, new List<YNode> { Map(server, new List<YEntry> { Entry("url", server) }) })));
            if (components.Count > 0) entries.Add(Entry("components", Map(_root, components)));
            return Map(_root, entries);
        }

        /// <summary>The server: the first scheme (https when none), host and basePath; with no host, basePath alone on localhost.</summary>
        private YNode? Server()
        {
            var host = _root["host"];
            var basePath = _root["basePath"];
            if (host is null && basePath is null) return null;
            var scheme = _root["schemes"] is { IsSequence: true, Items.Count: > 0 } schemes
                ? (schemes.Items.Any(s => s.Value == "https") ? "https" : schemes.Items[0].Value ?? "https")
                : "https";
            var url = (host?.Value is { Length: > 0 } h ? scheme + "://" + h : "http://localhost") + (basePath?.Value ?? "").TrimEnd('/');
            return Scalar(url, host ?? basePath!);
        }

        private YNode PathItem(YNode item)
        {
            if (!item.IsMapping) return item;
            var shared = item["parameters"] is { IsSequence: true } list ? list.Items.Select(Resolve).ToList() : new List<YNode>();
            var entries = new List<YEntry>();
            foreach (var e in item.Entries)
            {
                if (e.Key == "parameters")
                {
                    entries.Add(Keep(e, Parameters(e.Value)));
                }
                else if (IsMethod(e.Key) && e.Value.IsMapping)
                {
                    entries.Add(Keep(e, Operation(e.Value, shared)));
                }
                else
                {
                    entries.Add(e);
                }
            }
            return Map(item, entries);
        }

        private YNode Operation(YNode op, List<YNode> shared)
        {
            var consumes = MediaTypes(op["consumes"]) ?? _consumes;
            var produces = MediaTypes(op["produces"]) ?? _produces;
            var own = op["parameters"] is { IsSequence: true } list ? list.Items.Select(Resolve).ToList() : new List<YNode>();
            // Operation-level parameters override path-level ones of the same name and location.
            var all = shared.Where(s => !own.Any(o => o.Str("name") == s.Str("name") && o.Str("in") == s.Str("in"))).Concat(own).ToList();
            var entries = new List<YEntry>();
            foreach (var e in op.Entries)
            {
                switch (e.Key)
                {
                    case "consumes" or "produces" or "schemes":
                        break;
                    case "parameters":
                        entries.Add(Keep(e, Parameters(e.Value)));
                        break;
                    case "responses" when e.Value.IsMapping:
                        entries.Add(Keep(e, Map(e.Value, e.Value.Entries.Select(r => Keep(r, Response(r.Value, produces))).ToList())));
                        break;
                    default:
                        entries.Add(e);
                        break;
                }
            }
            if (all.FirstOrDefault(p => p.Str("in") == "body") is { } body)
            {
                entries.Add(Entry("requestBody", BodyOf(body, consumes)));
            }
            else if (all.Where(p => p.Str("in") == "formData").ToList() is { Count: > 0 } form)
            {
                entries.Add(Entry("requestBody", FormOf(form, consumes)));
            }
            return Map(op, entries);
        }

        private YNode BodyOf(YNode parameter, string[] consumes)
        {
            var schema = parameter["schema"] is { } s ? Schema(s) : Map(parameter, new List<YEntry>());
            var entries = new List<YEntry>();
            if (parameter["description"] is { } d) entries.Add(Entry("description", d));
            if (parameter.Bool("required")) entries.Add(Entry("required", Scalar("true", parameter["required"]!, plain: true)));
            entries.Add(Entry("content", Map(parameter, consumes.Select(c => Entry(c, Map(schema, new List<YEntry> { Entry("schema", schema) }))).ToList())));
            return Map(parameter, entries);
        }

        /// <summary>formData parameters: one object schema, multipart when a file is sent or the operation consumes only multipart.</summary>
        private YNode FormOf(List<YNode> form, string[] consumes)
        {
            var at = form[0];
            var properties = form.Select(p => Entry(p.Str("name") ?? "", SchemaOfParameter(p))).ToList();
            var required = form.Where(p => p.Bool("required")).Select(p => Scalar(p.Str("name") ?? "", p)).ToList();
            var multipart = form.Any(p => p.Str("type") == "file")
                || (consumes.Contains("multipart/form-data") && !consumes.Contains("application/x-www-form-urlencoded"));
            var schema = new List<YEntry> { Entry("type", Scalar("object", at)), Entry("properties", Map(at, properties)) };
            if (required.Count > 0) schema.Add(Entry("required", Seq(at, required)));
            var media = multipart ? "multipart/form-data" : "application/x-www-form-urlencoded";
            var content = Map(at, new List<YEntry> { Entry(media, Map(at, new List<YEntry> { Entry("schema", Map(at, schema)) })) });
            var entries = new List<YEntry> { Entry("content", content) };
            if (required.Count > 0) entries.Add(Entry("required", Scalar("true", at, plain: true)));
            return Map(at, entries);
        }

        /// <summary>The parameters other than body and formData (those are the request body), references rewritten.</summary>
        private YNode Parameters(YNode list)
        {
            if (!list.IsSequence) return list;
            var items = new List<YNode>();
            foreach (var p in list.Items)
            {
                if (Resolve(p).Str("in") is "body" or "formData") continue;
                items.Add(p.Str("$ref") is not null ? Reference(p) : Parameter(p));
            }
            return Seq(list, items);
        }

        private YNode Parameter(YNode p)
        {
            if (!p.IsMapping || p["$ref"] is not null) return p;
            var entries = new List<YEntry>();
            foreach (var e in p.Entries)
            {
                if (e.Key is "name" or "in" or "description" or "required" or "deprecated" or "allowEmptyValue"
                    || e.Key.StartsWith("x-", StringComparison.Ordinal))
                {
                    if (e.Key != "x-nullable") entries.Add(e);
                }
            }
            entries.Add(Entry("schema", SchemaOfParameter(p)));
            var location = p.Str("in");
            switch (p.Str("collectionFormat"))
            {
                case "multi":
                    entries.Add(Entry("style", Scalar("form", p)));
                    entries.Add(Entry("explode", Scalar("true", p, plain: true)));
                    break;
                case "ssv":
                    entries.Add(Entry("style", Scalar("spaceDelimited", p)));
                    entries.Add(Entry("explode", Scalar("false", p, plain: true)));
                    break;
                case "pipes":
                    entries.Add(Entry("style", Scalar("pipeDelimited", p)));
                    entries.Add(Entry("explode", Scalar("false", p, plain: true)));
                    break;
                default:
                    if (p.Str("type") == "array" && location is "query" or "cookie")
                    {
                        entries.Add(Entry("style", Scalar("form", p)));
                        entries.Add(Entry("explode", Scalar("false", p, plain: true)));
                    }
                    break;
            }
            return Map(p, entries);
        }

        /// <summary>A non-body parameter's (or header's) schema: its type, format, items and constraints.</summary>
        private YNode SchemaOfParameter(YNode p)
        {
            var entries = p.Entries
                .Where(e => e.Key is not ("name" or "in" or "description" or "required" or "allowEmptyValue" or "collectionFormat" or "deprecated")
                && !(e.Key.StartsWith("x-", StringComparison.Ordinal) && e.Key != "x-nullable")).ToList();
            if (p.Str("description") is not null && p.Str("in") == "formData") entries.Add(p.Entries.First(e => e.Key == "description"));
            return Schema(Map(p, entries));
        }

        private YNode Response(YNode response, string[] produces)
        {
            if (!response.IsMapping) return response;
            if (response.Str("$ref") is not null) return Reference(response);
            var entries = new List<YEntry>();
            foreach (var e in response.Entries)
            {
                switch (e.Key)
                {
                    case "schema":
                        var schema = Schema(e.Value);
                        var examples = response["examples"];
                        entries.Add(Keep(e, Map(e.Value, produces.Select(media =>
                        {
                            var mediaType = new List<YEntry> { Entry("schema", schema) };
                            if (examples?[media] is { } example) mediaType.Add(Entry("example", example));
                            return Entry(media, Map(e.Value, mediaType));
                        }).ToList()), "content"));
                        break;
                    case "headers" when e.Value.IsMapping:
                        entries.Add(Keep(e, Map(e.Value, e.Value.Entries.Select(h => Keep(h, Header(h.Value))).ToList())));
                        break;
                    case "examples":
                        break;
                    default:
                        entries.Add(e);
                        break;
                }
            }
            if (response["description"] is null) entries.Insert(0, Entry("description", Scalar("", response)));
            return Map(response, entries);
        }

        private YNode Header(YNode header)
        {
            if (!header.IsMapping) return header;
            var entries = new List<YEntry>();
            if (header["description"] is { } d) entries.Add(Entry("description", d));
            entries.Add(Entry("schema", SchemaOfParameter(header)));
            return Map(header, entries);
        }

        private YNode SecurityScheme(YNode scheme)
        {
            if (!scheme.IsMapping) return scheme;
            var entries = new List<YEntry>();
            var type = scheme.Str("type");
            foreach (var e in scheme.Entries)
            {
                if (e.Key is "flow" or "authorizationUrl" or "tokenUrl" or "scopes") continue;
                if (e.Key == "type" && type == "basic")
                {
                    entries.Add(Keep(e, Scalar("http", e.Value)));
                    entries.Add(Entry("scheme", Scalar("basic", e.Value)));
                    continue;
                }
                entries.Add(e);
            }
            if (type == "oauth2")
            {
                var flow = scheme.Str("flow") switch
                {
                    "application" => "clientCredentials",
                    "accessCode" => "authorizationCode",
                    "password" => "password",
                    _ => "implicit",
                };
                var settings = scheme.Entries.Where(e => e.Key is "authorizationUrl" or "tokenUrl" or "scopes").ToList();
                if (scheme["scopes"] is null) settings.Add(Entry("scopes", Map(scheme, new List<YEntry>())));
                entries.Add(Entry("flows", Map(scheme, new List<YEntry> { Entry(flow, Map(scheme, settings)) })));
            }
            return Map(scheme, entries);
        }

        /// <summary>A schema with its references rewritten and the 2.0 forms (x-nullable, type file, a discriminator that is a name) made 3.0.</summary>
        private YNode Schema(YNode schema)
        {
            if (!schema.IsMapping) return schema;
            var entries = new List<YEntry>();
            foreach (var e in schema.Entries)
            {
                switch (e.Key)
                {
                    case "$ref" when e.Value.IsScalar && e.Value.Value is { } r:
                        entries.Add(Keep(e, Scalar(Ref(r), e.Value)));
                        break;
                    case "x-nullable":
                        entries.Add(Keep(e, e.Value, "nullable"));
                        break;
                    case "type" when e.Value.Value == "file":
                        entries.Add(Keep(e, Scalar("string", e.Value)));
                        if (schema["format"] is null) entries.Add(Entry("format", Scalar("binary", e.Value)));
                        break;
                    case "format" when schema.Str("type") == "file":
                        entries.Add(Keep(e, Scalar("binary", e.Value)));
                        break;
                    case "discriminator" when e.Value.IsScalar:
                        entries.Add(Keep(e, Map(e.Value, new List<YEntry> { Entry("propertyName", e.Value) })));
                        break;
                    case "properties" when e.Value.IsMapping:
                        entries.Add(Keep(e, Map(e.Value, e.Value.Entries.Select(p => Keep(p, Schema(p.Value))).ToList())));
                        break;
                    case "items" or "additionalProperties" or "not":
                        entries.Add(Keep(e, e.Value.IsSequence ? Seq(e.Value, e.Value.Items.Select(Schema).ToList()) : Schema(e.Value)));
                        break;
                    case "allOf" or "anyOf" or "oneOf" when e.Value.IsSequence:
                        entries.Add(Keep(e, Seq(e.Value, e.Value.Items.Select(Schema).ToList())));
                        break;
                    default:
                        entries.Add(e);
                        break;
                }
            }
            return Map(schema, entries);
        }

        /// <summary>A parameter as declared: a <c>#/parameters/…</c> reference followed (body and formData ones become the body).</summary>
        private YNode Resolve(YNode p)
        {
            if (p.Str("$ref") is { } r && r.StartsWith("#/parameters/", StringComparison.Ordinal)
                && _root["parameters"]?[r.Substring("#/parameters/".Length).Replace("~1", "/").Replace("~0", "~")] is { } target)
            {
                return target;
            }
            return p;
        }

        /// <summary>A <c>{$ref: …}</c> node with the reference rewritten.</summary>
        private static YNode Reference(YNode node)
        {
            var entry = node.Entries.First(e => e.Key == "$ref");
            return Map(node, new List<YEntry> { Keep(entry, Scalar(Ref(entry.Value.Value ?? ""), entry.Value)) });
        }

        private static string Ref(string r)
            => r.StartsWith("#/definitions/", StringComparison.Ordinal) ? "#/components/schemas/" + r.Substring("#/definitions/".Length)
                : r.StartsWith("#/parameters/", StringComparison.Ordinal) ? "#/components/parameters/" + r.Substring("#/parameters/".Length)
                : r.StartsWith("#/responses/", StringComparison.Ordinal) ? "#/components/responses/" + r.Substring("#/responses/".Length)
                : r;

        private static string[]? MediaTypes(YNode? list)
            => list is { IsSequence: true, Items.Count: > 0 } ? list.Items.Where(i => i.Value is not null).Select(i => i.Value!).ToArray() : null;

        private static bool IsMethod(string key) => key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch";
    }

    private static YNode Scalar(string value, YNode at, bool plain = false)
        => new(YKind.Scalar, value, plain, EquatableArray<YNode>.Empty, EquatableArray<YEntry>.Empty, at.Line, at.Column, at.Start, at.End, 1);

    private static YNode Map(YNode at, List<YEntry> entries)
        => new(YKind.Mapping, null, false, EquatableArray<YNode>.Empty, new EquatableArray<YEntry>(entries.ToArray()), at.Line, at.Column, at.Start, at.End,
            1 + entries.Sum(e => e.Value.Size));

    private static YNode Seq(YNode at, List<YNode> items)
        => new(YKind.Sequence, null, false, new EquatableArray<YNode>(items.ToArray()), EquatableArray<YEntry>.Empty, at.Line, at.Column, at.Start, at.End,
            1 + items.Sum(i => i.Size));

    /// <summary>A new entry, its key at the value's position.</summary>
    private static YEntry Entry(string key, YNode value) => new(key, value.Line, value.Column, value);

    /// <summary>The entry with a new value (and key), its key where it was.</summary>
    private static YEntry Keep(YEntry e, YNode value, string? key = null) => new(key ?? e.Key, e.KeyLine, e.KeyColumn, value);
}
