using Atlas.Codegen.LocalAtlas;

namespace Atlas.Codegen.Tests;

/// <summary>A test class with its own local Atlas (Kestrel on 127.0.0.1) and an HttpClient pointed at it.</summary>
public abstract class LocalAtlasTest : IAsyncLifetime
{
    protected LocalAtlasServer Server { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected virtual LocalAtlasOptions? Options => null;

    public async Task InitializeAsync()
    {
        Server = await LocalAtlasServer.StartAsync(Options);
        Http = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
