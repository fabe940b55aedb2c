using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/OpenLer.Benchmarks -- --filter '*Rdfc*'
BenchmarkSwitcher.FromAssembly(typeof(OpenLer.Benchmarks.StatusListBenchmarks).Assembly).Run(args);
