using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model.Building;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model;

/// <summary>
/// Builds the API model of one OpenAPI document, as a list of steps each handed to a named part of
/// <see cref="Atlas.Codegen.Model.Building"/>: the schemas collected and classified, unions typed, operations selected,
/// every generated type named and built, the client's methods, inline enums, validation. Nothing here knows any
/// particular API.
/// </summary>
internal static class ApiModelBuilder
{
    /// <summary>From this many generated types on, ATLAS022 suggests AtlasAssemblyName (the whole Atlas spec has about
    /// 1,500; one operation about 30).</summary>
    internal const int LargeApiTypes = 500;

    public static ApiModel Build(ParsedDocument doc, FileOptions options, CancellationToken ct)
    {
        try
        {
            return Run(doc, options, ct);
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

    private static ApiModel Run(ParsedDocument doc, FileOptions options, CancellationToken ct)
    {
        var relevant = doc.Root is not null ? doc.LooksLikeOpenApi || options.OptedIn : doc.MentionsOpenApi || options.OptedIn;
        if (!relevant)
        {
            // Some other YAML/JSON file in AdditionalFiles: not ours, say nothing.
            return new ApiModel(doc.Path, EquatableArray<TypeSpec>.Empty, null, null, EquatableArray<DiagnosticInfo>.Empty);
        }
        var diagnostics = new ModelDiagnostics(doc.Path);
        diagnostics.AddRange(doc.Diagnostics);
        diagnostics.AddRange(options.Diagnostics);
        if (doc.Root is null)
        {
            if (doc.Diagnostics.IsEmpty) diagnostics.ReportAtFileStart(DiagnosticDescriptors.NotOpenApi, doc.Path, "the file is empty");
            return Result(doc.Path, diagnostics, null);
        }
        if (!CheckVersion(doc.Root, doc.Path, diagnostics)) return Result(doc.Path, diagnostics, null);

        var context = new ModelContext(doc.Root, doc.Path, options, ClientName(doc.Root, options), diagnostics, ct);
        var shapes = new SchemaShapes(context.Resolver);
        var collector = new PropertyCollector(context);
        var mapper = new TypeMapper(context, shapes, collector);

        var classifier = new SchemaClassifier(context, shapes);
        classifier.CollectComponents();
        classifier.LiftInlineUnions();
        classifier.Classify();
        var unions = new UnionClassifier(context, shapes, collector);
        unions.ClassifyUntypedUnions();
        unions.ResolveVariants();
        var selection = new OperationSelector(context).Select();
        NameTypes(context, selection.Emitted);
        var types = new NamedTypeBuilder(context, shapes, collector, mapper);
        BuildTypes(context, selection.Emitted, types);
        var client = new ClientBuilder(context, mapper).Build(selection.Operations);
        foreach (var e in context.Namer.NameInlineEnums()) context.Types.Add(types.Enum(e.Identity.Name, e.Values, e.Description));
        ValidationPlanner.Mark(context.Types);
        if (options.AssemblyName is null && context.Types.Count >= LargeApiTypes)
        {
            diagnostics.ReportAtFileStart(DiagnosticDescriptors.LargeApiInProject, Naming.Int(context.Types.Count), System.IO.Path.GetFileName(doc.Path));
        }
        return Result(doc.Path, diagnostics, client, context);
    }

    /// <summary>Names the generated types of the emitted schemas, in document order: a schema outside the operation
    /// filter never renames one inside.</summary>
    private static void NameTypes(ModelContext context, HashSet<string> emitted)
    {
        foreach (var name in context.Schemas.Names)
        {
            var state = context.Schemas[name];
            if (emitted.Contains(name) && state.IsType) state.TypeName = context.Namer.NameSchema(name, state.Key, state.Class == SchemaClass.Enum);
        }
    }

    /// <summary>Builds the type of every emitted schema, reporting what was held back about it.</summary>
    private static void BuildTypes(ModelContext context, HashSet<string> emitted, NamedTypeBuilder builder)
    {
        foreach (var name in context.Schemas.Names)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (!emitted.Contains(name)) continue;
            context.Diagnostics.Release(name);
            context.Resolver.ReportUnresolved(context.Schemas[name].Node);
            builder.Build(name);
        }
    }

    private static ApiModel Result(string path, ModelDiagnostics diagnostics, ClientSpec? client, ModelContext? context = null)
    {
        var types = context?.Types ?? new List<TypeSpec>();
        ContextSpec? json = null;
        if (context is not null && types.Count > 0)
        {
            var options = context.Options;
            var name = context.ClientName + "JsonContext";
            var entries = types.Select(t => new ContextEntrySpec(t.Name,
                ReservedNames.ContextMembers.Contains(t.Name) || t.Name == name ? t.Name + "TypeInfo" : t.Name));
            json = new ContextSpec(options.Namespace, name, options.Accessibility, new EquatableArray<ContextEntrySpec>(entries.ToArray()));
        }
        return new(path, new EquatableArray<TypeSpec>(types.ToArray()), json, client, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    /// <summary>The client's class name without the "Client" suffix: AtlasClientName, else derived from info.title.</summary>
    private static string ClientName(YNode root, FileOptions options)
    {
        var name = options.ClientName is { } n ? Naming.Clean(n) : Naming.Pascal(root["info"]?.Str("title") ?? "");
        if (name.EndsWith("Client", StringComparison.Ordinal)) name = name.Substring(0, name.Length - "Client".Length);
        if (options.ClientName is null && name.EndsWith("Api", StringComparison.Ordinal) && name.Length > 3) name = name.Substring(0, name.Length - 3);
        return name.Length == 0 ? "Api" : name;
    }

    private static bool CheckVersion(YNode root, string path, ModelDiagnostics diagnostics)
    {
        if (!root.IsMapping)
        {
            diagnostics.Report(DiagnosticDescriptors.NotOpenApi, root, path, "the root is not a mapping");
            return false;
        }
        var version = root["openapi"];
        if (version is null)
        {
            var swagger = root["swagger"];
            diagnostics.Report(DiagnosticDescriptors.NotOpenApi, swagger ?? root, path,
                swagger is not null ? "Swagger version '" + swagger.Value + "' is not 2.0" : "the root mapping has no 'openapi' key");
            return false;
        }
        if (version.Value is null || !version.Value.StartsWith("3.", StringComparison.Ordinal))
        {
            diagnostics.Report(DiagnosticDescriptors.NotOpenApi, version, path, "version '" + version.Value + "' is not 3.x");
            return false;
        }
        return true;
    }
}
