using System.Text;

namespace Atlas.Codegen.Emit;

internal static class HintNames
{
    public static string For(string ns, string name, string? suffix = null)
    {
        var sb = new StringBuilder();
        foreach (var c in ns + "." + name + (suffix is null ? "" : "." + suffix))
        {
            sb.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        }
        return sb.Append(".g.cs").ToString();
    }
}
