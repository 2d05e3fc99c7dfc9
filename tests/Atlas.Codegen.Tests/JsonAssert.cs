using System.Text.Json;
using System.Text.Json.Nodes;

namespace Atlas.Codegen.Tests;

/// <summary>
/// JSON equality for round trips: object member order does not matter, and a member whose value is null equals an
/// absent member (the generated records cannot tell them apart, and the API gives them the same meaning).
/// </summary>
public static class JsonAssert
{
    public static void Equivalent(string expected, string actual)
    {
        var e = Normalize(JsonNode.Parse(expected));
        var a = Normalize(JsonNode.Parse(actual));
        var es = e?.ToJsonString() ?? "null";
        var @as = a?.ToJsonString() ?? "null";
        Assert.True(es == @as, $"JSON differs.\nexpected: {es}\nactual:   {@as}");
    }

    public static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o
            .Where(kv => kv.Value is not null)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Normalize(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    public static string Without(string json, params string[] paths)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var path in paths)
        {
            var parts = path.Split('.');
            Remove(root, parts, 0);
        }
        return root.ToJsonString();
    }

    private static void Remove(JsonNode node, string[] parts, int i)
    {
        if (node is JsonArray arr)
        {
            foreach (var item in arr) if (item is not null) Remove(item, parts, i);
            return;
        }
        if (node is not JsonObject o) return;
        if (i == parts.Length - 1)
        {
            o.Remove(parts[i]);
            return;
        }
        if (o[parts[i]] is { } child) Remove(child, parts, i + 1);
    }
}
