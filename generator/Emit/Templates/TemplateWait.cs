namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// Waits for a resource to be ready: polls a get operation until a predicate on its result says done (or failed),
    /// with a timeout, an interval that grows with backoff and jitter, and cancellation.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public static class TemplateWait
    {
        /// <summary>
        /// Polls <paramref name="poll"/> until <paramref name="isDone"/> returns true (the last result is returned) or
        /// <paramref name="isFailed"/> does, or the timeout passes (both: <see cref="TemplateWaitException"/> with the last result).
        /// </summary>
        /// <example><code>
        /// var ready = await TemplateWait.UntilAsync(ct => client.X.GetThingAsync(id, cancellationToken: ct),
        ///     t => t.Status == "AVAILABLE", t => t.Status == "FAILED");
        /// </code></example>
        public static async global::System.Threading.Tasks.Task<T> UntilAsync<T>(
            global::System.Func<global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<T>> poll,
            global::System.Func<T, bool> isDone,
            global::System.Func<T, bool>? isFailed = null,
            TemplateWaitOptions? options = null,
            global::System.Threading.CancellationToken cancellationToken = default)
        {
            if (poll is null) throw new global::System.ArgumentNullException(nameof(poll));
            if (isDone is null) throw new global::System.ArgumentNullException(nameof(isDone));
            var o = options ?? new TemplateWaitOptions();
            var (outcome, last, polls, elapsed) = await global::Atlas.Codegen.Runtime.AtlasWaiting.UntilAsync(poll, isDone, isFailed, null,
                o.Timeout, o.Interval, o.MaxInterval, o.Backoff, o.Jitter, o.TimeProvider, cancellationToken).ConfigureAwait(false);
            return outcome switch
            {
                global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Done => last!,
                global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Failed => throw new TemplateWaitException("The resource reached a failed state after " + polls + " poll(s): " + last, false, last, polls, elapsed),
                _ => throw new TemplateWaitException("The resource was not ready after " + elapsed + " (" + polls + " poll(s)); last state: " + last, true, last, polls, elapsed),
            };
        }

        /// <summary>
        /// Polls <paramref name="poll"/> until the resource is gone: the operation answers 404 (as after a delete).
        /// A result that <paramref name="isFailed"/> accepts, or the timeout, ends it with <see cref="TemplateWaitException"/>.
        /// </summary>
        public static async global::System.Threading.Tasks.Task UntilGoneAsync<T>(
            global::System.Func<global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<T>> poll,
            global::System.Func<T, bool>? isFailed = null,
            TemplateWaitOptions? options = null,
            global::System.Threading.CancellationToken cancellationToken = default)
        {
            if (poll is null) throw new global::System.ArgumentNullException(nameof(poll));
            var o = options ?? new TemplateWaitOptions();
            var (outcome, last, polls, elapsed) = await global::Atlas.Codegen.Runtime.AtlasWaiting.UntilAsync(poll, static _ => false, isFailed,
                static e => e is TemplateApiException api && api.IsNotFound,
                o.Timeout, o.Interval, o.MaxInterval, o.Backoff, o.Jitter, o.TimeProvider, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Gone:
                    return;
                case global::Atlas.Codegen.Runtime.AtlasWaitOutcome.Failed:
                    throw new TemplateWaitException("The resource reached a failed state after " + polls + " poll(s): " + last, false, last, polls, elapsed);
                default:
                    throw new TemplateWaitException("The resource was still there after " + elapsed + " (" + polls + " poll(s)); last state: " + last, true, last, polls, elapsed);
            }
        }

        /// <summary>Polls an operation method of the client (<c>ct =&gt; client.X.GetThingAsync(id, cancellationToken: ct)</c>) as the
        /// overload that polls a task does.</summary>
        public static global::System.Threading.Tasks.Task<T> UntilAsync<T>(
            global::System.Func<global::System.Threading.CancellationToken, TemplateCall<T>> poll,
            global::System.Func<T, bool> isDone,
            global::System.Func<T, bool>? isFailed = null,
            TemplateWaitOptions? options = null,
            global::System.Threading.CancellationToken cancellationToken = default)
            => UntilAsync(poll is null ? null! : ct => poll(ct).AsTask(), isDone, isFailed, options, cancellationToken);

        /// <summary>Polls an operation method of the client until the resource is gone, as the overload that polls a task does.</summary>
        public static global::System.Threading.Tasks.Task UntilGoneAsync<T>(
            global::System.Func<global::System.Threading.CancellationToken, TemplateCall<T>> poll,
            global::System.Func<T, bool>? isFailed = null,
            TemplateWaitOptions? options = null,
            global::System.Threading.CancellationToken cancellationToken = default)
            => UntilGoneAsync(poll is null ? null! : ct => poll(ct).AsTask(), isFailed, options, cancellationToken);
    }
}
