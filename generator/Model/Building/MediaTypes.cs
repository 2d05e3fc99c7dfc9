using System;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>Which media type of a <c>content</c> map an operation uses: JSON first, the chosen API version's, stable before preview.</summary>
internal static class MediaTypes
{
    /// <summary>
    /// The JSON media type to use: the newest stable dated version (<c>application/vnd.x.2025-01-01+json</c>), else plain
    /// JSON, else anything else JSON. A preview (<c>application/vnd.x.preview+json</c>) or any non-date version
    /// (<c>2025-01-01.upcoming</c>) is used only when the operation offers nothing stable.
    /// </summary>
    public static YEntry? Pick(YNode content)
    {
        YEntry? best = null;
        var bestRank = -1;
        string? bestDate = null;
        foreach (var e in content.Entries)
        {
            var key = e.Key;
            if (key.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0) continue;
            var date = ApiVersions.StableDate(key);
            // 2: a stable date version, 1: plain JSON, 0: previews and other non-date versions.
            var rank = date is not null ? 2 : IsPlainJson(key) ? 1 : 0;
            var better = rank > bestRank
                || (rank == bestRank && rank == 2 && string.CompareOrdinal(date, bestDate) > 0)
                || (rank == bestRank && rank == 0 && string.CompareOrdinal(key, best!.Key) > 0);
            if (!better) continue;
            best = e;
            bestRank = rank;
            bestDate = date;
        }
        return best;
    }

    /// <summary>The media type to use in <paramref name="content"/> for <paramref name="version"/>: JSON first, else
    /// what the version offers, else an unversioned JSON type.</summary>
    public static YEntry? PickFor(YNode content, string? version, bool jsonOnly)
    {
        if (version is null) return Pick(content) ?? (jsonOnly ? null : FirstNonJson(content));
        YEntry? other = null;
        foreach (var e in content.Entries)
        {
            if (ApiVersions.VersionOf(e.Key) != version) continue;
            if (IsJson(e.Key)) return e;
            other ??= e;
        }
        if (other is not null && !jsonOnly) return other;
        YEntry? plain = null;
        foreach (var e in content.Entries)
        {
            if (ApiVersions.VersionOf(e.Key) is null && IsJson(e.Key))
            {
                plain = e;
                break;
            }
        }
        return plain ?? (jsonOnly ? null : FirstNonJson(content));
    }

    /// <summary>A request body without JSON: form fields first, then text, then multipart, then any type of bytes.</summary>
    public static YEntry? PickUpload(YNode content)
    {
        YEntry? best = null;
        var bestRank = 0;
        foreach (var e in content.Entries)
        {
            var rank = EncodingOf(e.Key) switch
            {
                BodyEncoding.Form => 4,
                BodyEncoding.Text => 3,
                BodyEncoding.Multipart => 2,
                _ => 1,
            };
            if (rank <= bestRank) continue;
            best = e;
            bestRank = rank;
        }
        return best;
    }

    /// <summary>How a body of <paramref name="mediaType"/> is written.</summary>
    public static BodyEncoding EncodingOf(string mediaType)
    {
        if (mediaType.IndexOf('*') >= 0) return BodyEncoding.Binary; // a wildcard body (*/*): bytes, sent as application/octet-stream
        if (IsJson(mediaType)) return BodyEncoding.Json;
        if (mediaType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) return BodyEncoding.Form;
        if (mediaType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return BodyEncoding.Multipart;
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? BodyEncoding.Text : BodyEncoding.Binary;
    }

    private static YEntry? FirstNonJson(YNode content)
    {
        foreach (var e in content.Entries)
        {
            if (!IsJson(e.Key)) return e;
        }
        return null;
    }

    /// <summary>JSON: <c>…/json</c>, <c>…+json</c> (parameters ignored), or <c>*/*</c>.</summary>
    public static bool IsJson(string mediaType)
    {
        var semi = mediaType.IndexOf(';');
        var bare = semi >= 0 ? mediaType.Substring(0, semi) : mediaType;
        return bare.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || bare == "*/*";
    }

    private static bool IsPlainJson(string mediaType)
    {
        var semi = mediaType.IndexOf(';');
        var bare = (semi >= 0 ? mediaType.Substring(0, semi) : mediaType).Trim();
        return string.Equals(bare, "application/json", StringComparison.OrdinalIgnoreCase);
    }
}
