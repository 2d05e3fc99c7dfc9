namespace Atlas.Codegen.Templates
{
    /// <summary>A wait ended without the resource being ready: it failed, or the timeout passed. Carries the last result.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateWaitException : global::System.Exception
    {
        /// <summary>A wait that failed or timed out.</summary>
        public TemplateWaitException(string message, bool timedOut, object? lastResult, int polls, global::System.TimeSpan elapsed)
            : base(message)
        {
            TimedOut = timedOut;
            LastResult = lastResult;
            Polls = polls;
            Elapsed = elapsed;
        }

        /// <summary>True when the timeout passed; false when the resource reached a failed state.</summary>
        public bool TimedOut { get; }

        /// <summary>The last result polled (null if none).</summary>
        public object? LastResult { get; }

        /// <summary>Number of polls made.</summary>
        public int Polls { get; }

        /// <summary>Time spent waiting.</summary>
        public global::System.TimeSpan Elapsed { get; }
    }
}
