using System.Text;

namespace OpenLer.Server.Infrastructure.Demo;

/// <summary>Runs every feature's demo seeder in order, then prints the start-up text (demo passwords are printed, never logged).</summary>
public static class DemoRunner
{
    public const string Marker = "openler:demo-seeded";

    public static async Task RunAsync(IServiceProvider services, string baseUrl, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var context = new DemoContext(baseUrl.TrimEnd('/'));
        var db = services.GetRequiredService<Data.AppDbContext>();
        var firstRun = !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Organizations, o => o.Slug == DemoData.OrganizationSlug, cancellationToken);
        foreach (var seeder in services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(context, firstRun, cancellationToken);
        }

        var text = new StringBuilder();
        text.AppendLine().AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"OpenLER demo is ready at {context.BaseUrl}");
        foreach (var group in context.Lines.GroupBy(l => l.Heading))
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {group.Key}:");
            foreach (var (_, line) in group)
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    {line}");
            }
        }

        await output.WriteLineAsync(text.ToString());
    }
}
