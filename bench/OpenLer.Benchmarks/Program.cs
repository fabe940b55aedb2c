using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/OpenLer.Benchmarks -- --filter '*Rdfc*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
