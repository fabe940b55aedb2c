using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Protection;

/// <summary>
/// <c>protection rotate [--organization SLUG | --people] [--resume] [--batch N]</c>: rotates the field-encryption keys and
/// re-encrypts every protected value (<see cref="KeyRotation"/>). Safe to stop and run again: it resumes. Exit 0 when no
/// value is left under a retired key, 1 when some could not be read, 2 for bad arguments.
/// </summary>
public sealed class ProtectionRotateCommand : IServerCommand
{
    public string Name => "protection rotate";

    public string Summary => "new field-encryption keys and re-encrypt every protected value (resumable; --organization SLUG, --people, --resume)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var db = services.GetRequiredService<AppDbContext>();
        List<Guid>? scopes = null;
        var resume = false;
        var batch = KeyRotation.DefaultBatch;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--organization" when i + 1 < arguments.Count:
                    var slug = arguments[++i];
                    var org = await db.Organizations.AsNoTracking().Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
                    if (org is null)
                    {
                        await output.WriteLineAsync($"No organization '{slug}'.");
                        return 2;
                    }

                    (scopes ??= []).Add(org.Value);
                    break;
                case "--people":
                    (scopes ??= []).Add(FieldScope.People);
                    break;
                case "--resume":
                    resume = true;
                    break;
                case "--batch" when i + 1 < arguments.Count && int.TryParse(arguments[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0:
                    batch = size;
                    i++;
                    break;
                default:
                    await output.WriteLineAsync("Usage: protection rotate [--organization SLUG]... [--people] [--resume] [--batch N]");
                    return 2;
            }
        }

        var report = await services.GetRequiredService<KeyRotation>().RunAsync(scopes, resume, batch, cancellationToken: cancellationToken);
        await services.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.DataKeysRotated, "data-keys", null, null,
            report.Remaining == 0 ? AuditOutcomes.Ok : AuditOutcomes.Failed,
            string.Create(CultureInfo.InvariantCulture, $"started={report.Started} reencrypted={report.Reencrypted} remaining={report.Remaining}"),
            (AuditActors.System, "protection rotate"), cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"protection rotate: {report.Started} new key(s), {report.Reencrypted} value(s) re-encrypted, {report.Remaining} left under retired keys, {report.Unreadable} unreadable, {report.Drained} retired key(s) drained"));
        return report.Remaining == 0 ? 0 : 1;
    }
}
