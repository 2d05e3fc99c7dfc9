using System.Collections.Generic;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Parsing;
using Microsoft.CodeAnalysis;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// The diagnostics of one document's model, collected in one object that every part of the builder is handed: located
/// at a YAML node, reported once per node, and those about a schema held back until that schema is known to be generated.
/// </summary>
internal sealed class ModelDiagnostics
{
    private readonly string _path;
    private readonly List<DiagnosticInfo> _list = new();
    private readonly HashSet<string> _reported = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, List<DiagnosticInfo>> _held = new(System.StringComparer.Ordinal);

    public ModelDiagnostics(string path) => _path = path;

    /// <summary>Reports <paramref name="descriptor"/> at <paramref name="at"/>, once per node (shared components are visited from several places).</summary>
    public void Report(DiagnosticDescriptor descriptor, YNode at, params string[] args)
    {
        var key = descriptor.Id + "@" + Naming.Int(at.Start) + ":" + Naming.Int(at.Line) + ":" + Naming.Int(at.Column);
        if (!_reported.Add(key)) return;
        _list.Add(DiagnosticInfo.Create(descriptor, YamlTreeReader.NodeLoc(_path, at), args));
    }

    /// <summary>Reports <paramref name="descriptor"/> at the start of the document (about the document or the options as a whole).</summary>
    public void ReportAtFileStart(DiagnosticDescriptor descriptor, params string[] args)
        => _list.Add(DiagnosticInfo.Create(descriptor, LocationInfo.FileStart(_path), args));

    public void AddRange(IEnumerable<DiagnosticInfo> diagnostics) => _list.AddRange(diagnostics);

    /// <summary>A problem of <paramref name="schema"/>, reported only if that schema is generated (see <see cref="Release"/>).</summary>
    public void Hold(string schema, DiagnosticDescriptor descriptor, YNode at, params string[] args)
    {
        if (!_held.TryGetValue(schema, out var list)) _held[schema] = list = new List<DiagnosticInfo>();
        list.Add(DiagnosticInfo.Create(descriptor, YamlTreeReader.NodeLoc(_path, at), args));
    }

    /// <summary>Reports what was held back about <paramref name="schema"/>: it is generated.</summary>
    public void Release(string schema)
    {
        if (_held.TryGetValue(schema, out var list)) _list.AddRange(list);
    }

    public DiagnosticInfo[] ToArray() => _list.ToArray();

    /// <summary>The first five names and how many more, for a message about many operations or schemas.</summary>
    public static string Few(IReadOnlyList<string> names)
        => string.Join(", ", System.Linq.Enumerable.Take(names, 5)) + (names.Count > 5 ? " and " + Naming.Int(names.Count - 5) + " more" : "");
}
