using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// <c>verify-credentials --organization SLUG [--sample N]</c>: checks an organization's issued credentials as a verifier
/// would (signature, issuer, status list, with <see cref="DeploymentVerifier"/>): all of them, or N picked at random; and
/// that no status-list index is used by two credentials. Prints the counts and the first problems; exit 0 when every
/// credential checked verifies and no index is shared, 1 otherwise, 2 for bad arguments. For operators after a bulk
/// issuance (docs/benchmarks.md uses it on the measured databases).
/// </summary>
public sealed class VerifyCredentialsCommand : IServerCommand
{
    public string Name => "verify-credentials";

    public string Summary => "verify an organization's issued credentials (--organization SLUG [--sample N]) and check no status index is shared";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        string? slug = null;
        int? sample = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--organization" && i + 1 < arguments.Count)
            {
                slug = arguments[++i];
            }
            else if (arguments[i] == "--sample" && i + 1 < arguments.Count && int.TryParse(arguments[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                sample = n;
            }
            else
            {
                slug = null;
                break;
            }
        }

        if (slug is null)
        {
            await output.WriteLineAsync("Usage: verify-credentials --organization SLUG [--sample N]");
            return 2;
        }

        var db = services.GetRequiredService<AppDbContext>();
        var org = await db.Organizations.AsNoTracking().Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (org is not { } organizationId)
        {
            await output.WriteLineAsync($"No organization '{slug}'.");
            return 2;
        }

        var slots = await db.Credentials.AsNoTracking().Where(c => c.OrganizationId == organizationId)
            .Select(c => new { c.Id, c.StatusPurpose, c.StatusListNumber, c.StatusListIndex }).ToListAsync(cancellationToken);
        var shared = slots.GroupBy(s => (s.StatusPurpose, s.StatusListNumber, s.StatusListIndex)).Count(g => g.Count() > 1);
        var ids = slots.Select(s => s.Id).ToArray();
        if (sample is { } wanted && wanted < ids.Length)
        {
            // A uniform random sample: a partial Fisher-Yates shuffle with the system's random generator.
            for (var i = 0; i < wanted; i++)
            {
                var j = RandomNumberGenerator.GetInt32(i, ids.Length);
                (ids[i], ids[j]) = (ids[j], ids[i]);
            }

            ids = ids[..wanted];
        }

        var records = services.GetRequiredService<CaseRecords>();
        var verifier = services.GetRequiredService<DeploymentVerifier>();
        var (verified, failed) = (0, 0);
        foreach (var chunk in ids.Chunk(500))
        {
            var credentials = await db.Credentials.AsNoTracking().Where(c => c.OrganizationId == organizationId && chunk.Contains(c.Id)).ToListAsync(cancellationToken);
            foreach (var credential in credentials)
            {
                var result = await verifier.VerifyAsync(records.CredentialJson(credential), cancellationToken);
                if (result.Verified)
                {
                    verified++;
                }
                else if (++failed <= 10)
                {
                    await output.WriteLineAsync($"  {credential.Id}: {result.FirstProblem?.Code} {result.FirstProblem?.Message}");
                }
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"checked {verified + failed} of {slots.Count} credentials: {verified} verify, {failed} do not; status indexes used twice: {shared}"));
        return failed == 0 && shared == 0 ? 0 : 1;
    }
}
