using System.CommandLine;
using OpenLer.Cli.Commands;

var root = new RootCommand("openler: issue, verify and test Learning and Employment Record credentials")
{
    ConformanceCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
