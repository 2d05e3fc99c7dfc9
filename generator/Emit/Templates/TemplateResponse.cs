namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// The HTTP response of a call: status, headers and request id, beside the typed result of
    /// <see cref="TemplateResponse{T}"/>. Given by <c>await client.Group.MethodAsync(...).WithRawResponse()</c>; a fake
    /// constructs one with its public constructor.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public partial class TemplateResponse
    {
        private readonly global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string,
            global::System.Collections.Generic.IEnumerable<string>>>? _headers;
        private readonly global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string,
            global::System.Collections.Generic.IEnumerable<string>>>? _contentHeaders;
        private global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>? _all;

        /// <summary>A response with <paramref name="statusCode"/> and <paramref name="headers"/> (for fakes in tests).</summary>
        public TemplateResponse(global::System.Net.HttpStatusCode statusCode,
            global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string,
                global::System.Collections.Generic.IEnumerable<string>>>? headers = null)
        {
            StatusCode = statusCode;
            _headers = headers;
        }

        internal TemplateResponse(int statusCode, global::System.Net.Http.HttpResponseMessage response)
        {
            StatusCode = (global::System.Net.HttpStatusCode)statusCode;
            _headers = response.Headers;
            _contentHeaders = response.Content?.Headers;
        }

        /// <summary>The status: the HTTP status, or with an envelope the status inside it.</summary>
        public global::System.Net.HttpStatusCode StatusCode { get; }

        /// <summary>Every response and content header, by case-insensitive name (collected on first use).</summary>
        public global::System.Collections.Generic.IReadOnlyDictionary<string,
            global::System.Collections.Generic.IReadOnlyList<string>> Headers => _all ??= Collect();

        /// <summary>The request id the server sent (<c>X-Request-Id</c>, <c>Request-Id</c>, <c>X-Correlation-Id</c>,
        /// <c>X-Amzn-RequestId</c> or <c>X-Ms-Request-Id</c>), or null.</summary>
        public string? RequestId
            => GetHeader("X-Request-Id") ?? GetHeader("Request-Id") ?? GetHeader("X-Correlation-Id")
                ?? GetHeader("X-Amzn-RequestId") ?? GetHeader("X-Ms-Request-Id");

        /// <summary>The values of header <paramref name="name"/> joined with <c>", "</c>, or null when the server did not send it.</summary>
        public string? GetHeader(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

        /// <summary>The status and request id.</summary>
        public override string ToString()
            => ((int)StatusCode).ToString(global::System.Globalization.CultureInfo.InvariantCulture) + " " + StatusCode
                + (RequestId is { } id ? " (request id " + id + ")" : "");

        private global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>> Collect()
        {
            var all = new global::System.Collections.Generic.Dictionary<string,
                global::System.Collections.Generic.IReadOnlyList<string>>(global::System.StringComparer.OrdinalIgnoreCase);
            foreach (var part in new[] { _headers, _contentHeaders })
            {
                if (part is null) continue;
                foreach (var h in part)
                {
                    var values = new global::System.Collections.Generic.List<string>(h.Value);
                    if (all.TryGetValue(h.Key, out var before)) values.InsertRange(0, before);
                    all[h.Key] = values;
                }
            }
            return all;
        }
    }

    /// <summary>The HTTP response of a call with its typed result, <see cref="Value"/>.</summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateResponse<T> : TemplateResponse
    {
        /// <summary>A response with <paramref name="statusCode"/>, <paramref name="value"/> and <paramref name="headers"/> (for fakes in tests).</summary>
        public TemplateResponse(global::System.Net.HttpStatusCode statusCode, T value,
            global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string,
                global::System.Collections.Generic.IEnumerable<string>>>? headers = null)
            : base(statusCode, headers)
        {
            Value = value;
        }

        internal TemplateResponse(int statusCode, global::System.Net.Http.HttpResponseMessage response, T value)
            : base(statusCode, response)
        {
            Value = value;
        }

        /// <summary>The typed result (what <c>await</c> on the call gives).</summary>
        public T Value { get; }
    }
}
