namespace Atlas.Codegen.Templates
{
    /// <summary>How long and how often <see cref="TemplateWait"/> polls.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateWaitOptions
    {
        /// <summary>Give up after this long (default 30 minutes): the wait ends with <see cref="TemplateWaitException"/>.</summary>
        public global::System.TimeSpan Timeout { get; set; } = global::System.TimeSpan.FromMinutes(30);

        /// <summary>The first interval between polls (default 5 s).</summary>
        public global::System.TimeSpan Interval { get; set; } = global::System.TimeSpan.FromSeconds(5);

        /// <summary>The longest interval between polls (default 1 minute).</summary>
        public global::System.TimeSpan MaxInterval { get; set; } = global::System.TimeSpan.FromMinutes(1);

        /// <summary>Each interval is the previous one times this factor, up to <see cref="MaxInterval"/> (default 1.5).</summary>
        public double Backoff { get; set; } = 1.5;

        /// <summary>Each interval varies randomly by up to this fraction, so that many waiters do not poll together (default 0.1).</summary>
        public double Jitter { get; set; } = 0.1;

        /// <summary>The clock (tests use a fake one).</summary>
        public global::System.TimeProvider TimeProvider { get; set; } = global::System.TimeProvider.System;
    }
}
