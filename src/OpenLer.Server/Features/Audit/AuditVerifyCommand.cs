using System.Globalization;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Audit;

/// <summary><c>audit verify</c>: checks the hash chain of the audit trail; exit code 0 when intact, 1 when broken.</summary>
public sealed class AuditVerifyCommand : IServerCommand
{
    public string Name => "audit verify";

    public string Summary => "check the audit trail's hash chain (exit 1 when a record was changed, removed or reordered)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var report = await services.GetRequiredService<AuditChain>().VerifyAsync(cancellationToken);
        if (report.Intact)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"audit trail intact: {report.Records} records"));
            return 0;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"audit trail BROKEN at record {report.BrokenAt}: {report.Problem} ({report.Records} records before it are intact)"));
        return 1;
    }
}
