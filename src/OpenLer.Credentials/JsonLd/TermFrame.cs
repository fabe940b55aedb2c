namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// What Create Term Definition (JSON-LD API §4.2) and IRI Expansion (§5.2) need while a context definition is being
/// processed: the context under construction, the local context, the <c>defined</c> map, and the flags of §4.1.2
/// step 5.13 (passed the same way to terms defined through dependencies).
/// </summary>
internal sealed class TermFrame(
    JsonLdOperation op,
    ActiveContext active,
    ContextDefinition local,
    string? baseUrl,
    bool isProtected,
    bool overrideProtected,
    List<string>? remoteContexts,
    bool pinned)
{
    public JsonLdOperation Op { get; } = op;

    public ActiveContext Active { get; } = active;

    public ContextDefinition Local { get; } = local;

    /// <summary>Term → true when defined, false while being defined (cycle detection).</summary>
    public Dictionary<string, bool> Defined { get; } = new(StringComparer.Ordinal);

    public string? BaseUrl { get; } = baseUrl;

    public bool IsProtected { get; } = isProtected;

    public bool OverrideProtected { get; } = overrideProtected;

    public List<string>? RemoteContexts { get; } = remoteContexts;

    public bool Pinned { get; } = pinned;

    /// <summary>True when <paramref name="term"/> is in the local context and not yet (completely) defined.</summary>
    public bool NeedsDefinition(string term) =>
        Local.ContainsKey(term) && !(Defined.TryGetValue(term, out var done) && done);
}
