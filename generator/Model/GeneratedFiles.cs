using System.Collections.Generic;
using System.Text;

namespace Atlas.Codegen.Model;

/// <summary>
/// The files the generator adds, named in one place: the emitters add exactly these, and <see cref="OutputSet"/> uses
/// the same names to keep two documents (or a document and the runtime) from generating the same file.
/// </summary>
internal static class GeneratedFiles
{
    /// <summary>The hint name of a generated file: namespace, name and suffix, characters outside [A-Za-z0-9._] replaced.</summary>
    public static string For(string ns, string name, string? suffix = null)
    {
        var sb = new StringBuilder();
        foreach (var c in ns + "." + name + (suffix is null ? "" : "." + suffix))
        {
            sb.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        }
        return sb.Append(".g.cs").ToString();
    }

    /// <summary>A type's record (or union, or enum), with its JSON members.</summary>
    public static string Of(TypeSpec spec) => For(spec.Namespace, spec.Name);

    public static string Of(ContextSpec spec) => For(spec.Namespace, spec.Name);

    /// <summary>The client's files (the registration only exists when the consumer references IHttpClientFactory, but its name is reserved).</summary>
    public static ClientFiles Of(ClientSpec spec) => new(spec);

    /// <summary>The runtime files added once per compilation (post-initialization): reserved too.</summary>
    public static readonly string[] Runtime =
    {
        "Atlas.Codegen.Runtime.AtlasDigest.g.cs", "Atlas.Codegen.Runtime.AtlasHttp.g.cs", "Atlas.Codegen.Runtime.AtlasJson.g.cs",
        "Atlas.Codegen.Runtime.AtlasPaging.g.cs", "Atlas.Codegen.Runtime.AtlasServiceAccount.g.cs",
        "Atlas.Codegen.Runtime.AtlasTransport.g.cs", "Atlas.Codegen.Runtime.AtlasWaiting.g.cs",
        "Atlas.Codegen.Runtime.EmbeddedAttribute.g.cs",
    };

    internal sealed class ClientFiles
    {
        public ClientFiles(ClientSpec spec)
        {
            Client = For(spec.Namespace, spec.BaseName + "Client");
            Options = For(spec.Namespace, spec.BaseName + "ClientOptions");
            Exception = For(spec.Namespace, spec.BaseName + "ApiException");
            Registration = For(spec.Namespace, spec.BaseName + "ServiceCollectionExtensions");
            Lists = For(spec.Namespace, spec.BaseName + "Pageable");
            Digest = spec.HasDigest ? For(spec.Namespace, spec.BaseName + "DigestHandler") : null;
            ServiceAccount = spec.TokenUrl is not null ? For(spec.Namespace, spec.BaseName + "ServiceAccountHandler") : null;
        }

        public string Client { get; }
        public string Options { get; }
        public string Exception { get; }
        public string Registration { get; }

        /// <summary>Paging (<c>{Base}Pageable&lt;T&gt;</c>, <c>{Base}Page&lt;T&gt;</c>) and waiting (<c>{Base}Wait</c>, its options and exception).</summary>
        public string Lists { get; }
        public string? Digest { get; }
        public string? ServiceAccount { get; }

        public IEnumerable<string> All()
        {
            yield return Client;
            yield return Options;
            yield return Exception;
            yield return Registration;
            yield return Lists;
            if (Digest is not null) yield return Digest;
            if (ServiceAccount is not null) yield return ServiceAccount;
        }
    }
}
