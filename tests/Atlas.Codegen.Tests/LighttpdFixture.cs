using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Atlas.Codegen.LocalAtlas;

namespace Atlas.Codegen.Tests;

/// <summary>
/// A real HTTP Digest server nobody here wrote: lighttpd (mod_auth, plain user file) in front of the local Atlas
/// (mod_proxy), one instance per algorithm, on loopback ports. Needs the lighttpd binary
/// (<c>apt-get install lighttpd</c>; .ci/run installs it).
/// </summary>
public sealed class LighttpdFixture : IAsyncLifetime
{
    public const string User = "atlas-public-key";
    public const string Password = "0f9e8d7c-PRIVATE-KEY-6b5a4938";
    public const string Realm = "MMS Public API";

    private readonly List<Process> _processes = new();
    private string _dir = "";

    public LocalAtlasServer Atlas { get; private set; } = null!;

    public Dictionary<string, Uri> Servers { get; } = new();

    public static string? Binary => new[] { "/usr/sbin/lighttpd", "/usr/bin/lighttpd", "/usr/local/sbin/lighttpd" }.FirstOrDefault(File.Exists);

    public async Task InitializeAsync()
    {
        if (Binary is null) return;
        Atlas = await LocalAtlasServer.StartAsync();
        _dir = Directory.CreateTempSubdirectory("atlas-lighttpd-").FullName;
        Directory.CreateDirectory(Path.Combine(_dir, "www"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "users"), $"{User}:{Password}\n");
        foreach (var algorithm in new[] { "MD5", "SHA-256" })
        {
            var port = FreePort();
            var conf = Path.Combine(_dir, algorithm + ".conf");
            await File.WriteAllTextAsync(conf, $$"""
                server.document-root = "{{_dir}}/www"
                server.bind = "127.0.0.1"
                server.port = {{port}}
                server.errorlog = "{{_dir}}/{{algorithm}}.error.log"
                server.modules = ( "mod_auth", "mod_authn_file", "mod_proxy" )
                auth.backend = "plain"
                auth.backend.plain.userfile = "{{_dir}}/users"
                auth.require = ( "/api/" => ( "method" => "digest", "realm" => "{{Realm}}", "require" => "valid-user", "algorithm" => "{{algorithm}}" ) )
                proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => {{Atlas.BaseAddress.Port}} ) ) )
                """);
            var process = Process.Start(new ProcessStartInfo(Binary, $"-D -f {conf}") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            _processes.Add(process);
            await WaitForPort(port, process, Path.Combine(_dir, algorithm + ".error.log"));
            Servers[algorithm] = new Uri($"http://127.0.0.1:{port}/");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try { p.Kill(); p.WaitForExit(5000); } catch (InvalidOperationException) { }
            p.Dispose();
        }
        if (Atlas is not null) await Atlas.DisposeAsync();
        if (_dir.Length > 0) Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task WaitForPort(int port, Process process, string log)
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"lighttpd exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
            }
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("lighttpd did not start listening on " + port);
    }
}

/// <summary>A test that needs lighttpd: skipped with the reason on a developer machine without it, never skipped in CI.</summary>
public sealed class RequiresLighttpdFactAttribute : FactAttribute
{
    public RequiresLighttpdFactAttribute()
    {
        if (LighttpdFixture.Binary is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "lighttpd is not installed (apt-get install lighttpd); CI installs it and runs this test.";
        }
    }
}

public sealed class RequiresLighttpdTheoryAttribute : TheoryAttribute
{
    public RequiresLighttpdTheoryAttribute()
    {
        if (LighttpdFixture.Binary is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "lighttpd is not installed (apt-get install lighttpd); CI installs it and runs this test.";
        }
    }
}
