using Atlas.Codegen.LocalAtlas;
using Atlas.Codegen.Tests.Admin;

namespace Atlas.Codegen.Tests;

/// <summary>Every page of a paginated operation as IAsyncEnumerable, over real HTTP against the local Atlas, requests counted.</summary>
public sealed class PagingTests : LocalAtlasTest
{
    private AdminClient Client() => new(Http);

    private int ListRequests => Server.Requests.Count(r => r.Method == "GET" && r.Path == "/api/atlas/v2/groups");

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(499, 1)]
    [InlineData(500, 1)] // the total is reached: no request for an empty page
    [InlineData(501, 2)]
    [InlineData(1234, 3)]
    public async Task Every_item_is_yielded_once_in_order_with_the_fewest_requests(int count, int requests)
    {
        var ids = Server.SeedProjects(count);
        var seen = new List<string>();
        await foreach (var group in Client().Projects.ListAllGroupsAsync()) seen.Add(group.Id!);
        Assert.Equal(ids, seen);
        Assert.Equal(requests, ListRequests);
        Assert.All(Server.Requests, r => Assert.Contains("itemsPerPage=500", r.Query));
    }

    [Theory]
    [InlineData(500, 1)] // no total, but the links name no next page
    [InlineData(1234, 3)]
    public async Task Without_a_total_the_links_and_short_pages_end_the_list(int count, int requests)
    {
        var ids = Server.SeedProjects(count);
        var pages = new List<AdminPage<Group>>();
        await foreach (var page in Client().Projects.ListAllGroupsAsync(includeCount: false).AsPages()) pages.Add(page);
        Assert.All(pages, p => Assert.Null(p.TotalCount));
        Assert.Equal(Enumerable.Range(1, requests), pages.Select(p => p.PageNumber));
        Assert.Equal(ids, pages.SelectMany(p => p.Items).Select(g => g.Id));
        Assert.Equal(requests, ListRequests);
        Assert.All(Server.Requests, r => Assert.Contains("includeCount=false", r.Query));
    }

    [Fact]
    public async Task Pages_carry_their_number_and_the_total_and_the_page_size_is_honoured()
    {
        Server.SeedProjects(25);
        var pages = new List<AdminPage<Group>>();
        await foreach (var page in Client().Projects.ListAllGroupsAsync(pageSize: 10).AsPages()) pages.Add(page);
        Assert.Equal([10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.Equal([1, 2, 3], pages.Select(p => p.PageNumber));
        Assert.All(pages, p => Assert.Equal(25, p.TotalCount));
        Assert.Equal(3, ListRequests);
        Assert.Equal(25, (await Client().Projects.ListAllGroupsAsync(pageSize: 7).ToListAsync()).Count);
    }

    [Fact]
    public async Task A_page_that_fails_in_the_middle_is_the_typed_exception_and_nothing_is_yielded_twice()
    {
        Server.SeedProjects(1234);
        var seen = new List<string>();
        var ex = await Assert.ThrowsAsync<AdminApiException>(async () =>
        {
            await foreach (var group in Client().Projects.ListAllGroupsAsync())
            {
                seen.Add(group.Id!);
                // The first page is in: the next request (page 2) fails.
                if (seen.Count == 500) Server.Enqueue(500, """{"detail":"boom","error":500,"errorCode":"UNEXPECTED_ERROR","reason":"Internal Server Error"}""");
            }
        });
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(500, seen.Count);
        Assert.Equal(500, seen.Distinct().Count());
        Assert.Equal(2, ListRequests);
    }

    [Fact]
    public async Task Cancelling_after_the_first_page_makes_no_further_request()
    {
        Server.SeedProjects(1234);
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var group in Client().Projects.ListAllGroupsAsync().WithCancellation(cts.Token))
            {
                if (++seen == 500) cts.Cancel();
            }
        });
        Assert.Equal(500, seen);
        Assert.Equal(1, ListRequests);

        // The method's own token too, before anything is sent.
        using var before = new CancellationTokenSource();
        before.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Client().Projects.ListAllGroupsAsync(cancellationToken: before.Token).ToListAsync());
        Assert.Equal(1, ListRequests);
    }

    [Fact]
    public async Task A_bad_page_size_is_rejected_before_anything_is_sent_and_nothing_is_sent_before_enumerating()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Client().Projects.ListAllGroupsAsync(pageSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client().Projects.ListAllGroupsAsync(pageSize: 501));
        var pageable = Client().Projects.ListAllGroupsAsync(pageSize: 42);
        Assert.Equal(42, pageable.PageSize);
        await Task.Yield();
        Assert.Equal(0, ListRequests);
    }

    [Fact]
    public async Task A_fake_pageable_for_tests_yields_its_pages()
    {
        IProjectsOperations fake = new FakeProjects();
        var names = new List<string?>();
        await foreach (var g in fake.ListAllGroupsAsync()) names.Add(g.Name);
        Assert.Equal(["a", "b", "c"], names);
    }

    private sealed class FakeProjects : IProjectsOperations
    {
        public AdminCall<PaginatedAtlasGroupView> ListGroupsAsync(bool? envelope = null, bool? includeCount = null, long? itemsPerPage = null, long? pageNum = null, bool? pretty = null,
            AdminRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public AdminPageable<Group> ListAllGroupsAsync(bool? envelope = null, bool? includeCount = null, bool? pretty = null, int? pageSize = null,
            AdminRequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
            => AdminPageable<Group>.FromPages([G("a"), G("b")], [G("c")]);

        private static Group G(string name) => new() { Name = name, OrgId = "o", ClusterCount = 0, Created = DateTimeOffset.UnixEpoch };
    }
}

/// <summary>Waiting for a created private endpoint to be ready (and for a deleted one to be gone), against the local Atlas.</summary>
public sealed class WaitingTests : LocalAtlasTest
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string ServiceId = "5f1e9c3a2b4d6e8f0a1b2c3d";

    protected override LocalAtlasOptions? Options => new() { EndpointReadyAfter = TimeSpan.FromMilliseconds(1500) };

    private static readonly AdminWaitOptions Fast = new() { Interval = TimeSpan.FromMilliseconds(50), MaxInterval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(20) };

    private async Task<(AdminClient Client, string Id)> CreateAsync(string id)
    {
        var client = new AdminClient(Http);
        var created = await client.PrivateEndpointServices.CreatePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, new CreateAWSEndpointRequest { Id = id });
        Assert.Equal(ConnectionStatus.PendingAcceptance, ((AWSInterfaceEndpoint)created).ConnectionStatus);
        return (client, id);
    }

    private static Task<PrivateLinkEndpoint> Get(AdminClient client, string id, CancellationToken ct)
        => client.PrivateEndpointServices.GetPrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, id, cancellationToken: ct);

    private static ConnectionStatus? StatusOf(PrivateLinkEndpoint e) => ((AWSInterfaceEndpoint)e).ConnectionStatus;

    private int Gets(string id) => Server.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/endpoint/" + id, StringComparison.Ordinal));

    [Fact]
    public async Task Waiting_returns_the_resource_once_it_is_available()
    {
        var (client, id) = await CreateAsync("vpce-0000000000000000a");
        var ready = await AdminWait.UntilAsync(ct => Get(client, id, ct),
            e => StatusOf(e) == ConnectionStatus.Available, e => StatusOf(e) == ConnectionStatus.Rejected, Fast);
        Assert.Equal(ConnectionStatus.Available, StatusOf(ready));
        Assert.True(Gets(id) >= 2, Gets(id) + " polls");
    }

    [Fact]
    public async Task A_failed_resource_ends_the_wait_with_the_last_result()
    {
        Server.FailEndpoint("vpce-0000000000000000b");
        var (client, id) = await CreateAsync("vpce-0000000000000000b");
        var ex = await Assert.ThrowsAsync<AdminWaitException>(() => AdminWait.UntilAsync(ct => Get(client, id, ct),
            e => StatusOf(e) == ConnectionStatus.Available, e => StatusOf(e) == ConnectionStatus.Rejected, Fast));
        Assert.False(ex.TimedOut);
        Assert.Equal(ConnectionStatus.Rejected, StatusOf((PrivateLinkEndpoint)ex.LastResult!));
        Assert.Equal(Gets(id), ex.Polls);
    }

    [Fact]
    public async Task A_timeout_ends_the_wait_with_the_last_result_and_cancellation_ends_it_at_once()
    {
        var (client, id) = await CreateAsync("vpce-0000000000000000c");
        await Get(client, id, default); // the first read compiles the path: on a loaded machine it alone could outlast the timeout
        var slow = new AdminWaitOptions { Interval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMilliseconds(600), Jitter = 0 };
        // Never done (independent of how fast the local endpoint becomes ready on a loaded machine).
        var ex = await Assert.ThrowsAsync<AdminWaitException>(() => AdminWait.UntilAsync(ct => Get(client, id, ct), _ => false, null, slow));
        Assert.True(ex.TimedOut);
        Assert.IsType<AWSInterfaceEndpoint>(ex.LastResult);
        Assert.True(ex.Polls >= 2, ex.Polls + " polls");
        Assert.InRange(ex.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(10));

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(120));
        var before = Gets(id);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AdminWait.UntilAsync(ct => Get(client, id, ct), _ => false, null,
            new AdminWaitOptions { Interval = TimeSpan.FromSeconds(30) }, cts.Token));
        Assert.InRange(Gets(id), before, before + 1); // at most one poll (cancelled during it or during the 30 s delay), never a second
    }

    [Fact]
    public async Task Waiting_for_a_deleted_resource_counts_404_as_done()
    {
        var (client, id) = await CreateAsync("vpce-0000000000000000d");
        await client.PrivateEndpointServices.DeletePrivateEndpointAsync(GroupId, CloudProvider.Aws, ServiceId, id);
        await AdminWait.UntilGoneAsync(ct => Get(client, id, ct), options: Fast);
        var notFound = await Assert.ThrowsAsync<AdminApiException>(() => Get(client, id, default));
        Assert.True(notFound.IsNotFound);
    }

    [Fact]
    public async Task Bad_wait_options_are_rejected_before_any_poll()
    {
        var polls = 0;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AdminWait.UntilAsync(_ => Task.FromResult(++polls), _ => true, null,
            new AdminWaitOptions { Backoff = 0.5 }));
        Assert.Equal(0, polls);
    }
}
