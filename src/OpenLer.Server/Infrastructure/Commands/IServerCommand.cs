namespace OpenLer.Server.Infrastructure.Commands;

/// <summary>
/// An operator command run instead of the web server: <c>dotnet run --project src/OpenLer.Server -- NAME ARGS</c>
/// (for example <c>audit verify</c> or <c>import-completions FILE --organization SLUG</c>). It runs after the database
/// is migrated, with the app's services, and returns the process exit code.
/// </summary>
public interface IServerCommand
{
    /// <summary>The command's name as typed, one or two words (e.g. "audit verify").</summary>
    string Name { get; }

    /// <summary>One line for the list of commands.</summary>
    string Summary { get; }

    Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken);
}
