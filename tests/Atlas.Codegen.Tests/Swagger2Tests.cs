using System.Collections.Concurrent;
using System.Net;
using Atlas.Codegen.Tests.PetStoreTwo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atlas.Codegen.Tests;

/// <summary>
/// A Swagger 2.0 document (tests/Atlas.Codegen.Tests/Swagger2/pet-store-two.yaml, an AdditionalFiles item of this
/// project) gives the same kind of client as an OpenAPI 3 one: basePath in the server, path-level and query
/// parameters, a body parameter (through a #/parameters reference) as the request body, x-nullable, the error body
/// typed, all over real HTTP against Kestrel on 127.0.0.1. The 16 public 2.0 documents compile in PublicCorpusTests.
/// </summary>
public sealed class Swagger2Tests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private PetStoreTwoClient _client = null!;
    private readonly ConcurrentQueue<string> _requests = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/v2/pets/{id:long}", (long id, HttpContext context) =>
        {
            _requests.Enqueue("GET " + context.Request.Path + context.Request.QueryString);
            return id == 7
                ? Results.Text("""{"id":7,"name":"Rex","tag":null,"owner":"kept"}""", "application/json")
                : Results.Text("{\"code\":404,\"message\":\"no pet " + id + "\"}", "application/json", statusCode: 404);
        });
        _app.MapPost("/v2/pets", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            _requests.Enqueue("POST " + context.Request.Path + " " + context.Request.ContentType + " " + body);
            return Results.Text(body.Replace("{", """{"id":42,""", StringComparison.Ordinal), "application/json", statusCode: 201);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient();
        _client = new PetStoreTwoClient(_http, new PetStoreTwoClientOptions { Server = new Uri(address + "/v2") });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public void The_server_is_host_and_basePath()
        => Assert.Equal("http://localhost/v2", PetStoreTwoClient.DefaultServer);

    [Fact]
    public async Task A_get_with_path_and_query_parameters_reads_the_typed_result_and_keeps_what_the_spec_omits()
    {
        var pet = await _client.Pets.GetPetAsync(7, verbose: true);
        Assert.Equal("GET /v2/pets/7?verbose=true", Assert.Single(_requests));
        Assert.Equal(7, pet.Id);
        Assert.Equal("Rex", pet.Name);
        Assert.Null(pet.Tag); // x-nullable: null reads as null
        Assert.Equal("\"kept\"", pet.AdditionalProperties!["owner"].GetRawText());
    }

    [Fact]
    public async Task Collection_formats_are_query_styles()
    {
        await _client.Pets.GetPetAsync(7, fields: ["name", "tag"], ids: [1, 2]);
        Assert.Equal("GET /v2/pets/7?fields=name%7Ctag&ids=1,2", Assert.Single(_requests));
    }

    [Fact]
    public async Task A_body_parameter_is_the_request_body()
    {
        var pet = await _client.Pets.AddPetAsync(new NewPet { Name = "Bo", Tag = "dog" });
        var request = Assert.Single(_requests);
        Assert.StartsWith("POST /v2/pets application/json", request);
        Assert.EndsWith("""{"name":"Bo","tag":"dog"}""", request);
        Assert.Equal(42, pet.Id);
        Assert.Equal("Bo", pet.Name);
    }

    [Fact]
    public async Task An_error_response_is_a_typed_exception_with_the_declared_error_body()
    {
        var ex = await Assert.ThrowsAsync<PetStoreTwoApiException>(() => _client.Pets.GetPetAsync(8));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(404, ex.Error!.Code);
        Assert.Equal("no pet 8", ex.Error.Message);
        Assert.Contains("no pet 8", ex.RawBody);
    }
}
