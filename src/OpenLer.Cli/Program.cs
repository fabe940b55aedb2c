return await OpenLer.Cli.OpenLerCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
