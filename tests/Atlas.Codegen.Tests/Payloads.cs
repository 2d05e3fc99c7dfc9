namespace Atlas.Codegen.Tests;

/// <summary>The example payloads copied from the vendor material (provenance in Payloads/README.md).</summary>
public static class Payloads
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));
}
