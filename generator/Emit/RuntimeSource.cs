using System.IO;
using System.Linq;

namespace Atlas.Codegen.Emit;

/// <summary>
/// The spec-independent runtime the generated code uses: the real C# files of <c>generator/Runtime/</c>, embedded in
/// the generator as resources and added once to every consuming compilation (post-initialization output). They are
/// compiled and unit-tested as they are by the test project, which consumes the generator.
/// </summary>
internal static class RuntimeSource
{
    private const string Prefix = "Atlas.Codegen.Runtime.";

    /// <summary>Hint name and text of each runtime file, the version filled in.</summary>
    public static readonly (string HintName, string Text)[] Files = Load();

    private static (string HintName, string Text)[] Load()
    {
        var assembly = typeof(RuntimeSource).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, System.StringComparison.Ordinal) && n.EndsWith(".cs", System.StringComparison.Ordinal))
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var text = reader.ReadToEnd().Replace("\r\n", "\n").Replace("__VERSION__", KnownTypes.Version);
                return (n.Substring(0, n.Length - 3) + ".g.cs", text);
            })
            .ToArray();
    }
}
