using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.Messaging.MessagingHarness;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>
/// Demo mode's code pages show the code even when the dispatcher delivers it before the request that queued it has
/// finished (on a loaded machine it often does: the request still writes its audit record). Before the fix, the page
/// only showed messages delivered after the request ended, so such a code was never shown, however often it was reloaded.
/// </summary>
public sealed class DemoCodePageTests
{
    [Theory]
    [InlineData("/account/sign-in", "contact", "amina@example.org", "/account/code")]
    [InlineData("/employer/sign-in", "email", EmployersDemo.EmployerEmail, "/employer/code")]
    public async Task A_code_delivered_before_the_request_ends_is_shown_on_the_code_page(string signIn, string field, string contact, string codePage)
    {
        var gate = new DeliverBeforeRequestEnds();
        using var app = new OpenLerFactory(Db.Sqlite, settings: Fast(new() { ["OpenLer:Demo"] = "true", ["OpenLer:AllowInsecureCookies"] = "true" }),
            configure: services => services.AddSingleton<IInterceptor>(sp => gate.With(sp)));
        var browser = new WebSession(app.Client());
        var form = await browser.GetAsync(signIn);
        gate.Armed = true;

        var page = await browser.SubmitAsync(form, "form[method=post]", new Dictionary<string, string> { [field] = contact });

        Assert.True(gate.Held, "the request went on only after the dispatcher had delivered its code");
        Assert.Equal(codePage, browser.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        var code = page.QuerySelector("#demo-code")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(code), "the code page shows the code");

        // A reload still shows it (the person on a slow phone), and it is the code just sent.
        var again = await browser.GetAsync(codePage);
        Assert.Equal(code, again.QuerySelector("#demo-code")?.TextContent);
    }

    /// <summary>
    /// Holds the request that queued a sign-in code, just after the queue row is saved, until the dispatcher has put a
    /// message into the demo outbox: the order a loaded machine produces by chance, made certain.
    /// </summary>
    private sealed class DeliverBeforeRequestEnds : SaveChangesInterceptor
    {
        private static readonly MessageKind[] Codes = [MessageKind.SignInCode, MessageKind.EmployerSignInCode];
        private IServiceProvider? _services;
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, StrongBox<int>> _outboxBefore = [];

        public bool Held { get; private set; }

        /// <summary>Set once the demo data is in: only the test's own request is held.</summary>
        public bool Armed { get; set; }

        public DeliverBeforeRequestEnds With(IServiceProvider services)
        {
            _services = services;
            return this;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context is { } db && db.ChangeTracker.Entries<QueuedMessage>().Any(e => e.State == EntityState.Added && Codes.Contains(e.Entity.Kind)))
            {
                _outboxBefore.AddOrUpdate(db, new StrongBox<int>(await CountAsync(cancellationToken)));
            }

            return result;
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is not { } db || !_outboxBefore.TryGetValue(db, out var box))
            {
                return result;
            }

            _outboxBefore.Remove(db);
            var before = box.Value;
            _services!.GetRequiredService<DispatchSignal>().Wake();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await CountAsync(cancellationToken) <= before)
            {
                Assert.True(DateTime.UtcNow < until, "the dispatcher delivered the code within 30 s");
                await Task.Delay(50, cancellationToken);
            }

            Held = true;
            return result;
        }

        private async Task<int> CountAsync(CancellationToken cancellationToken)
        {
            await using var scope = _services!.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DemoOutboxEntry>().CountAsync(cancellationToken);
        }
    }
}
