namespace OpenLer.Server.Infrastructure.Commands;

/// <summary>Finds the operator command named by the program's arguments (features register theirs).</summary>
public static class ServerCommands
{
    public static IServiceCollection AddServerCommand<T>(this IServiceCollection services)
        where T : class, IServerCommand => services.AddTransient<IServerCommand, T>();

    /// <summary>The command and its own arguments, or null when the arguments start the web server.</summary>
    public static (IServerCommand Command, IReadOnlyList<string> Arguments)? Find(IServiceProvider services, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = args.TakeWhile(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var commands = services.GetServices<IServerCommand>().ToList();
        foreach (var length in new[] { 2, 1 })
        {
            if (words.Count < length)
            {
                continue;
            }

            var name = string.Join(' ', words.Take(length));
            var command = commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (command is not null)
            {
                return (command, args.Skip(length).ToList());
            }
        }

        return null;
    }

    /// <summary>Whether the arguments look like a command (first word not an option), to report an unknown one.</summary>
    public static bool LooksLikeCommand(string[] args) =>
        args is { Length: > 0 } && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal);

    public static void PrintList(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Commands (dotnet run --project src/OpenLer.Server -- COMMAND):");
        foreach (var command in services.GetServices<IServerCommand>().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            output.WriteLine($"  {command.Name,-28} {command.Summary}");
        }
    }
}
