namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// The body of a download (a response that is not JSON: gzip, csv, ...) as a stream that is not buffered, with its
    /// content type, length and headers. Dispose it to release the connection.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateDownload : global::System.IDisposable, global::System.IAsyncDisposable
    {
        private readonly global::System.Net.Http.HttpResponseMessage _response;

        internal TemplateDownload(global::System.Net.Http.HttpResponseMessage response, global::System.IO.Stream content)
        {
            _response = response;
            Content = content;
        }

        /// <summary>The body, read from the network as it is consumed.</summary>
        public global::System.IO.Stream Content { get; }

        /// <summary>The media type of the body (e.g. <c>application/vnd.atlas.2023-02-01+gzip</c>).</summary>
        public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

        /// <summary>The length of the body, when the server sent it.</summary>
        public long? ContentLength => _response.Content.Headers.ContentLength;

        /// <summary>The file name of <c>Content-Disposition</c>, when the server sent one.</summary>
        public string? FileName => _response.Content.Headers.ContentDisposition?.FileNameStar ?? _response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

        /// <summary>The HTTP status.</summary>
        public global::System.Net.HttpStatusCode StatusCode => _response.StatusCode;

        /// <summary>The response headers.</summary>
        public global::System.Net.Http.Headers.HttpResponseHeaders Headers => _response.Headers;

        /// <summary>The content headers.</summary>
        public global::System.Net.Http.Headers.HttpContentHeaders ContentHeaders => _response.Content.Headers;

        /// <summary>Copies the body to <paramref name="destination"/> (a file, say) without buffering it.</summary>
        public global::System.Threading.Tasks.Task CopyToAsync(global::System.IO.Stream destination, global::System.Threading.CancellationToken cancellationToken = default)
            => global::Atlas.Codegen.Runtime.AtlasCompat.CopyToAsync(Content, destination, cancellationToken);

        /// <inheritdoc/>
        public void Dispose()
        {
            Content.Dispose();
            _response.Dispose();
        }

        /// <inheritdoc/>
        public async global::System.Threading.Tasks.ValueTask DisposeAsync()
        {
            await global::Atlas.Codegen.Runtime.AtlasCompat.DisposeAsync(Content).ConfigureAwait(false);
            _response.Dispose();
        }
    }
}
