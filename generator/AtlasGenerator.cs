using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Emit;
using Atlas.Codegen.Infrastructure;
using Atlas.Codegen.Model;
using Atlas.Codegen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen;

/// <summary>
/// Turns OpenAPI documents listed as AdditionalFiles into records, single-pass JSON converters and clients.
/// The pipeline: parse each file (YAML/JSON → equatable tree) → build the API model with the file's options →
/// report diagnostics and emit one file per type.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AtlasGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Compilation facts become a few values at once: a C# edit re-runs only this cheap step.
        var capabilities = context.CompilationProvider
            .Select(static (c, _) => Capabilities.From(c))
            .WithTrackingName(TrackingNames.Capabilities);
        var polySharp = context.AnalyzerConfigOptionsProvider
            .Select(static (o, _) => o.GlobalOptions.TryGetValue("build_property.PolySharpUsePublicAccessibilityForGeneratedTypes", out var _));
        context.RegisterSourceOutput(capabilities.Combine(polySharp), static (spc, x) => DownlevelEmitter.Emit(spc, x.Left, x.Right));
        var compiles = capabilities.Select(static (c, _) => c.CanCompile);

        // A file with AtlasAssemblyName is compiled into that assembly by the package's MSBuild targets; every other
        // compilation (the application's) drops it here, before it is parsed. The assembly name is one string: a C#
        // edit leaves this step cached.
        var assemblyName = context.CompilationProvider
            .Select(static (c, _) => c.AssemblyName);
        var specFiles = context.AdditionalTextsProvider
            .Where(static t => YamlTreeReader.IsCandidate(t.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(assemblyName)
            .Where(static x => !FileOptions.BelongsElsewhere(x.Left.Right.GetOptions(x.Left.Left), x.Right))
            .Select(static (x, _) => x.Left.Left);

        // Parse only depends on the file's text: a C# edit never re-parses.
        var documents = specFiles
            .Select(static (t, ct) => Guard.Parse(t.Path, () => YamlTreeReader.Parse(t.Path, t.GetText(ct), ct)))
            .WithTrackingName(TrackingNames.Parse);

        // Options are parsed once per file, into typed values, before they meet the documents.
        var options = specFiles
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (x, _) => FileOptions.Read(x.Left.Path, x.Right.GetOptions(x.Left), x.Right.GlobalOptions))
            .Collect()
            .Select(static (all, _) => new EquatableArray<FileOptions>(all.ToArray()))
            .WithTrackingName(TrackingNames.Options);

        var models = documents
            .Combine(options)
            .Select(static (x, ct) => ApiModelBuilder.Build(x.Left, OptionsFor(x.Left.Path, x.Right), ct))
            .WithTrackingName(TrackingNames.Model);

        var diagnostics = models
            .Select(static (m, _) => m.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d.ToDiagnostic());
        });

        // Hint names are unique across documents: the first document keeps a name, later ones get ATLAS007.
        var outputs = models
            .Collect()
            .Select(static (all, _) => OutputSet.From(all))
            .WithTrackingName(TrackingNames.Outputs);
        context.RegisterSourceOutput(outputs.Select(static (o, _) => o.Collisions), static (spc, list) =>
        {
            foreach (var d in list) spc.ReportDiagnostic(d.ToDiagnostic());
        });

        // Where the generated code cannot compile (C# older than 11, a package the target lacks), one diagnostic per spec
        // says what to set or add, and nothing else is generated.
        context.RegisterSourceOutput(specFiles.Combine(capabilities), static (spc, x) =>
        {
            foreach (var d in DownlevelEmitter.Problems(x.Left.Path, x.Right)) spc.ReportDiagnostic(d);
        });
        var emitted = outputs
            .Combine(compiles)
            .Select(static (x, _) => x.Right ? x.Left : OutputSet.Nothing);

        // One item per generated type: editing one schema regenerates its files only.
        var types = emitted
            .SelectMany(static (o, _) => o.Types)
            .WithTrackingName(TrackingNames.Types);
        context.RegisterSourceOutput(types, static (spc, type) => Guard.Emit(spc, type, TypeEmitter.Emit));

        var clients = emitted
            .SelectMany(static (o, _) => o.Clients)
            .WithTrackingName(TrackingNames.Client);
        context.RegisterSourceOutput(clients, static (spc, c) => Guard.Emit(spc, c, ClientEmitter.Emit));

        var registrations = clients
            .Combine(capabilities)
            .Where(static x => x.Right.HasHttpClientFactory)
            .WithTrackingName(TrackingNames.Registration);
        context.RegisterSourceOutput(registrations, static (spc, x) => Guard.Emit(spc, (x.Left, x.Right), RegistrationEmitter.Emit));

        var contexts = emitted
            .SelectMany(static (o, _) => o.Contexts)
            .WithTrackingName(TrackingNames.Context);
        context.RegisterSourceOutput(contexts, static (spc, c) => Guard.Emit(spc, c, ContextEmitter.Emit));
    }

    private static FileOptions OptionsFor(string path, EquatableArray<FileOptions> all)
    {
        foreach (var o in all)
        {
            if (o.Path == path) return o;
        }
        return FileOptions.Default(path);
    }
}

/// <summary>Stage boundaries: an unexpected exception becomes one ATLAS900 diagnostic, never CS8785.</summary>
internal static class Guard
{
    public static ParsedDocument Parse(string path, Func<ParsedDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var d = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.FileStart(path), "parsing '" + path + "'", ex.GetType().Name + ": " + ex.Message);
            return new ParsedDocument(path, null, true, new EquatableArray<DiagnosticInfo>(new[] { d }));
        }
    }

    public static void Emit<T>(SourceProductionContext spc, T spec, Action<SourceProductionContext, T> emit)
    {
        try
        {
            emit(spc, spec);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, "emitting code", ex.GetType().Name + ": " + ex.Message));
        }
    }
}
