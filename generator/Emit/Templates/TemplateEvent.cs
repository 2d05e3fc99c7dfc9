namespace Atlas.Codegen.Templates
{
    /// <summary>
    /// One server-sent event of a <c>text/event-stream</c> response: its data read as the spec's type, its event type,
    /// id and reconnection time. The method that returns them yields each as it arrives; breaking out of the
    /// <c>await foreach</c> or cancelling closes the connection.
    /// </summary>
    /// <typeparam name="T">The type of the event's data.</typeparam>
    [global::System.CodeDom.Compiler.GeneratedCode("Atlas.Codegen", "__VERSION__")]
    public sealed class TemplateEvent<T>
    {
        /// <summary>An event (for fakes in tests).</summary>
        public TemplateEvent(T data, string rawData, string eventType = "message", string? id = null, global::System.TimeSpan? retry = null)
        {
            Data = data;
            RawData = rawData;
            EventType = eventType;
            Id = id;
            Retry = retry;
        }

        /// <summary>The event's data, read as the spec's type.</summary>
        public T Data { get; }

        /// <summary>The data as it was sent (its lines joined with <c>\n</c>).</summary>
        public string RawData { get; }

        /// <summary>The <c>event</c> field; <c>message</c> when the server sent none.</summary>
        public string EventType { get; }

        /// <summary>The last <c>id</c> the server sent, if any.</summary>
        public string? Id { get; }

        /// <summary>The last <c>retry</c> the server sent (its reconnection time), if any.</summary>
        public global::System.TimeSpan? Retry { get; }

        /// <summary>The event type and raw data.</summary>
        public override string ToString() => EventType + ": " + RawData;
    }
}
