namespace Atlas.Codegen.Templates
{
    /// <summary>One page of a paginated list.</summary>
    /// <param name="Items">The items of the page.</param>
    /// <param name="PageNumber">The page number, from 1.</param>
    /// <param name="TotalCount">The total number of items the server reports (null when it does not, e.g. <c>includeCount=false</c>).</param>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed record TemplatePage<T>(global::System.Collections.Generic.IReadOnlyList<T> Items, int PageNumber, long? TotalCount);
}
