using System.Collections.Generic;
using System.Linq;
using System.Text;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using static Atlas.Codegen.Emit.KnownTypes;

namespace Atlas.Codegen.Emit;

/// <summary>
/// Emits the client of a document: <c>{Base}Client</c> with one nested class per tag and one async method per
/// operation, and its fixed parts from the templates (<see cref="ClientTemplates"/>): the client's construction and
/// transport, options, exception, paging, waiting, downloads, and the authentication handlers for the security schemes
/// the spec declares (HTTP Digest, OAuth 2.0 client credentials).
/// </summary>
internal static class ClientEmitter
{
    public static void Emit(SourceProductionContext spc, ClientSpec spec)
    {
        var files = GeneratedFiles.Of(spec);
        spc.AddSource(files.Client, SourceText.From(RenderClient(spec), Encoding.UTF8));
        foreach (var (template, hintName) in files.Templates) spc.AddSource(hintName, SourceText.From(ClientTemplates.Render(template, spec), Encoding.UTF8));
    }

    internal static string RenderClient(ClientSpec spec)
    {
        var w = new SourceWriter();
        w.FileHeader();
        var client = spec.BaseName + "Client";
        var groups = spec.Operations.GroupBy(o => o.Group).OrderBy(g => g.Key, System.StringComparer.Ordinal).ToList();
        var signatures = new Dictionary<string, List<(string[] Docs, string Signature)>>();
        using (w.Block("namespace " + spec.Namespace))
        {
            w.DocElement("summary", "Client for " + SourceWriter.Escape(spec.Title ?? spec.BaseName) + ", generated from its OpenAPI document. Operations are grouped by tag: "
                + string.Join(", ", groups.Select(g => "<see cref=\"" + g.Key + "\"/>")) + ".");
            w.DocElement("remarks", "Construct it over an <see cref=\"global::System.Net.Http.HttpClient\"/> whose <c>BaseAddress</c> is the server (default <c>"
                + SourceWriter.Escape(spec.DefaultServer) + "</c>) and whose handlers authenticate, or with <see cref=\"Create\"/>.");
            w.Line(KnownTypes.GeneratedCode);
            using (w.Block(CSharp.Keyword(spec.Accessibility) + " sealed partial class " + client + " : I" + client))
            {
                w.DocElement("summary", "The first server of the document.");
                w.Line("public const string DefaultServer = " + TypeEmitter.Literal(spec.DefaultServer) + ";");
                // Every pattern of a parameter once, shared by the operations (the group classes are nested here).
                var patterns = new Dictionary<string, string>(System.StringComparer.Ordinal);
                var parameterPatterns = spec.Operations.SelectMany(o => o.Parameters).SelectMany(p => new[] { p.Pattern, p.Constraints?.ItemPattern })
                    .Concat(spec.Operations.Select(o => o.BodyConstraints?.ItemPattern));
                foreach (var pattern in parameterPatterns.OfType<string>())
                {
                    if (patterns.ContainsKey(pattern)) continue;
                    if (patterns.Count == 0) w.Line();
                    var field = patterns[pattern] = "Pattern" + patterns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    w.Line("private static readonly " + KnownTypes.Pattern + " " + field + " = " + TypeEmitter.PatternOf(pattern) + ";");
                }
                // Every whole schema of a parameter or body once (a JSON value, a scalar with an enum or const): the runtime's AtlasSchema.
                var schemas = new Dictionary<string, string>(System.StringComparer.Ordinal);
                var wholeSchemas = spec.Operations.SelectMany(o => o.Parameters).Select(p => p.Constraints?.Schema)
                    .Concat(spec.Operations.Select(o => o.BodyConstraints?.Schema));
                foreach (var schema in wholeSchemas.OfType<string>())
                {
                    if (schemas.ContainsKey(schema)) continue;
                    var field = schemas[schema] = "Schema" + schemas.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    w.Line("private static readonly " + KnownTypes.Schema + " " + field + " = " + KnownTypes.Schema + ".Parse("
                        + TypeEmitter.Literal(schema) + ");");
                }
                foreach (var g in groups)
                {
                    w.Line();
                    w.DocElement("summary", "Operations tagged <c>" + SourceWriter.Escape(g.Key) + "</c>.");
                    w.Line("public " + g.Key + "Operations " + g.Key + " => _" + g.Key + " ??= new " + g.Key + "Operations(this);");
                    w.Line();
                    w.Line("private " + g.Key + "Operations? _" + g.Key + ";");
                    w.Line();
                    w.Line("/// <inheritdoc/>");
                    w.Line("I" + g.Key + "Operations I" + client + "." + g.Key + " => " + g.Key + ";");
                }
                foreach (var g in groups)
                {
                    var mine = signatures[g.Key] = new List<(string[], string)>();
                    w.Line();
                    w.DocElement("summary", "Operations tagged <c>" + SourceWriter.Escape(g.Key) + "</c>.");
                    w.Line(KnownTypes.GeneratedCode);
                    using (w.Block("public sealed partial class " + g.Key + "Operations : I" + g.Key + "Operations"))
                    {
                        w.Line("private readonly " + client + " _client;");
                        w.Line();
                        w.Line("internal " + g.Key + "Operations(" + client + " client) => _client = client;");
                        foreach (var op in g)
                        {
                            w.Line();
                            mine.Add(WriteOperation(w, spec, op, null, op.MethodName, patterns, schemas));
                            if (op.Paging is { } paging)
                            {
                                w.Line();
                                mine.Add(WritePaged(w, spec, op, paging));
                            }
                            foreach (var alternate in op.AlternateDownloads)
                            {
                                // The same operation asking for another media type it offers (e.g. CSV beside JSON).
                                w.Line();
                                mine.Add(WriteOperation(w, spec, op, alternate.MediaType, alternate.MethodName, patterns, schemas));
                            }
                        }
                    }
                }
            }

            // Interfaces: code that uses the client depends on them and is tested with hand-written fakes.
            w.Line();
            w.DocElement("summary", "The client for " + SourceWriter.Escape(spec.Title ?? spec.BaseName) + " as an interface (for fakes in tests): its operation groups.");
            w.Line(KnownTypes.GeneratedCode);
            using (w.Block(CSharp.Keyword(spec.Accessibility) + " partial interface I" + client))
            {
                var first = true;
                foreach (var g in groups)
                {
                    if (!first) w.Line();
                    first = false;
                    w.DocElement("summary", "Operations tagged <c>" + SourceWriter.Escape(g.Key) + "</c>.");
                    w.Line("I" + g.Key + "Operations " + g.Key + " { get; }");
                }
            }
            foreach (var g in groups)
            {
                w.Line();
                w.DocElement("summary", "Operations tagged <c>" + SourceWriter.Escape(g.Key) + "</c>, as an interface (for fakes in tests).");
                w.Line(KnownTypes.GeneratedCode);
                using (w.Block(CSharp.Keyword(spec.Accessibility) + " partial interface I" + g.Key + "Operations"))
                {
                    var first = true;
                    // The same documentation as the class's methods: code written against the interface reads it too.
                    foreach (var (docs, signature) in signatures[g.Key])
                    {
                        if (!first) w.Line();
                        first = false;
                        foreach (var line in docs) w.Line(line);
                        w.Line(signature + ";");
                    }
                }
            }
            if (!spec.ResponseHeaders.IsEmpty) WriteResponseHeaders(w, spec);
        }
        return w.ToString();
    }

    /// <summary>
    /// The response headers the operations declare, each a typed property of the raw response (null when the response
    /// has no such header or its text does not parse as the declared type; <c>GetHeader</c> still gives the text).
    /// </summary>
    private static void WriteResponseHeaders(SourceWriter w, ClientSpec spec)
    {
        w.Line();
        using (w.Block(CSharp.Keyword(spec.Accessibility) + " partial class " + spec.BaseName + "Response"))
        {
            var first = true;
            foreach (var h in spec.ResponseHeaders)
            {
                if (!first) w.Line();
                first = false;
                var text = "GetHeader(" + TypeEmitter.Literal(h.WireName) + ")";
                const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
                const string Integer = "global::System.Globalization.NumberStyles.Integer, " + Invariant + ", out var v) ? v : null";
                var (type, value) = h.Kind switch
                {
                    ValueKind.Int32 => ("int?", "int.TryParse(" + text + ", " + Integer),
                    ValueKind.Int64 => ("long?", "long.TryParse(" + text + ", " + Integer),
                    ValueKind.Double => ("double?", "double.TryParse(" + text + ", global::System.Globalization.NumberStyles.Float, " + Invariant
                        + ", out var v) ? v : null"),
                    ValueKind.Boolean => ("bool?", "bool.TryParse(" + text + ", out var v) ? v : null"),
                    ValueKind.DateTimeOffset => ("global::System.DateTimeOffset?", "global::System.DateTimeOffset.TryParse(" + text + ", " + Invariant
                        + ", global::System.Globalization.DateTimeStyles.AssumeUniversal, out var v) ? v : null"),
                    _ => ("string?", text),
                };
                var about = h.Description is { } d ? ": " + SourceWriter.Escape(d) : "";
                w.DocElement("summary", "The <c>" + SourceWriter.Escape(h.WireName) + "</c> header" + about
                    + " (declared by the spec; null when absent or not a valid value).");
                w.Line("public " + type + " " + h.PropertyName + " => " + value + ";");
            }
        }
    }

    /// <summary>The <c>[Obsolete]</c> attribute of an operation's methods (deprecated, or its API version has a sunset), or null.</summary>
    private static string? Obsolete(OperationSpec op)
    {
        var obsolete = new List<string>();
        if (op.Deprecated) obsolete.Add("Deprecated in the OpenAPI document.");
        if (op.Sunset is not null)
        {
            obsolete.Add("API version " + op.ApiVersion + " of " + op.OperationId + " is removed by the server on " + op.Sunset
                + (op.NewerVersion is not null ? "; version " + op.NewerVersion + " is available: set " + OptionNames.ApiVersion + " to " + op.NewerVersion + " or later." : "."));
        }
        return obsolete.Count > 0 ? "[global::System.Obsolete(" + TypeEmitter.Literal(string.Join(" ", obsolete)) + ")]" : null;
    }

    /// <summary><c>ListGroupsAsync</c> → <c>ListAllGroupsAsync</c>: "All" after the first word, unique in the group.</summary>
    /// <summary>The method of a paginated operation that yields every item across pages.</summary>
    private static (string[] Docs, string Signature) WritePaged(SourceWriter w, ClientSpec spec, OperationSpec op, PagingSpec paging)
    {
        var item = CSharp.Type(paging.Item);
        var pageable = "global::" + spec.Namespace + "." + spec.BaseName + "Pageable<" + item + ">";
        var sizeName = paging.SizeParameter;
        var docs = new SourceWriter();
        docs.Doc((op.Summary ?? op.OperationId) + ": every item, across pages.");
        var stops = "an empty page" + (paging.Total is not null ? ", the reported total reached" : "") + (paging.Links is not null ? ", no next link" : "") + " or a short page";
        docs.DocElement("remarks", "Requests the pages of <see cref=\"" + op.MethodName + "\"/> lazily, one at a time, as the enumeration goes (<c>await foreach</c>); "
            + "stops on " + stops + ". <c>AsPages()</c> gives the pages with their number and total. Nothing is sent before the enumeration starts.");
        var args = new List<string>();
        var pass = new List<string>();
        var bodyIndex = op.Parameters.Count(p => p.Required);
        for (var i = 0; i < op.Parameters.Count; i++)
        {
            var p = op.Parameters[i];
            if (i == bodyIndex && op.Body is not null) args.Add(BodyArg(op));
            if (p.Name == paging.PageNumber || p.Name == paging.PageSize) continue;
            args.Add(ParamType(p) + " " + CSharp.Id(p.Name) + (p.Required ? "" : " = null"));
            pass.Add(CSharp.Id(p.Name) + ": " + CSharp.Id(p.Name));
            docs.DocElement("param", SourceWriter.Escape(p.Description ?? p.WireName), "name=\"" + p.Name + "\"");
        }
        if (op.Body is not null)
        {
            if (bodyIndex >= op.Parameters.Count) args.Add(BodyArg(op));
            pass.Add("body: body");
            docs.DocElement("param", SourceWriter.Escape(op.BodyDescription ?? "The request body (the same for every page)."), "name=\"body\"");
        }
        var max = paging.MaxPageSize;
        args.Add("int? " + sizeName + " = null");
        docs.DocElement("param", "Items per page: 1" + (max is null ? " or more" : " to " + max.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            + "; default " + paging.DefaultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) + (max is not null && paging.DefaultPageSize == max ? " (the most the API allows, so a long list costs few requests)" : "") + ".", "name=\"" + sizeName + "\"");
        args.Add(RequestOptionsArg(spec));
        docs.DocElement("param", "Headers, a timeout and retries for each page's call.", "name=\"requestOptions\"");
        args.Add("global::System.Threading.CancellationToken cancellationToken = default");
        docs.DocElement("param", "Cancels the enumeration (so does the token given to <c>WithCancellation</c>): no further page is requested.", "name=\"cancellationToken\"");
        docs.DocElement("exception", "The page size is out of range; nothing was sent.", "cref=\"global::System.ArgumentOutOfRangeException\"");
        var docLines = docs.ToString().TrimEnd('\n').Split('\n');
        w.Line("/// <inheritdoc/>");
        if (Obsolete(op) is { } obsolete) w.Line(obsolete);
        var signature = pageable + " " + paging.MethodName + "(" + string.Join(", ", args) + ")";
        using (w.Block("public " + signature))
        {
            w.Line("var size = " + sizeName + " ?? " + paging.DefaultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
            var limit = max is null ? "size < 1" : "size < 1 || size > " + max.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.Line("if (" + limit + ") throw new global::System.ArgumentOutOfRangeException(nameof(" + sizeName + "), size, "
                + TypeEmitter.Literal("Items per page must be from 1" + (max is null ? "." : " to " + max.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".")) + ");");
            pass.Add(CSharp.Id(paging.PageNumber) + ": page");
            pass.Add(CSharp.Id(paging.PageSize) + ": n");
            pass.Add("requestOptions: requestOptions");
            pass.Add("cancellationToken: ct");
            w.Line("return new " + pageable + "(async (page, n, ct) =>");
            w.Line("{");
            w.Indent();
            w.Line("var response = await " + op.MethodName + "(" + string.Join(", ", pass) + ").ConfigureAwait(false);");
            var total = paging.Total is null ? "null" : "(long?)response." + paging.Total;
            var next = paging.Links is null ? "null" : "global::Atlas.Codegen.Runtime.AtlasPaging.HasLink(response." + paging.Links + ", static l => l." + paging.Rel + (paging.RelIsEnum ? (paging.RelNullable ? "?.ToString()" : ".ToString()") : "") + ", \"next\")";
            w.Line("return (response." + paging.Items + ", " + total + ", " + next + ");");
            w.Outdent();
            w.Line("}, size, cancellationToken);");
        }
        return (docLines, signature);
    }

    /// <summary>
    /// The argument checks of one method, written as they are added: each call (<c>X(invalid, ...);</c>, returning the
    /// list) is assigned back to <c>invalid</c>, declared by the first check (<c>var invalid = X(null, ...)</c> when
    /// that check is unconditional); <see cref="End"/> throws the collected violations as one exception.
    /// </summary>
    private sealed class ArgumentChecks(SourceWriter w)
    {
        private bool _declared;

        public void Add(string? guard, string call) => Add(guard, new List<string> { call });

        public void Add(string? guard, List<string> calls)
        {
            if (calls.Count == 0) return;
            var from = 0;
            if (!_declared && guard is null)
            {
                var at = calls[0].IndexOf("(invalid, ", System.StringComparison.Ordinal);
                w.Line("var invalid = " + calls[0].Substring(0, at) + "(null, " + calls[0].Substring(at + "(invalid, ".Length));
                from = 1;
            }
            else if (!_declared) w.Line("global::System.Collections.Generic.List<string>? invalid = null;");
            _declared = true;
            if (guard is not null && calls.Count == 1)
            {
                w.Line("if (" + guard + ") invalid = " + calls[0]);
                return;
            }
            using var block = guard is null ? null : w.Block("if (" + guard + ")");
            for (var i = from; i < calls.Count; i++) w.Line("invalid = " + calls[i]);
        }

        public void End()
        {
            if (_declared) w.Line("global::Atlas.Codegen.Runtime.AtlasArguments.CheckParameters(invalid);");
        }
    }

    private static string RequestOptionsArg(ClientSpec spec) => "global::" + spec.Namespace + "." + spec.BaseName + "RequestOptions? requestOptions = null";

    private static string ParamType(ParameterSpec p)
        => CSharp.Type(p.Type) + (p.Required ? "" : "?");

    /// <summary>"Csv" for <c>text/csv</c> or <c>application/vnd.x.2023-01-01+csv</c>, "Gzip" for <c>...+gzip</c>.</summary>
    /// <summary>
    /// One method of an operation. <paramref name="alternate"/>: a non-JSON media type the operation also offers; the
    /// method then asks for it and returns the download.
    /// </summary>
    private static (string[] Docs, string Signature) WriteOperation(SourceWriter w, ClientSpec spec, OperationSpec op, string? alternate, string methodName,
        Dictionary<string, string> patterns, Dictionary<string, string> schemas)
    {
        var downloadMedia = alternate ?? op.DownloadMediaType;
        // Server-sent events: the events as they arrive, their data typed, instead of the body as a stream.
        var isEventStream = downloadMedia is not null && downloadMedia.StartsWith("text/event-stream", System.StringComparison.OrdinalIgnoreCase);
        var events = isEventStream ? op.EventData : null;

        // Documentation (summary, description, roles, docs URL, parameters) is the interface member's; the method inherits it.
        var docs = new SourceWriter();
        docs.Doc(op.Summary ?? op.OperationId);
        var remarks = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(op.Description)) remarks.Append(SourceWriter.Escape(op.Description!)).Append('\n');
        remarks.Append("<para><c>").Append(SourceWriter.Escape(op.HttpMethod + " " + op.Path)).Append("</c> (operationId <c>").Append(SourceWriter.Escape(op.OperationId)).Append("</c>).");
        if (op.Roles.Count > 0) remarks.Append(" Required roles: ").Append(SourceWriter.Escape(string.Join(", ", op.Roles))).Append('.');
        if (op.DocsUrl is not null) remarks.Append(" Documentation: <see href=\"").Append(SourceWriter.Escape(op.DocsUrl)).Append("\"/>.");
        remarks.Append("</para>");
        var accept = downloadMedia ?? op.ResponseMediaType ?? op.RequestMediaType ?? "application/json";
        if (op.ApiVersion is not null)
        {
            remarks.Append("\n<para>API version <c>").Append(SourceWriter.Escape(op.ApiVersion)).Append("</c> (<c>").Append(SourceWriter.Escape(accept)).Append("</c>)");
            if (op.Sunset is not null) remarks.Append(", removed by the server on ").Append(SourceWriter.Escape(op.Sunset));
            if (op.NewerVersion is not null) remarks.Append("; newer: <c>").Append(SourceWriter.Escape(op.NewerVersion)).Append("</c>");
            remarks.Append(".</para>");
        }
        if (events is not null)
        {
            remarks.Append("\n<para>Returns the server-sent events as they arrive (<c>await foreach</c>); nothing is sent before the enumeration")
                .Append(" starts, and breaking out of it or cancelling closes the connection.</para>");
        }
        else if (downloadMedia is not null) remarks.Append("\n<para>Returns the body as a stream (<c>").Append(SourceWriter.Escape(downloadMedia)).Append("</c>), not buffered: dispose the result.</para>");
        docs.DocElement("remarks", remarks.ToString());
        var bodyIndex = op.Parameters.Count(p => p.Required);
        var args = new List<string>();
        for (var i = 0; i < op.Parameters.Count; i++)
        {
            var p = op.Parameters[i];
            if (i == bodyIndex && op.Body is not null) args.Add(BodyArg(op));
            args.Add(ParamType(p) + " " + CSharp.Id(p.Name) + (p.Required ? "" : " = null"));
            docs.DocElement("param", SourceWriter.Escape(p.Description ?? p.WireName) + (p.Pattern is null ? "" : " Must match <c>" + SourceWriter.Escape(p.Pattern) + "</c>."), "name=\"" + p.Name + "\"");
        }
        if (op.Body is not null)
        {
            if (bodyIndex >= op.Parameters.Count) args.Add(BodyArg(op));
            docs.DocElement("param", SourceWriter.Escape(op.BodyDescription ?? "The request body."), "name=\"body\"");
        }
        args.Add(RequestOptionsArg(spec));
        docs.DocElement("param", "Headers, a timeout and retries for this call only.", "name=\"requestOptions\"");
        args.Add("global::System.Threading.CancellationToken cancellationToken = default");
        docs.DocElement("param", "Cancels the call.", "name=\"cancellationToken\"");
        docs.DocElement("exception", "A parameter is invalid; nothing was sent.", "cref=\"global::System.ArgumentException\"");
        docs.DocElement("exception", "The server answered with an error status or a body that does not match the spec.", "cref=\"" + spec.BaseName + "ApiException\"");
        var docLines = docs.ToString().TrimEnd('\n').Split('\n');
        w.Line("/// <inheritdoc/>");
        if (Obsolete(op) is { } obsolete) w.Line(obsolete);
        var download = spec.BaseName + "Download";
        var call = "global::" + spec.Namespace + "." + spec.BaseName + "Call";
        var eventType = events is null ? null : "global::" + spec.Namespace + "." + spec.BaseName + "Event<" + CSharp.Type(events) + ">";
        var returns = eventType is not null ? "global::System.Collections.Generic.IAsyncEnumerable<" + eventType + ">"
            : downloadMedia is not null ? "global::System.Threading.Tasks.Task<global::" + spec.Namespace + "." + download + ">"
            : op.Result is null ? call : call + "<" + CSharp.Type(op.Result) + ">";
        var c = spec.BaseName + "Client";
        // Not async: argument errors are thrown at the call, before any Task exists; the one async step is the client's CallAsync.
        var signature = returns + " " + methodName + "(" + string.Join(", ", args) + ")";
        using (w.Block("public " + signature))
        {
            // 1. Validate every argument before anything is sent: a null where a value is required throws at once; every
            // other violation (patterns, empty path segments, the spec's bounds, the body's own checks) is collected into
            // one list and thrown as one exception naming each.
            if (op.Body is not null && op.BodyRequired && !op.Body.IsValueType) w.Line("if (body is null) throw new global::System.ArgumentNullException(nameof(body));");
            var checks = new ArgumentChecks(w);
            foreach (var p in op.Parameters)
            {
                var value = p.Type.Kind switch
                {
                    ValueKind.String => CSharp.Id(p.Name),
                    ValueKind.Enum => CSharp.Id(p.Name) + (p.Required ? "" : "?") + ".Value",
                    _ => null,
                };
                var pattern = p.Pattern is null ? "null, null" : patterns[p.Pattern] + ", " + TypeEmitter.Literal(p.Pattern);
                if (p.In is "path" or "header" && value is not null)
                {
                    var check = p.In == "path" ? "Path" : "Header";
                    checks.Add(p.Required ? null : CSharp.Id(p.Name) + " is not null", "global::Atlas.Codegen.Runtime.AtlasArguments." + check + "(invalid, " + value + ", " + TypeEmitter.Literal(p.Name) + ", " + pattern + ");");
                }
                else if (p.Pattern is not null && p.Type.Kind == ValueKind.String)
                {
                    checks.Add(CSharp.Id(p.Name) + " is not null", "global::Atlas.Codegen.Runtime.AtlasArguments.Text(invalid, " + CSharp.Id(p.Name) + ", " + TypeEmitter.Literal(p.Name) + ", " + pattern + ");");
                }
                else if (p.Required && !p.Type.IsValueType)
                {
                    w.Line("if (" + CSharp.Id(p.Name) + " is null) throw new global::System.ArgumentNullException(" + TypeEmitter.Literal(p.Name) + ");");
                }
            }
            // The spec's other constraints on the parameters (bounds, lengths, counts).
            foreach (var p in op.Parameters.Where(p => p.Constraints is not null))
            {
                var constraints = p.Constraints!;
                var direct = p.Type.IsValueType && p.Required;
                var value = direct ? CSharp.Id(p.Name) : "k_" + p.Name;
                var itemPattern = constraints.ItemPattern is null ? null : patterns[constraints.ItemPattern];
                var whole = constraints.Schema is null ? null : schemas[constraints.Schema];
                var calls = ConstraintChecks.Calls(constraints, p.Type, "invalid", false, "\"\"", TypeEmitter.Literal(p.Name), value, itemPattern, whole);
                checks.Add(direct ? null : CSharp.Id(p.Name) + " is { } " + value, calls);
            }
            if (op.Body is not null)
            {
                if (op.Body.Kind == ValueKind.Object && op.BodyEncoding is BodyEncoding.Json or BodyEncoding.Form)
                {
                    checks.Add("_client._options.ValidateRequestBodies" + (op.BodyRequired ? "" : " && body is not null"), "global::Atlas.Codegen.Runtime.AtlasArguments.Body(invalid, body.GetValidationErrors());");
                }
                else if (op.BodyEncoding == BodyEncoding.Json && op.BodyConstraints is { } bc && (bc.Schema is null || schemas.ContainsKey(bc.Schema)))
                {
                    // A body that is not a record: its own constraints, like a parameter's.
                    checks.Add("_client._options.ValidateRequestBodies && body is { } k_body", ConstraintChecks.Calls(bc, op.Body, "invalid", false, "\"\"", "\"body\"", "k_body",
                        bc.ItemPattern is null ? null : patterns[bc.ItemPattern], bc.Schema is null ? null : schemas[bc.Schema]));
                }
            }
            checks.End();

            // 2. Build the request: escaped path, query flags only when set, exact media types; one string for the URL.
            // An interpolated string target-typed to the handler: the compiler lowers it to the same AppendLiteral and
            // AppendFormatted calls (one buffer; query parameters are appended to it below).
            var url = new StringBuilder("global::Atlas.Codegen.Runtime.AtlasUrl url = $\"{_client._server}");
            foreach (var segment in PathSegments(op.Path))
            {
                var p = segment.IsParameter ? op.Parameters.FirstOrDefault(x => x.In == "path" && x.WireName == segment.Text) : null;
                if (p is not null && IsScalar(p.Type) && p.Style == "simple")
                {
                    url.Append("{(global::System.Uri.EscapeDataString(").Append(ToText(p, CSharp.Id(p.Name))).Append("))}");
                }
                else if (p is not null)
                {
                    // An array or object, or another style (label, matrix): written by the runtime from the value's JSON.
                    url.Append("{(global::Atlas.Codegen.Runtime.AtlasQuery.Path(").Append(TypeEmitter.Literal(p.WireName)).Append(", ")
                        .Append(TypeEmitter.Literal(p.Style)).Append(", ").Append(p.Explode ? "true" : "false").Append(", ")
                        .Append(ElementOf(p.Type, CSharp.Id(p.Name) + (p.Type.IsValueType && !p.Required ? ".Value" : ""), c)).Append("))}");
                }
                else url.Append(InterpolatedText(segment.IsParameter ? "{" + segment.Text + "}" : segment.Text));
            }
            w.Line(url.Append("\";").ToString());
            var queries = op.Parameters.Where(p => p.In == "query").ToList();
            if (queries.Count > 0)
            {
                w.Line("var separator = \"?\";");
                foreach (var q in queries)
                {
                    if (!(q.Style == "form" && (IsScalar(q.Type) || (q.Type.Kind == ValueKind.Array && q.Explode && IsScalar(q.Type.Element!)))))
                    {
                        // Any other style or shape (an object, form without explode, space or pipe delimited, deepObject):
                        // written by the runtime from the value's JSON.
                        var set = "v_" + q.Name;
                        w.Line("global::Atlas.Codegen.Runtime.AtlasQuery.AddStyled(ref url, ref separator, " + TypeEmitter.Literal(q.WireName) + ", "
                            + TypeEmitter.Literal(q.Style) + ", " + (q.Explode ? "true" : "false") + ", " + CSharp.Id(q.Name) + " is { } " + set + " ? "
                            + ElementOf(q.Type, set, c) + " : null);");
                        continue;
                    }
                    if (q.Type.Kind == ValueKind.Array)
                    {
                        var item = q.Type.Element!;
                        using (w.Block("if (" + CSharp.Id(q.Name) + " is not null)"))
                        {
                            using (w.Block("foreach (var item in " + CSharp.Id(q.Name) + ")"))
                            {
                                w.Line("url.AppendLiteral(separator);");
                                w.Line("url.AppendLiteral(" + TypeEmitter.Literal(Escape(q.WireName) + "=") + ");");
                                w.Line("url.AppendFormatted(global::System.Uri.EscapeDataString(" + ScalarText(item, "item") + "));");
                                w.Line("separator = \"&\";");
                            }
                        }
                        continue;
                    }
                    // One call per parameter (omitted when null): the runtime appends and escapes.
                    var id = CSharp.Id(q.Name);
                    var nullable = !(q.Required && q.Type.IsValueType);
                    var (add, value) = q.Type.Kind switch
                    {
                        ValueKind.String => ("AddString", id),
                        ValueKind.Boolean => ("AddBoolean", id),
                        ValueKind.Int32 => ("AddInt32", id),
                        ValueKind.Int64 => ("AddInt64", id),
                        ValueKind.Double => ("AddDouble", id),
                        ValueKind.DateTimeOffset => ("AddDateTimeOffset", id),
                        ValueKind.Enum => ("AddString", id + (nullable ? "?.Value" : ".Value")),
                        _ => ("AddString", id + (nullable ? "?.ToString()" : ".ToString()")),
                    };
                    w.Line("global::Atlas.Codegen.Runtime.AtlasQuery." + add + "(ref url, ref separator, " + TypeEmitter.Literal(Escape(q.WireName) + "=") + ", " + value + ");");
                }
            }
            var headers = op.Parameters.Where(p => p.In is "header" or "cookie").ToList();
            if (headers.Count > 0) w.Line("global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>? headers = null;");
            foreach (var h in headers)
            {
                // One call per header (omitted when null); an array or object by the simple style; cookies into one Cookie header.
                var set = "h_" + h.Name;
                if (h.In == "cookie")
                {
                    w.Line("global::Atlas.Codegen.Runtime.AtlasQuery.AddCookie(ref headers, " + TypeEmitter.Literal(h.WireName) + ", "
                        + (h.Explode ? "true" : "false") + ", " + CSharp.Id(h.Name) + " is { } " + set + " ? " + ElementOf(h.Type, set, c) + " : null);");
                    continue;
                }
                var text = IsScalar(h.Type) ? ScalarText(h.Type, set)
                    : "global::Atlas.Codegen.Runtime.AtlasQuery.Header(" + (h.Explode ? "true" : "false") + ", " + ElementOf(h.Type, set, c) + ")";
                w.Line("global::Atlas.Codegen.Runtime.AtlasQuery.AddHeader(ref headers, " + TypeEmitter.Literal(h.WireName) + ", "
                    + CSharp.Id(h.Name) + " is { } " + set + " ? " + text + " : null);");
            }
            var headersArg = headers.Count > 0 ? "headers" : "null";
            var media = op.RequestMediaType ?? op.ResponseMediaType ?? "application/json";
            // A text body is UTF-8: said in its Content-Type unless the spec names a charset.
            var bodyMedia = op.RequestMediaType ?? "application/json";
            if (op.BodyEncoding == BodyEncoding.Text && bodyMedia.IndexOf("charset", System.StringComparison.OrdinalIgnoreCase) < 0)
            {
                bodyMedia += "; charset=utf-8";
            }
            var content = "default";
            if (op.Body is not null)
            {
                content = "content";
                var optional = op.BodyRequired ? "" : "body is null ? null : ";
                if (op.BodyEncoding is BodyEncoding.Binary or BodyEncoding.Multipart) content = "body"; // streamed as it is read, never buffered
                else if (op.BodyEncoding == BodyEncoding.Text) w.Line("var content = " + optional + "global::System.Text.Encoding.UTF8.GetBytes(body);");
                else if (op.BodyEncoding == BodyEncoding.Form)
                {
                    // The record's JSON, written as form fields (exploded; deepObject where the encoding says so).
                    var deep = op.DeepObjectFields.Count == 0 ? "null" : "new[] { " + string.Join(", ", op.DeepObjectFields.Select(TypeEmitter.Literal)) + " }";
                    var value = op.Body.Kind != ValueKind.Object && !op.BodyRequired ? "body.Value" : "body";
                    var json = Helpers + ".Serialize(" + value + ", " + JsonMembersEmitter.ItemWriter(op.Body) + ", " + c + ".JsonOptions)";
                    var guard = op.Body.IsValueType && !op.BodyRequired ? "body is null ? null : " : optional;
                    w.Line("var content = " + guard + "global::Atlas.Codegen.Runtime.AtlasForm.Encode(" + json + ", " + deep + ");");
                }
                else if (op.Body.IsValueType && !op.BodyRequired)
                {
                    // An optional value-type body (a number, an enum, free-form JSON) is a Nullable<T>: serialize its value.
                    w.Line("var content = body is { } bodyValue ? " + Helpers + ".Serialize(bodyValue, " + JsonMembersEmitter.ItemWriter(op.Body) + ", " + c + ".JsonOptions) : null;");
                }
                else
                {
                    var serialize = Helpers + ".Serialize(body, " + JsonMembersEmitter.ItemWriter(op.Body) + ", " + c + ".JsonOptions)";
                    w.Line("var content = " + (op.Body.IsValueType ? serialize : "body is null ? null : " + serialize) + ";");
                }
            }
            if (op.Parameters.Any(p => p.In == "part"))
            {
                // Multipart parts from typed parameters: each in its own part, files streamed as they are read.
                content = "content";
                w.Line("var content = new global::System.Net.Http.MultipartFormDataContent();");
                var index = 0;
                foreach (var part in op.Parameters.Where(p => p.In == "part")) w.Line(PartLine(part, spec, c, "__part" + Naming.Int(index++)));
            }
            var envelope = spec.EnvelopeParameter is { } env && queries.FirstOrDefault(q => q.WireName == env && q.Type.Kind == ValueKind.Boolean) is { } ep
                ? CSharp.Id(ep.Name) + " == true"
                : "false";
            // Named arguments: the request and its media types, headers, reading, what identifies the operation (for
            // telemetry and errors), the call's options.
            var method = op.HttpMethod == "PATCH" ? "global::Atlas.Codegen.Runtime.AtlasCompat.Patch" : "global::System.Net.Http.HttpMethod." + HttpMethodName(op.HttpMethod);
            var version = op.ApiVersion is null ? "null" : TypeEmitter.Literal(op.ApiVersion);
            var identity = "operation: " + TypeEmitter.Literal(op.OperationId) + ", route: " + TypeEmitter.Literal(op.Path) + ", version: " + version
                + ", requestOptions: requestOptions, cancellationToken: cancellationToken);";
            var request = "(method: " + method + ", url: url.ToStringAndClear(), content: " + content + ", accept: ";
            if (events is not null)
            {
                // Opened when the enumeration starts; text data (no schema) is the event's text as it is.
                const string target = "target";
                w.Line("var " + target + " = url.ToStringAndClear();");
                var eventReader = events.Kind == ValueKind.String ? "null" : JsonMembersEmitter.ItemReader(events);
                var open = "openToken => _client._transport.DownloadAsync(method: " + method + ", url: " + target
                    + ", accept: " + TypeEmitter.Literal(downloadMedia!) + ", content: " + content
                    + ", contentType: " + TypeEmitter.Literal(bodyMedia) + ", headers: " + headersArg
                    + ", operation: " + TypeEmitter.Literal(op.OperationId) + ", route: " + TypeEmitter.Literal(op.Path) + ", version: " + version
                    + ", options: requestOptions, cancellationToken: openToken)";
                var make = "static (e_data, e_raw, e_type, e_id, e_retry) => new " + eventType + "(e_data, e_raw, e_type, e_id, e_retry)";
                w.Line("return global::Atlas.Codegen.Runtime.AtlasEvents.ReadAsync<" + CSharp.Type(events) + ", " + eventType + ">(" + open + ", " + eventReader
                    + ", " + c + ".JsonOptions, " + make + ", cancellationToken);");
                return (docLines, signature);
            }
            if (downloadMedia is not null)
            {
                var requestMedia = TypeEmitter.Literal(bodyMedia);
                w.Line("return _client.DownloadAsync" + request + TypeEmitter.Literal(downloadMedia) + ", contentType: " + requestMedia + ", headers: " + headersArg + ", " + identity);
                return (docLines, signature);
            }
            var read = op.Result is null ? "" : "read: " + JsonMembersEmitter.ItemReader(op.Result) + ", ";
            var send = op.Result is null ? "SendAsync" : "CallAsync<" + CSharp.Type(op.Result) + ">";
            w.Line("return _client." + send + request + TypeEmitter.Literal(op.ResponseMediaType ?? media)
                + ", contentType: " + TypeEmitter.Literal(op.RequestMediaType is null ? media : bodyMedia)
                + ", headers: " + headersArg + ", " + read + "enveloped: " + envelope + ", " + identity);
        }
        return (docLines, signature);
    }


    /// <summary>Literal text inside a generated <c>$"…"</c> string: braces doubled, quotes, backslashes and control characters escaped.</summary>
    private static string InterpolatedText(string text)
    {
        var literal = TypeEmitter.Literal(text);
        return literal.Substring(1, literal.Length - 2).Replace("{", "{{").Replace("}", "}}");
    }

    private static string BodyArg(OperationSpec op) => CSharp.Type(op.Body!) + (op.BodyRequired ? "" : "?") + " body" + (op.BodyRequired ? "" : " = null");


    private static string HttpMethodName(string m) => m switch
    {
        "GET" => "Get",
        "POST" => "Post",
        "PUT" => "Put",
        "DELETE" => "Delete",
        "HEAD" => "Head",
        "OPTIONS" => "Options",
        _ => "Trace",
    };

    private static string Escape(string s) => System.Uri.EscapeDataString(s);

    private static bool IsScalar(TypeRefSpec t)
        => t.Kind is ValueKind.String or ValueKind.Enum or ValueKind.Boolean or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double
            or ValueKind.DateTimeOffset;

    /// <summary>
    /// The statement that adds one multipart part (nothing for null): a file (or each of a list of files) as its stream,
    /// a scalar as text (each item of a list of scalars as its own part), anything else as JSON.
    /// </summary>
    private static string PartLine(ParameterSpec p, ClientSpec spec, string client, string local)
    {
        const string Multipart = "global::Atlas.Codegen.Runtime.AtlasMultipart.";
        var name = TypeEmitter.Literal(p.WireName);
        var id = CSharp.Id(p.Name);
        var specType = p.ContentType is null ? "null" : TypeEmitter.Literal(p.ContentType);
        var file = spec.BaseName + "File";
        string AddFile(string f)
            => Multipart + "AddFile(content, " + name + ", " + f + "?.Content, " + f + "?.FileName, " + f + "?.ContentType, " + specType + ");";
        if (p.Type.Kind == ValueKind.Object && p.Type.Name == file) return AddFile(id);
        if (p.Type.Kind == ValueKind.Array && p.Type.Element is { Kind: ValueKind.Object } fe && fe.Name == file)
        {
            return "if (" + id + " is not null) foreach (var " + local + " in " + id + ") " + AddFile(local);
        }
        if (IsScalar(p.Type))
        {
            var text = ScalarText(p.Type, local);
            return Multipart + "AddText(content, " + name + ", " + id + " is { } " + local + " ? " + text + " : null, " + specType + ");";
        }
        if (p.Type.Kind == ValueKind.Array && p.Type.Element is { } item && IsScalar(item))
        {
            return "if (" + id + " is not null) foreach (var partItem in " + id + ") " + Multipart + "AddText(content, " + name
                + ", partItem is { } " + local + " ? " + ScalarText(item, local) + " : null, " + specType + ");";
        }
        var json = Helpers + ".Serialize(" + local + ", " + JsonMembersEmitter.ItemWriter(p.Type) + ", " + client + ".JsonOptions)";
        return Multipart + "AddJson(content, " + name + ", " + id + " is { } " + local + " ? " + json + " : null, " + specType + ");";
    }

    /// <summary>The JSON of a parameter's value (<c>JsonElement</c>), written by its type's own writer.</summary>
    private static string ElementOf(TypeRefSpec t, string value, string client)
        => "global::Atlas.Codegen.Runtime.AtlasQuery.Element(" + value + ", " + JsonMembersEmitter.ItemWriter(t) + ", " + client + ".JsonOptions)";

    private static string ToText(ParameterSpec p, string name) => ScalarText(p.Type, name + (p.Type.IsValueType && !p.Required ? ".Value" : ""));

    /// <summary>The invariant text of a scalar value for a path, query or header.</summary>
    private static string ScalarText(TypeRefSpec t, string v) => t.Kind switch
    {
        ValueKind.String => v,
        ValueKind.Enum => v + ".Value",
        ValueKind.Boolean => "(" + v + " ? \"true\" : \"false\")",
        ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double => v + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        ValueKind.DateTimeOffset => v + ".ToString(\"O\", global::System.Globalization.CultureInfo.InvariantCulture)",
        _ => v + ".ToString()",
    };

    private readonly struct Segment
    {
        public Segment(string text, bool isParameter) { Text = text; IsParameter = isParameter; }
        public string Text { get; }
        public bool IsParameter { get; }
    }

    private static IEnumerable<Segment> PathSegments(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            var open = path.IndexOf('{', i);
            if (open < 0)
            {
                yield return new Segment(path.Substring(i), false);
                yield break;
            }
            var close = path.IndexOf('}', open);
            if (close < 0)
            {
                yield return new Segment(path.Substring(i), false);
                yield break;
            }
            if (open > i) yield return new Segment(path.Substring(i, open - i), false);
            yield return new Segment(path.Substring(open + 1, close - open - 1), true);
            i = close + 1;
        }
    }
}
