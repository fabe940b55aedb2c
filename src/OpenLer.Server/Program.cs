using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Badges;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Certificates;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Features.Guides;
using OpenLer.Server.Features.HelpMode;
using OpenLer.Server.Features.Invitations;
using OpenLer.Server.Features.MachineApi;
using OpenLer.Server.Features.Reports;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Features.Presentations;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Features.Practice;
using OpenLer.Server.Features.Privacy;
using OpenLer.Server.Features.Wallets;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);

// Production rules (key-ring protection, no demo, no insecure cookies): one line per problem, then exit, before anything runs.
if (StartupRules.Refuse(builder.Configuration, builder.Environment, Console.Error))
{
    return StartupRules.ExitCode;
}

builder.AddOpenLerHosting();
builder.Services.AddOpenLerDatabase(builder.Configuration, builder.Environment);
builder.Services
    .AddProtection()
    .AddAudit()
    .AddAccounts(builder.Configuration)
    .AddInvitations()
    .AddOrganizations()
    .AddStatusLists()
    .AddBadges()
    .AddIssuance()
    .AddWorkAuthorization(builder.Configuration)
    .AddWallet()
    .AddSharing()
    .AddCertificates()
    .AddVerify()
    .AddPrivacy()
    .AddEmployers()
    .AddWallets()
    .AddPresentations()
    .AddMachineApi()
    .AddReports()
    .AddPractice()
    .AddGuides()
    .AddHelpMode()
    .AddMessaging(builder.Configuration);

var app = builder.Build();
if (await app.RunCommandIfAskedAsync(args) is { } exitCode)
{
    return exitCode;
}

await app.PrepareAsync();
app.UseOpenLerPipeline();
app.MapRazorPages();
app.MapOrganizations();
app.MapStatusLists();
app.MapBadges();
app.MapVerify();
app.MapWallets();
app.MapPresentations();
app.MapMachineApi();
app.MapReports();
app.MapHealth();
await app.RunAsync();
return 0;

/// <summary>The web app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
