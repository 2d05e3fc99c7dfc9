using System.Text;
using Atlas.Codegen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Atlas.Codegen.Emit;

/// <summary>
/// Emits <c>services.Add{Base}Client(...)</c> when the consumer references Microsoft.Extensions.Http: a typed client
/// through IHttpClientFactory with the authentication handler of the options. With Microsoft.Extensions.Http.Resilience
/// it adds the standard resilience handler (retries disabled for unsafe methods, so a POST is never sent twice) and
/// turns the client's own 429 retry off. The code is the template <c>Templates/TemplateServiceCollectionExtensions.cs</c>.
/// </summary>
internal static class RegistrationEmitter
{
    public static void Emit(SourceProductionContext spc, (ClientSpec Client, Capabilities Capabilities) input)
        => spc.AddSource(GeneratedFiles.Of(input.Client).Registration, SourceText.From(Render(input.Client, input.Capabilities), Encoding.UTF8));

    internal static string Render(ClientSpec spec, Capabilities capabilities)
        => ClientTemplates.Render(GeneratedFiles.ClientTemplateNames.Registration, spec, capabilities);
}
