using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Diagnostics;
using Atlas.Codegen.Infrastructure;

namespace Atlas.Codegen.Model;

/// <summary>
/// What all documents of the project generate, with hint-name collisions between documents (two specs generating the
/// same type into one namespace) removed: the first document in order keeps the name, the others get ATLAS007.
/// </summary>
internal sealed record OutputSet(
    EquatableArray<TypeSpec> Types,
    EquatableArray<ClientSpec> Clients,
    EquatableArray<ContextSpec> Contexts,
    EquatableArray<DiagnosticInfo> Collisions)
{
    /// <summary>No output (where the generated code could not compile).</summary>
    public static readonly OutputSet Nothing = new(default, default, default, default);

    public static OutputSet From(IEnumerable<ApiModel> models)
    {
        var hints = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var runtime in GeneratedFiles.Runtime) hints[runtime] = "the Atlas.Codegen runtime";
        var types = new List<TypeSpec>();
        var clients = new List<ClientSpec>();
        var contexts = new List<ContextSpec>();
        var collisions = new List<DiagnosticInfo>();

        bool Take(string path, string what, params string[] files)
        {
            foreach (var f in files)
            {
                if (hints.TryGetValue(f, out var owner))
                {
                    collisions.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, LocationInfo.FileStart(path),
                        what, f, owner, "nothing (give one of the documents another AtlasNamespace)"));
                    return false;
                }
            }
            foreach (var f in files) hints[f] = path;
            return true;
        }

        foreach (var m in models)
        {
            foreach (var t in m.Types)
            {
                if (Take(m.Path, t.Name, GeneratedFiles.Of(t))) types.Add(t);
            }
            if (m.Client is { } c && Take(m.Path, c.BaseName + "Client", GeneratedFiles.Of(c).All().ToArray())) clients.Add(c);
            if (m.Context is { } x && Take(m.Path, x.Name, GeneratedFiles.Of(x))) contexts.Add(x);
        }
        return new OutputSet(
            new EquatableArray<TypeSpec>(types.ToArray()),
            new EquatableArray<ClientSpec>(clients.ToArray()),
            new EquatableArray<ContextSpec>(contexts.ToArray()),
            new EquatableArray<DiagnosticInfo>(collisions.ToArray()));
    }
}
