using System.Net;
using System.Text;
using System.Text.Json;
using Atlas.Codegen.Tests.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Atlas.Codegen.Tests;

/// <summary>
/// Kestrel on loopback answering the operations of Uploads/uploads.yaml: echoes form, text and multipart bodies, counts and
/// sums streamed uploads, serves event streams (a short one and an endless one), refuses the next request with a 429 when
/// asked. Shared by the tests of the .NET 10 build (UploadTests) and of the .NET Standard 2.0 build (DownlevelUploadTests).
/// </summary>
public abstract class UploadServerTest : IAsyncLifetime
{
    private WebApplication _app = null!;
    protected HttpClient _http = null!;
    protected int _requests;
    protected int _refuseNext;
    protected readonly TaskCompletionSource _streamClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        _app = builder.Build();
        _app.Run(async ctx =>
        {
            Interlocked.Increment(ref _requests);
            if (Interlocked.Exchange(ref _refuseNext, 0) == 1)
            {
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers["Retry-After"] = "0";
                return;
            }
            if (ctx.Request.Path == "/events")
            {
                ctx.Response.ContentType = "text/event-stream";
                if (ctx.Request.Query["endless"] == "true")
                {
                    ctx.RequestAborted.Register(() => _streamClosed.TrySetResult());
                    for (var i = 1; !ctx.RequestAborted.IsCancellationRequested; i++)
                    {
                        await ctx.Response.WriteAsync("data: {\"n\":" + i + "}\n\n", ctx.RequestAborted).ContinueWith(_ => { });
                        await ctx.Response.Body.FlushAsync(ctx.RequestAborted).ContinueWith(_ => { });
                        await Task.Delay(20, ctx.RequestAborted).ContinueWith(_ => { });
                    }
                    return;
                }
                await ctx.Response.WriteAsync(": a comment, skipped\n\nretry: 1500\n\nevent: tick\nid: 7\ndata: {\"n\":1,\ndata:  \"text\":\"a\"}\n\n"
                    + "data:{\"n\":2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n");
                return;
            }
            if (ctx.Request.Path == "/uploads")
            {
                var form = await ctx.Request.ReadFormAsync();
                var parts = form.Select(f => f.Key + "=" + f.Value).Concat(form.Files.Select(f => f.Name + "=" + f.FileName + ":" + f.Length + ":" + f.ContentType));
                await ctx.Response.WriteAsJsonAsync(new { contentType = ctx.Request.ContentType, body = string.Join(";", parts) });
                return;
            }
            if (ctx.Request.Path == "/log")
            {
                ctx.Response.ContentType = "text/event-stream";
                await ctx.Response.WriteAsync("data: first line\n\ndata: two\ndata: lines\n\ndata: [DONE]\n\n");
                return;
            }
            if (ctx.Request.Path.StartsWithSegments("/files"))
            {
                // Read as it arrives: a byte count and a sum, nothing kept.
                var buffer = new byte[64 * 1024];
                long bytes = 0, sum = 0;
                int n;
                while ((n = await ctx.Request.Body.ReadAsync(buffer)) > 0)
                {
                    bytes += n;
                    for (var i = 0; i < n; i++) sum += buffer[i];
                }
                await ctx.Response.WriteAsJsonAsync(new { bytes, sum, chunked = ctx.Request.ContentLength is null });
                return;
            }
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            await ctx.Response.WriteAsJsonAsync(new { contentType = ctx.Request.ContentType, body });
        });
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Request bodies that are not JSON (issue 27), sent by a client generated from Uploads/uploads.yaml to Kestrel on
/// loopback: form fields (OpenAPI's form style, deepObject where the encoding says so), text, and a stream of bytes that
/// is never buffered (100 MB with flat memory). Run apart from the parallel tests: the upload's allocations are measured.
/// </summary>
[Collection(nameof(SequentialCollection))]
public sealed class UploadTests : UploadServerTest
{
    [Fact]
    public async Task A_form_body_is_sent_as_form_fields()
    {
        var client = new UploadsClient(_http);
        var echo = await client.Default.SendFormAsync(new Order
        {
            Amount = 2000,
            Currency = "eur",
            Tags = ["a b", "c&d"],
            Metadata = new Dictionary<string, string> { ["order_id"] = "6735" },
            Note = null,
        });
        Assert.Equal("application/x-www-form-urlencoded", echo.ContentType);
        Assert.Equal("amount=2000&currency=eur&tags=a%20b&tags=c%26d&metadata%5Border_id%5D=6735", echo.Body);
    }

    [Fact]
    public async Task A_text_body_is_sent_as_UTF8_text()
    {
        var echo = await new UploadsClient(_http).Default.SendTextAsync("héllo\nworld");
        Assert.Equal("text/plain; charset=utf-8", echo.ContentType);
        Assert.Equal("héllo\nworld", echo.Body);
        Assert.Throws<ArgumentNullException>(() => { _ = new UploadsClient(_http).Default.SendTextAsync(null!); });
    }

    [Fact]
    public async Task A_multipart_body_is_built_from_typed_parts_with_file_name_and_content_type()
    {
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\n{}\n"));
        var echo = await new UploadsClient(_http).Default.UploadPartsAsync(purpose: "fine-tune", file: new UploadsFile(file, "data.jsonl", "application/jsonl"));
        Assert.StartsWith("multipart/form-data; boundary=", echo.ContentType);
        Assert.Equal("purpose=fine-tune;file=data.jsonl:11:application/jsonl", echo.Body);
        Assert.True(file.CanRead); // the caller's stream: never disposed by the client

        // Repeated file parts, a JSON part and the encoding's content type, from a spec nobody here wrote: no part for null.
        using var a = new MemoryStream([1, 2, 3]);
        using var b = new MemoryStream([4, 5]);
        echo = await new UploadsClient(_http).Default.UploadManyAsync(
            [new UploadsFile(a, "a.png"), new UploadsFile(b, "b.bin", "application/octet-stream")],
            new PartMeta { Label = "x" }, tags: ["t1", "t2"]);
        Assert.Equal("meta={\"label\":\"x\"};tags=t1,t2;files=a.png:3:image/png;files=b.bin:2:application/octet-stream", echo.Body);
    }

    [Fact]
    public async Task A_100_MB_upload_streams_with_flat_memory_and_the_callers_stream_stays_open()
    {
        var client = new UploadsClient(_http);
        const long Size = 100L * 1024 * 1024;
        using var source = new PatternStream(Size);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var received = await client.Default.UploadAsync("big.bin", source);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(Size, received.Bytes);
        Assert.Equal(PatternStream.SumOf(Size), received.Sum);
        Assert.True(received.Chunked); // a stream of unknown length: sent chunked, as it is read
        Assert.True(allocated < 16L * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated for a 100 MB upload (client and server in this process)");
        Assert.False(source.Disposed); // the caller's stream: the client never disposes it
    }

    [Fact]
    public async Task A_seekable_stream_is_sent_again_after_a_429_and_a_forward_only_one_is_not()
    {
        var client = new UploadsClient(_http);
        var bytes = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        using var seekable = new MemoryStream(bytes);
        _refuseNext = 1;
        var before = _requests;
        var received = await client.Default.UploadAsync("small.bin", seekable);
        Assert.Equal((10_000L, bytes.Sum(b => (long)b), false), (received.Bytes, received.Sum, received.Chunked!.Value));
        Assert.Equal(before + 2, _requests);

        using var forward = new PatternStream(10_000);
        _refuseNext = 1;
        before = _requests;
        var refused = await Assert.ThrowsAsync<UploadsApiException>(async () => await client.Default.UploadAsync("small.bin", forward));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(before + 1, _requests);
    }

    [Fact]
    public async Task Server_sent_events_arrive_typed_and_breaking_out_closes_the_connection()
    {
        var client = new UploadsClient(_http);
        var before = _requests;
        var ticks = client.Default.StreamTicksAsync();
        Assert.Equal(before, _requests); // nothing is sent before the enumeration starts
        var events = new List<UploadsEvent<Tick>>();
        await foreach (var e in ticks) events.Add(e);
        Assert.Equal(before + 1, _requests);
        Assert.Equal(2, events.Count); // [DONE] ends a typed stream
        Assert.Equal((1L, "a", "tick", "7", TimeSpan.FromMilliseconds(1500)), (events[0].Data.N, events[0].Data.Text, events[0].EventType, events[0].Id, events[0].Retry));
        Assert.Equal("{\"n\":1,\n \"text\":\"a\"}", events[0].RawData); // data lines joined with \n
        Assert.Equal((2L, "message", "7"), (events[1].Data.N, events[1].EventType, events[1].Id));

        // Without a schema: the text of each event, as it is ([DONE] included).
        var lines = new List<string>();
        await foreach (var e in client.Default.StreamLogAsync()) lines.Add(e.Data);
        Assert.Equal(["first line", "two\nlines", "[DONE]"], lines);

        // An endless stream: breaking out of the loop closes the connection (the server sees it aborted).
        var seen = 0;
        await foreach (var e in client.Default.StreamTicksAsync(endless: true))
        {
            if (++seen == 3) break;
        }
        await _streamClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Cancellation too.
        using var cancel = new CancellationTokenSource();
        var cancelled = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in client.Default.StreamTicksAsync(endless: true).WithCancellation(cancel.Token))
            {
                if (++cancelled == 2) cancel.Cancel();
            }
        });
        Assert.Equal(2, cancelled);
    }

    /// <summary>A forward-only stream of <c>length</c> bytes (i mod 251), made as it is read.</summary>
    internal sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public bool Disposed { get; private set; }

        public static long SumOf(long length)
        {
            long sum = 0;
            for (long i = 0; i < length; i++) sum += i % 251;
            return sum;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = (byte)((_position + i) % 251);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
