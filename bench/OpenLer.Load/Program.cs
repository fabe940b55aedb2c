namespace OpenLer.Load;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpenLer.Load -- seed|run ...</c>; bench/load/run.sh drives both
/// (docs/benchmarks.md, "Share page under load").
/// </summary>
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "seed" => await BenchSeeder.RunAsync(args[1..], Console.Out),
        "run" => await LoadRun.RunAsync(args[1..], Console.Out),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            OpenLer load generator
              seed --out FILE [--setting KEY=VALUE ...]
                  Migrates and seeds the demo into the configured database (the same settings as the server), issues two more
                  credentials to the demo jobseeker and writes share links with 1, 2 and 3 credentials to FILE (one path a line).
              run --base URL --path NAME=/path [...] [--mode open|closed] [--rate N] [--connections N] [--duration S] [--warmup S]
                  Measures each path in turn. open: a fixed offered rate (latency counted from each request's scheduled start,
                  so a stall is not hidden); closed: N connections each sending the next request when the last one answered.
                  Prints one line per path: requests, completed/s, errors, p50, p90, p99, max (ms).
            """);
        return 2;
    }
}
