using Atlas.Codegen.Benchmarks.Admin;
using Atlas.Codegen.LocalAtlas;
using BenchmarkDotNet.Attributes;

namespace Atlas.Codegen.Benchmarks;

/// <summary>
/// Listing 1,234 projects from the local Atlas over loopback: the enumerator (ListAllGroupsAsync) against the plain
/// generated method called page by page (500 per page, stopping at the total), as a user would write the loop.
/// </summary>
[Config(typeof(ShortConfig))]
public class PagingBenchmarks
{
    private LocalAtlasServer _server = null!;
    private HttpClient _http = null!;
    private AdminClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LocalAtlasServer.StartAsync().GetAwaiter().GetResult();
        _server.SeedProjects(1234);
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _client = new AdminClient(_http);
        if (PageByPage().GetAwaiter().GetResult() != 1234 || Enumerator().GetAwaiter().GetResult() != 1234) throw new InvalidOperationException();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "ListGroupsAsync page by page (hand-written loop)")]
    public async Task<int> PageByPage()
    {
        var count = 0;
        for (var page = 1; ; page++)
        {
            var response = await _client.Projects.ListGroupsAsync(itemsPerPage: 500, pageNum: page);
            foreach (var group in response.Results) count += group.Id is null ? 0 : 1;
            if (response.Results.Count == 0 || count >= response.TotalCount) return count;
        }
    }

    [Benchmark(Description = "ListAllGroupsAsync (await foreach)")]
    public async Task<int> Enumerator()
    {
        var count = 0;
        await foreach (var group in _client.Projects.ListAllGroupsAsync()) count += group.Id is null ? 0 : 1;
        return count;
    }
}
