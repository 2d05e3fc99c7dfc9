using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Verify's workflow without Verify (not served here): <c>{Class}.{Method}#{Name}.verified.{ext}</c> files are committed
/// next to the tests under <c>Snapshots/</c>; a mismatch writes <c>*.received.*</c> and fails with a unified diff.
/// Accept with <c>ATLAS_ACCEPT_SNAPSHOTS=1 dotnet test</c> (or <c>bash tests/accept-snapshots.sh</c>), then review the git diff.
/// </summary>
public static partial class Snapshot
{
    public static bool Accept => Environment.GetEnvironmentVariable("ATLAS_ACCEPT_SNAPSHOTS") is "1" or "true";

    public static void Verify(string name, string actual, string extension = "cs", [CallerFilePath] string callerFile = "", [CallerMemberName] string method = "")
    {
        var cls = Path.GetFileNameWithoutExtension(callerFile);
        // Not next to callerFile: CI builds map source paths (/_/...), so the folder is found from the repository root.
        var dir = Path.Combine(TestDriver.Repo, "tests", "Atlas.Codegen.Tests", "Snapshots");
        Directory.CreateDirectory(dir);
        var baseName = $"{cls}.{method}#{Sanitize(name)}";
        var verified = Path.Combine(dir, baseName + ".verified." + extension);
        var received = Path.Combine(dir, baseName + ".received." + extension);
        actual = Scrub(actual);

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (Accept)
        {
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        throw new Xunit.Sdk.XunitException(expected is null
            ? $"No verified snapshot {Path.GetFileName(verified)}; wrote {Path.GetFileName(received)}. Accept with ATLAS_ACCEPT_SNAPSHOTS=1."
            : $"Snapshot {Path.GetFileName(verified)} differs (received written next to it):\n{Diff(expected, actual)}");
    }

    /// <summary>Fails when a snapshot file exists that no test wrote in this run is not checked here; stale files are listed by the test below.</summary>
    public static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual);
        var sb = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < model.Lines.Count && shown < 80; i++)
        {
            var line = model.Lines[i];
            if (line.Type == ChangeType.Unchanged) continue;
            sb.Append(line.Type == ChangeType.Inserted ? "+ " : line.Type == ChangeType.Deleted ? "- " : "  ")
              .Append(line.Position?.ToString() ?? "").Append(": ").AppendLine(line.Text);
            shown++;
        }
        return sb.ToString();
    }

    private static string Scrub(string text)
        => VersionRegex().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"Atlas.Codegen\", \"{version}\")");

    private static string Sanitize(string name) => Regex.Replace(name, "[^A-Za-z0-9._-]", "_");

    [GeneratedRegex("GeneratedCode\\(\"Atlas.Codegen\", \"[^\"]+\"\\)")]
    private static partial Regex VersionRegex();
}
