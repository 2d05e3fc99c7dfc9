using System;
using System.Collections.Generic;
using System.Linq;

namespace Atlas.Codegen.Model.Building;

/// <summary>
/// Names the client's extra methods of an operation, beside its own (<c>{Operation}Async</c>): the paged method
/// (<c>listGroups</c> → <c>ListAllGroupsAsync</c>) and one download method per other media type its success response
/// offers (<c>GetInvoiceCsvAsync</c>). The operations propose the names they want; once every operation's own method is
/// named, a wanted name taken in its tag group gets the first free number.
/// </summary>
internal static class MethodNamer
{
    /// <summary>The paged method a paginated operation's method wants: <c>ListGroupsAsync</c> → <c>ListAllGroupsAsync</c>.</summary>
    public static string Paged(string methodName)
    {
        var stem = methodName.Substring(0, methodName.Length - "Async".Length);
        var cut = 1;
        while (cut < stem.Length && !char.IsUpper(stem[cut])) cut++;
        return stem.Substring(0, cut) + "All" + stem.Substring(cut) + "Async";
    }

    /// <summary>The download method for another media type: <c>GetInvoiceAsync</c> + <c>text/csv</c> → <c>GetInvoiceCsvAsync</c>.</summary>
    public static string Alternate(string methodName, string mediaType)
    {
        var semi = mediaType.IndexOf(';');
        var bare = semi >= 0 ? mediaType.Substring(0, semi) : mediaType;
        var plus = bare.LastIndexOf('+');
        var suffix = Naming.Pascal(plus >= 0 ? bare.Substring(plus + 1) : bare.Substring(bare.IndexOf('/') + 1));
        return methodName.Substring(0, methodName.Length - "Async".Length) + (suffix.Length == 0 ? "Download" : suffix) + "Async";
    }

    /// <summary>Every extra method's wanted name made unique in its tag group (after the operations' own methods, in operation order).</summary>
    public static List<OperationSpec> MakeUnique(List<OperationSpec> operations)
    {
        var taken = operations.GroupBy(o => o.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new HashSet<string>(g.Select(o => o.MethodName), StringComparer.Ordinal), StringComparer.Ordinal);
        return operations.Select(op =>
        {
            var names = taken[op.Group];
            return op with
            {
                Paging = op.Paging is { } paging ? paging with { MethodName = Unique(paging.MethodName, names) } : null,
                AlternateDownloads = new Infrastructure.EquatableArray<AlternateDownloadSpec>(
                    op.AlternateDownloads.Select(a => a with { MethodName = Unique(a.MethodName, names) }).ToArray()),
            };
        }).ToList();
    }

    private static string Unique(string wanted, HashSet<string> taken)
    {
        var stem = wanted.Substring(0, wanted.Length - "Async".Length);
        var name = wanted;
        for (var i = 2; !taken.Add(name); i++) name = stem + Naming.Int(i) + "Async";
        return name;
    }
}
