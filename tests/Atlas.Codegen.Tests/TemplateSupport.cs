namespace Atlas.Codegen.Templates
{
    /// <summary>What a document gives the client's templates (generator/Emit/Templates), so that they compile here as they are.</summary>
    internal static class TemplateSpec
    {
        /// <summary>The document's token endpoint (OAuth 2.0 client credentials).</summary>
        public const string TokenUrl = "https://token.example.test/oauth/token";

        /// <summary>Reads the document's error type.</summary>
        public static readonly global::Atlas.Codegen.Runtime.AtlasJsonReader<object?> ReadError =
            static (ref global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonSerializerOptions o) => global::Atlas.Codegen.Runtime.AtlasJson.ReadRaw(ref r);

        /// <summary>Registers the document's operation-group interfaces (one <c>AddTransient</c> per group).</summary>
        public static void AddOperationGroups(global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)
        {
        }
    }

    /// <summary>The client's interface (the client emitter writes it).</summary>
    public interface ITemplateClient
    {
    }

    /// <summary>The document's error type.</summary>
    public sealed class TemplateError
    {
    }

    /// <summary>The part of the client the client emitter writes (operations, groups).</summary>
    public sealed partial class TemplateClient : ITemplateClient
    {
        /// <summary>The document's first server.</summary>
        public const string DefaultServer = "https://api.example.test";
    }
}
