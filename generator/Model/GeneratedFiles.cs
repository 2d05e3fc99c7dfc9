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

    /// <summary>The compiler types generated where the target lacks them (netstandard2.0, .NET Framework).</summary>
    public const string Polyfills = "Atlas.Codegen.Runtime.Polyfills.g.cs";

    /// <summary>The runtime files added once per compilation (and the compiler types a downlevel target lacks): reserved too.</summary>
    public static readonly string[] Runtime =
    {
        "Atlas.Codegen.Runtime.AtlasCompat.g.cs",
        "Atlas.Codegen.Runtime.AtlasDigest.g.cs", "Atlas.Codegen.Runtime.AtlasHttp.g.cs", "Atlas.Codegen.Runtime.AtlasJson.g.cs",
        "Atlas.Codegen.Runtime.AtlasPaging.g.cs", "Atlas.Codegen.Runtime.AtlasServiceAccount.g.cs",
        "Atlas.Codegen.Runtime.AtlasTransport.g.cs", "Atlas.Codegen.Runtime.AtlasValidation.g.cs", "Atlas.Codegen.Runtime.AtlasWaiting.g.cs",
        "Atlas.Codegen.Runtime.EmbeddedAttribute.g.cs", Polyfills,
    };

    /// <summary>The names of the client's template files (<c>generator/Emit/Templates/{Name}.cs</c>), each rendered into one generated file.</summary>
    internal static class ClientTemplateNames
    {
        public const string ClientCore = "TemplateClientCore";
        public const string ClientOptions = "TemplateClientOptions";
        public const string DeprecationNotice = "TemplateDeprecationNotice";
        public const string Download = "TemplateDownload";
        public const string ApiException = "TemplateApiException";
        public const string Pageable = "TemplatePageable";
        public const string Page = "TemplatePage";
        public const string Wait = "TemplateWait";
        public const string WaitOptions = "TemplateWaitOptions";
        public const string WaitException = "TemplateWaitException";
        public const string DigestHandler = "TemplateDigestHandler";
        public const string ServiceAccountHandler = "TemplateServiceAccountHandler";
        public const string Registration = "TemplateServiceCollectionExtensions";
        public const string RequestOptions = "TemplateRequestOptions";
        public const string Response = "TemplateResponse";
        public const string Call = "TemplateCall";
        public const string Event = "TemplateEvent";
        public const string File = "TemplateFile";
    }

    internal sealed class ClientFiles
    {
        public ClientFiles(ClientSpec spec)
        {
            Client = For(spec.Namespace, spec.BaseName + "Client");
            Registration = For(spec.Namespace, spec.BaseName + "ServiceCollectionExtensions");
            var templates = new List<(string, string)>
            {
                (ClientTemplateNames.ClientCore, For(spec.Namespace, spec.BaseName + "Client", "Core")),
            };
            var types = new List<string>
            {
                ClientTemplateNames.ClientOptions, ClientTemplateNames.DeprecationNotice, ClientTemplateNames.Download, ClientTemplateNames.ApiException,
                ClientTemplateNames.Pageable, ClientTemplateNames.Page, ClientTemplateNames.Wait, ClientTemplateNames.WaitOptions,
                ClientTemplateNames.WaitException, ClientTemplateNames.RequestOptions, ClientTemplateNames.Response, ClientTemplateNames.Call,
                ClientTemplateNames.Event, ClientTemplateNames.File,
            };
            if (spec.HasDigest) types.Add(ClientTemplateNames.DigestHandler);
            if (spec.TokenUrl is not null) types.Add(ClientTemplateNames.ServiceAccountHandler);
            // Each template declares one type, Template{Suffix}: generated as {Base}{Suffix}.
            foreach (var t in types) templates.Add((t, For(spec.Namespace, spec.BaseName + t.Substring("Template".Length))));
            Templates = templates;
        }

        /// <summary>The client class (operations, groups, interfaces).</summary>
        public string Client { get; }

        /// <summary>The registration with IHttpClientFactory (only when the consumer references it; its name is reserved anyway).</summary>
        public string Registration { get; }

        /// <summary>Each template file and the file it generates: the client's core (construction, transport), options,
        /// exception, paging, waiting, downloads and the authentication handlers the document declares.</summary>
        public IReadOnlyList<(string Template, string HintName)> Templates { get; }

        public IEnumerable<string> All()
        {
            yield return Client;
            yield return Registration;
            foreach (var t in Templates) yield return t.HintName;
        }
    }
}
