using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.Wallet;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// The model of the shared result partial (<c>Features/Shared/_Result.cshtml</c>) used by the Verify page, share pages and
/// employer views: the credential and holder first, one plain headline, the content (as facts, or as "What the file claims
/// (not verified)"), every check in plain words, the technical detail last.
/// </summary>
public sealed record ResultDisplay(VerificationResult Result, CredentialView? View)
{
    /// <summary>The headline's verdict.</summary>
    public Verdict Verdict { get; } = Verdict.Of(Result);

    /// <summary>A title to show instead of the credential's name (e.g. "Work authorization"), already translated.</summary>
    public string? Title { get; init; }

    /// <summary>The heading level of the title (2 on a page of its own, 3 inside a list).</summary>
    public int Level { get; init; } = 2;

    /// <summary>Whether the content may be shown at all (a work authorization that is not verified shows none of its facts).</summary>
    public bool ShowContent { get; init; } = true;

    /// <summary>The only result on its page: its elements get ids (<c>result-title</c>, <c>plain-reason</c>, <c>reason</c>).</summary>
    public bool Primary { get; init; }

    /// <summary>
    /// The text of the credential's program for the reader (this deployment's program, matched as <see cref="CredentialPrograms"/>
    /// or by enrollment), or null for a credential of another issuer or an unknown program. A translation is shown as the
    /// issuing organization's translation, beside the signed original, and only when the content is confirmed.
    /// </summary>
    public ProgramText? Program { get; init; }

    /// <summary>The language the credential's own text is written in, when known (its program's, else its own inLanguage).</summary>
    public string? ContentLanguage => Program?.OriginalLanguage ?? View?.Language;

    /// <summary>Whether the data-model notes are shown beside a genuine result.</summary>
    public bool ShowNotes { get; init; } = true;
}
