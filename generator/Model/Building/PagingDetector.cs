using System;
using System.Collections.Generic;
using System.Linq;
using Atlas.Codegen.Parsing;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// Paginated list operations, found from the spec by a naming convention whose names are options (Atlas defaults): a
/// GET with a page-number and a page-size query parameter whose response object has an array of items; a total count
/// and links with a "next" relation are used when the response has them.
/// </summary>
internal sealed class PagingDetector
{
    private readonly ModelContext _context;

    public PagingDetector(ModelContext context) => _context = context;

    /// <summary>The paging of an operation (its response type already built), or null when it is no paged list.</summary>
    public PagingSpec? Detect(SelectedOperation op, List<YNode> rawParameters, List<ParameterSpec> parameters, TypeRefSpec? result, string methodName)
    {
        var convention = _context.Options.Paging;
        if (convention is null || op.Method != "get" || result is not { Kind: ValueKind.Object }) return null;
        var number = IntegerQuery(parameters, convention.PageNumber);
        var size = IntegerQuery(parameters, convention.PageSize);
        if (number is null || size is null) return null;
        var types = _context.Types;
        var page = types.FirstOrDefault(t => t.Name == result.Name && t.Namespace == result.Namespace && t.Kind == TypeShape.Record);
        var items = page?.Properties.FirstOrDefault(p => p.JsonName == convention.Items && p.Type.Kind == ValueKind.Array);
        if (page is null || items is null) return null;
        var total = page.Properties.FirstOrDefault(p => p.JsonName == convention.Total && p.Type.Kind is ValueKind.Int32 or ValueKind.Int64);
        string? links = null, rel = null;
        bool relIsEnum = false, relNullable = false;
        if (page.Properties.FirstOrDefault(p => p.JsonName == convention.Links && p.Type is { Kind: ValueKind.Array, Element.Kind: ValueKind.Object }) is { } l
            && types.FirstOrDefault(t => t.Name == l.Type.Element!.Name && t.Kind == TypeShape.Record) is { } link
            && link.Properties.FirstOrDefault(p => p.JsonName == "rel" && p.Type.Kind is ValueKind.String or ValueKind.Enum) is { } r)
        {
            links = l.Name;
            rel = r.Name;
            relIsEnum = r.Type.Kind == ValueKind.Enum;
            relNullable = r.Nullable;
        }
        // The page size: the parameter's maximum (a large page costs few requests), else its default, else 100.
        var sizeNode = rawParameters.FirstOrDefault(p => p.Str("name") == convention.PageSize && p.Str("in") == "query");
        var schema = sizeNode?["schema"] is { } s ? _context.Resolver.FollowSchema(s, out _) : null;
        var max = ParseInt(schema?.Str("maximum"));
        var fallback = max ?? ParseInt(schema?.Str("default")) ?? 100;
        return new PagingSpec(number.Name, size.Name, max, fallback, items.Name, items.Type.Element!, items.Nullable,
            total?.Name, total?.Nullable ?? false, links, rel, relIsEnum, relNullable, MethodNamer.Paged(methodName), SizeParameter(parameters));
    }

    /// <summary>The paged method's page-size parameter: <c>pageSize</c>, numbered when the operation has a parameter of that name.</summary>
    private static string SizeParameter(List<ParameterSpec> parameters)
    {
        var names = new HashSet<string>(parameters.Select(p => p.Name), StringComparer.Ordinal) { "cancellationToken" };
        var name = "pageSize";
        for (var i = 2; names.Contains(name); i++) name = "pageSize" + Naming.Int(i);
        return name;
    }

    private static ParameterSpec? IntegerQuery(List<ParameterSpec> parameters, string name)
        => parameters.FirstOrDefault(p => p.In == "query" && p.WireName == name && p.Type.Kind is ValueKind.Int32 or ValueKind.Int64);

    private static int? ParseInt(string? text)
        => text is not null && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && d >= 1 && d <= int.MaxValue ? (int)d : null;
}
