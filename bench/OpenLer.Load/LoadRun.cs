using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace OpenLer.Load;

/// <summary>Runs the load against each path in turn and prints one result line per path.</summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = new Options(args);
        var baseUrl = new Uri(options.Get("base") ?? "http://127.0.0.1:5080");
        var mode = options.Get("mode") ?? "closed";
        var rate = options.Double("rate", 500);
        var connections = options.Int("connections", 10);
        var duration = TimeSpan.FromSeconds(options.Double("duration", 15));
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 3));
        var paths = options.All("path").Select(p => p.Split('=', 2)).Select(p => (Name: p[0], Path: p[1])).ToList();
        if (paths.Count == 0 || mode is not ("open" or "closed"))
        {
            Console.Error.WriteLine("Give at least one --path NAME=/path and --mode open or closed.");
            return 2;
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = mode == "open" ? 512 : connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        output.WriteLine(mode == "open"
            ? $"# open loop, offered {rate.ToString(CultureInfo.InvariantCulture)} req/s, {duration.TotalSeconds} s per path after {warmup.TotalSeconds} s warm-up"
            : $"# closed loop, {connections} connections, {duration.TotalSeconds} s per path after {warmup.TotalSeconds} s warm-up");
        output.WriteLine($"{"path",-12} {"requests",9} {"req/s",9} {"errors",7} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8}");
        // Every path is warmed up before any is measured, so the just-in-time compiler has settled (tiered compilation
        // recompiles hot code after its first seconds) for the paths measured first as for the last; then each path gets
        // its own warm-up again right before its measurement.
        foreach (var (name, path) in paths)
        {
            var probe = await client.GetAsync(path);
            if (!probe.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"{name}: {path} answers {(int)probe.StatusCode}; not measured.");
                return 1;
            }

            _ = await ClosedLoopAsync(client, path, connections, warmup);
        }

        foreach (var (name, path) in paths)
        {
            _ = mode == "open" ? await OpenLoopAsync(client, path, rate, warmup) : await ClosedLoopAsync(client, path, connections, warmup);
            var result = mode == "open" ? await OpenLoopAsync(client, path, rate, duration) : await ClosedLoopAsync(client, path, connections, duration);
            output.WriteLine(result.Line(name));
            await output.FlushAsync();
        }

        return 0;
    }

    /// <summary>N workers, each sending its next request when the previous one answered.</summary>
    private static async Task<Result> ClosedLoopAsync(HttpClient client, string path, int connections, TimeSpan duration)
    {
        var recorder = new Recorder();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                var ok = await SendAsync(client, path);
                recorder.Add(clock.Elapsed - started, ok);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return recorder.Result(clock.Elapsed);
    }

    /// <summary>
    /// Requests started on a fixed schedule whatever the answers (open loop). Latency counts from the scheduled start, so
    /// time a request waited because the generator or the server fell behind is included (no coordinated omission).
    /// </summary>
    private static async Task<Result> OpenLoopAsync(HttpClient client, string path, double rate, TimeSpan duration)
    {
        var recorder = new Recorder();
        var interval = TimeSpan.FromSeconds(1 / rate);
        var total = (long)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            var scheduled = interval * i;
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            inFlight.Add(Task.Run(async () =>
            {
                var ok = await SendAsync(client, path);
                recorder.Add(clock.Elapsed - scheduled, ok);
            }));
        }

        await Task.WhenAll(inFlight);
        return recorder.Result(clock.Elapsed);
    }

    private static async Task<bool> SendAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private sealed class Recorder
    {
        private readonly List<double> _latencies = [];
        private int _errors;

        public void Add(TimeSpan latency, bool ok)
        {
            lock (_latencies)
            {
                _latencies.Add(latency.TotalMilliseconds);
                if (!ok)
                {
                    _errors++;
                }
            }
        }

        public Result Result(TimeSpan elapsed)
        {
            lock (_latencies)
            {
                var sorted = _latencies.Order().ToArray();
                return new Result(sorted.Length, sorted.Length / elapsed.TotalSeconds, _errors,
                    Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1]);
            }
        }

        private static double Percentile(double[] sorted, double q) =>
            sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private sealed record Result(int Requests, double PerSecond, int Errors, double P50, double P90, double P99, double Max)
    {
        public string Line(string name) => string.Create(CultureInfo.InvariantCulture,
            $"{name,-12} {Requests,9} {PerSecond,9:0} {Errors,7} {P50,8:0.00} {P90,8:0.00} {P99,8:0.00} {Max,8:0.00}");
    }
}
