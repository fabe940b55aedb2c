using System.CommandLine;
using OpenLer.Cli.Commands;

namespace OpenLer.Cli;

/// <summary>The <c>openler</c> command line: issue, verify and test credentials with the OpenLER library.</summary>
public static class OpenLerCli
{
    public static RootCommand CreateRoot() => new("openler: issue, verify, test and match Learning and Employment Record credentials")
    {
        KeyCommand.Create(),
        IssueCommand.Create(),
        VerifyCommand.Create(),
        SdJwtCommands.CreatePresent(),
        StatusCommand.Create(),
        ConformanceCommand.Create(),
        TaxonomyCommand.Create(),
        MatchCommand.Create(),
    };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        CreateRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
}
