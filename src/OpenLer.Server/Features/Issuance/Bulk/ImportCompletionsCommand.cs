using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>
/// <c>import-completions FILE --organization SLUG [--site NAME]</c>: the bulk issuance of the upload page, from the command
/// line: reads and checks the file (<see cref="BulkImports"/>), prints its problems, queues and runs the job here
/// (<see cref="BulkIssuanceRunner"/>) printing progress, and ends with <c>issued N, skipped N, failed N in S s</c>. Running it
/// again with the same file resumes an unfinished run (after a crash, once the stopped run's lease ran out) and issues
/// nothing twice. Exit 0 when every row was issued or skipped, 1 when some failed, 2 for bad arguments or an unusable file.
/// </summary>
public sealed class ImportCompletionsCommand : IServerCommand
{
    public string Name => "import-completions";

    public string Summary => "issue credentials for a CSV of completions (FILE --organization SLUG [--site NAME]); resumable, issues nothing twice";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        string? file = null, slug = null, siteName = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--organization" when i + 1 < arguments.Count:
                    slug = arguments[++i];
                    break;
                case "--site" when i + 1 < arguments.Count:
                    siteName = arguments[++i];
                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && file is null:
                    file = a;
                    break;
                default:
                    file = null;
                    i = arguments.Count;
                    break;
            }
        }

        if (file is null || slug is null)
        {
            await output.WriteLineAsync("Usage: import-completions FILE --organization SLUG [--site NAME]");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var db = services.GetRequiredService<AppDbContext>();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (org is null)
        {
            await output.WriteLineAsync($"No organization '{slug}'.");
            return 2;
        }

        Guid? siteId = null;
        if (siteName is not null)
        {
            siteId = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == org.Id && s.Name == siteName).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (siteId is null)
            {
                await output.WriteLineAsync($"No site '{siteName}' in {slug}.");
                return 2;
            }
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (IOException e)
        {
            await output.WriteLineAsync($"Cannot read {file}: {e.Message}");
            return 2;
        }
        catch (UnauthorizedAccessException e)
        {
            await output.WriteLineAsync($"Cannot read {file}: {e.Message}");
            return 2;
        }

        var imports = services.GetRequiredService<BulkImports>();
        var actor = (AuditActors.System, (string?)"import-completions");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var import = await db.Set<BulkImport>().AsNoTracking()
            .Where(i => i.OrganizationId == org.Id && i.FileHash == hash && i.State != BulkImportStates.Finished).OrderBy(i => i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (import is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Resuming the unfinished import {import.Id} of this file: {import.Done} of {import.TotalRows} rows done."));
        }
        else
        {
            var (created, problem) = await imports.CreateAsync(org.Id, siteId, bytes, new BulkImports.Uploader("command", actor, null), cancellationToken);
            if (problem is not null)
            {
                await output.WriteLineAsync($"The file cannot be used: {problem.Message}{(problem.Detail is null ? "" : " " + problem.Detail)}");
                return 2;
            }

            import = created!;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Read {import.TotalRows} rows ({import.Encoding}): {import.ValidRows} to issue, {import.AlreadyIssuedRows} already issued, {import.InvalidRows} with problems. Import {import.Id}."));
            foreach (var (text, count) in await imports.ProblemCountsAsync(import.Id, cancellationToken))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {count} row(s): {text}"));
            }

            foreach (var row in await imports.ProblemsAsync(import.Id, 20, cancellationToken))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  line {row.Line}: {row.Problem}{(row.ProblemDetail is null ? "" : " " + row.ProblemDetail)}"));
            }
        }

        if (import.State == BulkImportStates.Preview)
        {
            await imports.QueueAsync(org.Id, import.Id, actor, cancellationToken);
        }

        var runner = services.GetRequiredService<BulkIssuanceRunner>();
        var owner = "command-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var waiting = false;
        while (true)
        {
            var done = await runner.RunAsync(import.Id, owner, async job =>
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {job.Done}/{job.TotalRows} rows: issued {job.Issued}, skipped {job.Skipped}, failed {job.Failed} ({clock.Elapsed.TotalSeconds:0.0} s)")), cancellationToken);
            var current = await db.Set<BulkImport>().AsNoTracking().FirstAsync(i => i.Id == import.Id, cancellationToken);
            if (done is not null || current.State == BulkImportStates.Finished)
            {
                import = done ?? current;
                break;
            }

            if (!waiting)
            {
                await output.WriteLineAsync("Another worker holds this import; waiting for it to finish or for its lease to run out.");
                waiting = true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"issued {import.Issued}, skipped {import.Skipped}, failed {import.Failed} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return import.Failed == 0 ? 0 : 1;
    }
}
