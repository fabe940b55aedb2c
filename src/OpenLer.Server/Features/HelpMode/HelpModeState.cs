namespace OpenLer.Server.Features.HelpMode;

/// <summary>What a request in help mode knows (kept in <c>HttpContext.Items</c> for the banner and the pages).</summary>
public sealed record HelpModeState(Guid HelpSessionId, string OrganizationName, bool Consented, string Language, DateTime ExpiresAt)
{
    public const string ItemKey = "openler.help-mode";

    public static HelpModeState? Of(HttpContext context) =>
        context is not null && context.Items.TryGetValue(ItemKey, out var value) ? value as HelpModeState : null;
}
