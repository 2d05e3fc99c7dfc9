namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// A call in flight (what an operation method returns): <c>await</c> it for the typed result, or
    /// <c>await call.WithRawResponse()</c> for the result with its status and headers. Converts to a
    /// <see cref="global::System.Threading.Tasks.Task{TResult}"/>; a fake makes one from a
    /// <c>Task&lt;TemplateResponse&lt;T&gt;&gt;</c>.
    /// </summary>
    /// <typeparam name="T">The operation's result type.</typeparam>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public readonly struct TemplateCall<T>
    {
        private readonly global::System.Threading.Tasks.Task<TemplateResponse<T>>? _response;

        /// <summary>A call whose response is <paramref name="response"/>.</summary>
        public TemplateCall(global::System.Threading.Tasks.Task<TemplateResponse<T>> response)
            => _response = response ?? throw new global::System.ArgumentNullException(nameof(response));

        /// <summary>A call whose response is <paramref name="response"/> (for fakes: <c>return Task.FromResult(new
        /// TemplateResponse&lt;T&gt;(...));</c>).</summary>
        public static implicit operator TemplateCall<T>(global::System.Threading.Tasks.Task<TemplateResponse<T>> response)
            => new TemplateCall<T>(response);

        /// <summary>A completed call with <paramref name="value"/> (for fakes in tests).</summary>
        public static TemplateCall<T> FromResult(T value, global::System.Net.HttpStatusCode statusCode = global::System.Net.HttpStatusCode.OK)
            => new TemplateCall<T>(global::System.Threading.Tasks.Task.FromResult(new TemplateResponse<T>(statusCode, value)));

        /// <summary>The typed result as a task (for <c>Task.WhenAll</c> and APIs that take tasks).</summary>
        public static implicit operator global::System.Threading.Tasks.Task<T>(TemplateCall<T> call) => call.AsTask();

        /// <summary>The typed result with the status and headers of the response.</summary>
        public global::System.Threading.Tasks.Task<TemplateResponse<T>> WithRawResponse()
            => _response ?? throw new global::System.InvalidOperationException("This call was not started (default value).");

        /// <summary>The typed result as a task.</summary>
        public async global::System.Threading.Tasks.Task<T> AsTask() => (await WithRawResponse().ConfigureAwait(false)).Value;

        /// <summary>Awaits the typed result.</summary>
        public Awaiter GetAwaiter() => new Awaiter(WithRawResponse().ConfigureAwait(true).GetAwaiter());

        /// <summary>Awaits the typed result, on the captured context or not.</summary>
        public Awaitable ConfigureAwait(bool continueOnCapturedContext)
            => new Awaitable(WithRawResponse().ConfigureAwait(continueOnCapturedContext));

        /// <summary>The awaitable of <see cref="ConfigureAwait"/>.</summary>
        public readonly struct Awaitable
        {
            private readonly global::System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TemplateResponse<T>> _inner;

            internal Awaitable(global::System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TemplateResponse<T>> inner)
                => _inner = inner;

            /// <summary>Awaits the typed result.</summary>
            public Awaiter GetAwaiter() => new Awaiter(_inner.GetAwaiter());
        }

        /// <summary>The awaiter of the typed result.</summary>
        public readonly struct Awaiter : global::System.Runtime.CompilerServices.ICriticalNotifyCompletion
        {
            private readonly global::System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TemplateResponse<T>>
                .ConfiguredTaskAwaiter _inner;

            internal Awaiter(
                global::System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TemplateResponse<T>>.ConfiguredTaskAwaiter inner)
                => _inner = inner;

            /// <summary>True when the call has ended.</summary>
            public bool IsCompleted => _inner.IsCompleted;

            /// <summary>The typed result, or the call's exception.</summary>
            public T GetResult() => _inner.GetResult().Value;

            /// <inheritdoc/>
            public void OnCompleted(global::System.Action continuation) => _inner.OnCompleted(continuation);

            /// <inheritdoc/>
            public void UnsafeOnCompleted(global::System.Action continuation) => _inner.UnsafeOnCompleted(continuation);
        }
    }

    /// <summary>
    /// A call in flight of an operation without a result: <c>await</c> it, or <c>await call.WithRawResponse()</c> for the
    /// status and headers. Converts to a <see cref="global::System.Threading.Tasks.Task"/>.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public readonly struct TemplateCall
    {
        private readonly global::System.Threading.Tasks.Task<TemplateResponse>? _response;

        /// <summary>A call whose response is <paramref name="response"/>.</summary>
        public TemplateCall(global::System.Threading.Tasks.Task<TemplateResponse> response)
            => _response = response ?? throw new global::System.ArgumentNullException(nameof(response));

        /// <summary>A call whose response is <paramref name="response"/> (for fakes).</summary>
        public static implicit operator TemplateCall(global::System.Threading.Tasks.Task<TemplateResponse> response)
            => new TemplateCall(response);

        /// <summary>A completed call (for fakes in tests).</summary>
        public static TemplateCall FromResult(global::System.Net.HttpStatusCode statusCode = global::System.Net.HttpStatusCode.NoContent)
            => new TemplateCall(global::System.Threading.Tasks.Task.FromResult(new TemplateResponse(statusCode)));

        /// <summary>The call as a task.</summary>
        public static implicit operator global::System.Threading.Tasks.Task(TemplateCall call) => call.WithRawResponse();

        /// <summary>The call as a task (to pass to <c>Task.WhenAll</c> or keep in a field).</summary>
        public global::System.Threading.Tasks.Task AsTask() => WithRawResponse();

        /// <summary>The status and headers of the response.</summary>
        public global::System.Threading.Tasks.Task<TemplateResponse> WithRawResponse()
            => _response ?? throw new global::System.InvalidOperationException("This call was not started (default value).");

        /// <summary>Awaits the call.</summary>
        public global::System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TemplateResponse>.ConfiguredTaskAwaiter GetAwaiter()
            => WithRawResponse().ConfigureAwait(true).GetAwaiter();

        /// <summary>Awaits the call, on the captured context or not.</summary>
        public global::System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TemplateResponse> ConfigureAwait(
            bool continueOnCapturedContext)
            => WithRawResponse().ConfigureAwait(continueOnCapturedContext);
    }
}
