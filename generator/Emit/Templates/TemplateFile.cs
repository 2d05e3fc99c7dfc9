namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// A file part of a <c>multipart/form-data</c> request: its bytes as a stream (sent as it is read, never buffered, never
    /// disposed by the client: the caller owns it), the file name the server sees and its content type.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateFile
    {
        /// <summary>A file part.</summary>
        /// <param name="content">The bytes, read when the request is sent.</param>
        /// <param name="fileName">The file name sent in the part's <c>Content-Disposition</c>.</param>
        /// <param name="contentType">The part's media type; null: the one the spec's <c>encoding</c> states, else <c>application/octet-stream</c>.</param>
        public TemplateFile(global::System.IO.Stream content, string fileName, string? contentType = null)
        {
            Content = content ?? throw new global::System.ArgumentNullException(nameof(content));
            FileName = fileName ?? throw new global::System.ArgumentNullException(nameof(fileName));
            ContentType = contentType;
        }

        /// <summary>The bytes.</summary>
        public global::System.IO.Stream Content { get; }

        /// <summary>The file name the server sees.</summary>
        public string FileName { get; }

        /// <summary>The part's media type, when the caller states one.</summary>
        public string? ContentType { get; }

        /// <summary>The file name and content type (never the bytes).</summary>
        public override string ToString() => FileName + (ContentType is null ? "" : " (" + ContentType + ")");
    }
}
