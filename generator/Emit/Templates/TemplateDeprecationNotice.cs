namespace Atlas.Codegen.Templates
{
    /// <summary>A response announced that the API version an operation uses is deprecated (<c>Deprecation</c>) or will be removed (<c>Sunset</c>).</summary>
    /// <param name="OperationId">The operation.</param>
    /// <param name="ApiVersion">The API version the client uses for it (null when unversioned).</param>
    /// <param name="Method">The HTTP method of the call.</param>
    /// <param name="Path">The path and query of the call.</param>
    /// <param name="Deprecation">The <c>Deprecation</c> header, as sent.</param>
    /// <param name="Sunset">The <c>Sunset</c> header, as sent.</param>
    /// <param name="SunsetDate">The <c>Sunset</c> header as a date, when it parses.</param>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed record TemplateDeprecationNotice(string OperationId, string? ApiVersion, string Method, string Path, string? Deprecation, string? Sunset, global::System.DateTimeOffset? SunsetDate)
    {
        /// <summary>One line for a log.</summary>
        public override string ToString()
            => "API version " + (ApiVersion ?? "(unversioned)") + " of operation '" + OperationId + "' is deprecated"
                + (Sunset is null ? "" : " and will be removed on " + Sunset) + " (" + Method + " " + Path + "); generate the client with a newer AtlasApiVersion.";
    }
}
