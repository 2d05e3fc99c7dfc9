using System;
using System.Collections.Generic;
using System.Linq;

namespace Atlas.Codegen.Model.Building;

/// <summary>The API version chosen for one operation, and the newest stable version after it (null when none, or when the chosen one is not a date).</summary>
internal readonly record struct VersionChoice(string? Version, bool LeftOut, string? Newer);

/// <summary>
/// API versions carried by vendor media types (<c>application/vnd.{vendor}.{version}+json</c>) and the choice of one
/// per operation for a typed target: pure functions of the media types an operation offers.
/// </summary>
internal static class ApiVersions
{
    /// <summary>
    /// The version part of a vendor media type: <c>application/vnd.atlas.2023-01-01+json</c> → <c>2023-01-01</c>,
    /// <c>application/vnd.atlas.preview+json</c> → <c>preview</c>; null for unversioned types (<c>application/json</c>, <c>text/csv</c>,
    /// <c>application/vnd.vimeo.user+json</c>).
    /// </summary>
    public static string? VersionOf(string mediaType)
    {
        const string vnd = "application/vnd.";
        if (!mediaType.StartsWith(vnd, StringComparison.OrdinalIgnoreCase)) return null;
        var plus = mediaType.IndexOf('+', vnd.Length);
        if (plus < 0) return null;
        var body = mediaType.Substring(vnd.Length, plus - vnd.Length);
        var dot = body.IndexOf('.');
        if (dot <= 0 || dot == body.Length - 1) return null;
        var version = body.Substring(dot + 1);
        // Only a date (2023-01-01, or one with a suffix such as 2025-01-01.upcoming) or "preview" is a version; any other
        // vendor media type (application/vnd.vimeo.user+json, application/vnd.github.v3+json) is just that media type.
        return version == "preview" || (version.Length >= 10 && IsDate(version.Substring(0, 10)) && (version.Length == 10 || version[10] == '.'))
            ? version
            : null;
    }

    /// <summary>The date of a versioned JSON media type (<c>application/vnd.x.2025-01-01+json</c>): exactly
    /// <c>YYYY-MM-DD</c> right before <c>+json</c>.</summary>
    public static string? StableDate(string mediaType)
    {
        var plus = mediaType.LastIndexOf("+json", StringComparison.OrdinalIgnoreCase);
        if (plus < 11 || mediaType[plus - 11] != '.') return null;
        var date = mediaType.Substring(plus - 10, 10);
        return IsDate(date) ? date : null;
    }

    /// <summary>A stable version: a date <c>YYYY-MM-DD</c>.</summary>
    public static bool IsDate(string? v)
    {
        if (v is null || v.Length != 10) return false;
        for (var i = 0; i < 10; i++)
        {
            if (!(i is 4 or 7 ? v[i] == '-' : char.IsDigit(v[i]))) return false;
        }
        return true;
    }

    /// <summary>A media type belongs to <paramref name="version"/> when it carries that version or none (null: every media type does).</summary>
    public static bool InVersion(string mediaType, string? version)
        => version is null || VersionOf(mediaType) is not { } v || v == version;

    /// <summary>
    /// The vendor's rule: for a target date, the newest stable version not later than it; <c>latest</c>: the newest
    /// stable one; previews and other non-date versions only with <c>preview</c>. No such version: left out. No
    /// versions offered: nothing to choose (not left out).
    /// </summary>
    public static VersionChoice Choose(IReadOnlyCollection<string> offered, ApiVersionTarget target)
    {
        if (offered.Count == 0) return new VersionChoice(null, false, null);
        var stable = offered.Where(IsDate).OrderBy(v => v, StringComparer.Ordinal).ToList();
        string? chosen;
        switch (target.Kind)
        {
            case ApiVersionTargetKind.Latest:
                chosen = stable.LastOrDefault();
                break;
            case ApiVersionTargetKind.Preview:
                chosen = offered.Contains("preview") ? "preview" : stable.LastOrDefault() ?? offered.OrderBy(v => v, StringComparer.Ordinal).Last();
                break;
            default:
                chosen = stable.LastOrDefault(v => string.CompareOrdinal(v, target.Date) <= 0);
                break;
        }
        if (chosen is null) return new VersionChoice(null, true, null);
        var newer = IsDate(chosen) ? stable.LastOrDefault(v => string.CompareOrdinal(v, chosen) > 0) : null;
        return new VersionChoice(chosen, false, newer);
    }
}
