namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// Every item of a paginated list operation, across pages: <c>await foreach (var item in pageable)</c> requests
    /// pages lazily, one at a time, and stops on an empty page, when the reported total is reached, when the links
    /// name no next page, or on a short page. <see cref="AsPages"/> gives the pages themselves. An error of any page
    /// is the typed exception, raised where the enumeration is; the items already yielded are not yielded again.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplatePageable<T> : global::System.Collections.Generic.IAsyncEnumerable<T>
    {
        private readonly global::Atlas.Codegen.Runtime.AtlasPageFetch<T> _fetch;
        private readonly global::System.Threading.CancellationToken _cancellationToken;

        internal TemplatePageable(global::Atlas.Codegen.Runtime.AtlasPageFetch<T> fetch, int pageSize, global::System.Threading.CancellationToken cancellationToken)
        {
            _fetch = fetch;
            PageSize = pageSize;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Items requested per page.</summary>
        public int PageSize { get; }

        /// <summary>
        /// A pageable over pages given in advance (for fakes in tests): each list is one page, in order, and the
        /// enumeration stops after the last (or on an empty one).
        /// </summary>
        public static TemplatePageable<T> FromPages(params global::System.Collections.Generic.IReadOnlyList<T>[] pages)
            => new TemplatePageable<T>((number, size, ct) => global::System.Threading.Tasks.Task.FromResult<(global::System.Collections.Generic.IReadOnlyList<T>?, long?, bool?)>(
                number <= pages.Length ? (pages[number - 1], null, number < pages.Length) : (global::System.Array.Empty<T>(), null, false)),
                int.MaxValue, default);

        /// <summary>The pages, requested lazily: items, page number (from 1) and the total the server reports (when it does).</summary>
        public async global::System.Collections.Generic.IAsyncEnumerable<TemplatePage<T>> AsPages(
            [global::System.Runtime.CompilerServices.EnumeratorCancellation] global::System.Threading.CancellationToken cancellationToken = default)
        {
            using var linked = global::System.Threading.CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
            await foreach (var (items, number, total) in global::System.Threading.Tasks.TaskAsyncEnumerableExtensions.ConfigureAwait(global::Atlas.Codegen.Runtime.AtlasPaging.PagesAsync(_fetch, PageSize, linked.Token), false))
            {
                yield return new TemplatePage<T>(items, number, total);
            }
        }

        /// <inheritdoc/>
        public async global::System.Collections.Generic.IAsyncEnumerator<T> GetAsyncEnumerator(global::System.Threading.CancellationToken cancellationToken = default)
        {
            await foreach (var page in global::System.Threading.Tasks.TaskAsyncEnumerableExtensions.ConfigureAwait(AsPages(cancellationToken), false))
            {
                foreach (var item in page.Items) yield return item;
            }
        }

        /// <summary>Every item in one list (all pages requested).</summary>
        public async global::System.Threading.Tasks.Task<global::System.Collections.Generic.List<T>> ToListAsync(global::System.Threading.CancellationToken cancellationToken = default)
        {
            var list = new global::System.Collections.Generic.List<T>();
            await foreach (var item in global::System.Threading.Tasks.TaskAsyncEnumerableExtensions.WithCancellation(this, cancellationToken).ConfigureAwait(false)) list.Add(item);
            return list;
        }
    }
}
