using System;
using System.Collections.Generic;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>An operation of the document: its path entry (template → path item) and its method entry (method → operation).</summary>
internal readonly struct PathOperation
{
    public PathOperation(YEntry path, YEntry method)
    {
        Path = path;
        Method = method;
    }

    public YEntry Path { get; }

    public YEntry Method { get; }
}

/// <summary>The walk over <c>paths</c> and their operations, and what OpenAPI says about method and status keys.</summary>
internal static class OpenApiPaths
{
    /// <summary>Every operation under <c>paths</c>, in document order (path items and operations that are no mapping skipped).</summary>
    public static IEnumerable<PathOperation> Operations(YNode root)
    {
        if (root["paths"] is not { IsMapping: true } paths) yield break;
        foreach (var p in paths.Entries)
        {
            if (!p.Value.IsMapping) continue;
            foreach (var m in p.Value.Entries)
            {
                if (IsHttpMethod(m.Key) && m.Value.IsMapping) yield return new PathOperation(p, m);
            }
        }
    }

    public static bool IsHttpMethod(string key)
        => key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";

    /// <summary>A success response's status key: <c>2xx</c> as three characters (<c>200</c>, <c>204</c>, <c>2XX</c>).</summary>
    public static bool IsSuccess(string status) => status.Length == 3 && status[0] == '2';

    /// <summary>An error response's status key: <c>default</c>, <c>4xx</c> or <c>5xx</c>.</summary>
    public static bool IsError(string status) => status == "default" || (status.Length == 3 && (status[0] == '4' || status[0] == '5'));

    /// <summary>The name of an operation without operationId: method and path words, e.g. <c>get /pets/{id}</c> → <c>getPetsId</c>.</summary>
    public static string FallbackOperationName(string method, string path)
    {
        var pascal = Naming.Pascal(path);
        return method.ToLowerInvariant() + (pascal.StartsWith("_", StringComparison.Ordinal) ? pascal.Substring(1) : pascal);
    }
}
