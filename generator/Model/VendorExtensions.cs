namespace Atlas.Codegen.Model;

/// <summary>
/// The specification extensions the generator reads, in one place. Each is optional: a spec without them generates the
/// same code from standard OpenAPI (operationId, externalDocs).
/// </summary>
internal static class VendorExtensions
{
    /// <summary>A friendlier operation name than <c>operationId</c> (MongoDB's specs): it names the method.</summary>
    public const string OperationIdOverride = "x-xgen-operation-id-override";

    /// <summary>The operation's documentation page (preferred over <c>externalDocs.url</c>).</summary>
    public const string DocsUrl = "x-xgen-docs-url";

    /// <summary>The roles an operation requires, listed in the method's docs.</summary>
    public const string RolesRequirements = "x-rolesRequirements";

    /// <summary>On a media type: the date its API version stops being served (deprecation, ATLAS018).</summary>
    public const string Sunset = "x-sunset";
}
