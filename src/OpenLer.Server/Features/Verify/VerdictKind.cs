namespace OpenLer.Server.Features.Verify;

/// <summary>What a verification result means to a person, each with its own plain headline (issue 11, "Clear results").</summary>
public enum VerdictKind
{
    /// <summary>Every required check passed.</summary>
    Genuine,

    /// <summary>The signature, the issuer's key, a disclosure, the holder or a nested credential failed: changed or forged.</summary>
    NotGenuine,

    /// <summary>Genuine, but the issuer revoked it (Bitstring Status List, purpose revocation).</summary>
    Revoked,

    /// <summary>Genuine, but the issuer suspended it (Bitstring Status List, purpose suspension).</summary>
    Suspended,

    /// <summary>Genuine, but past its validUntil / exp (VC 2.0 §4.9).</summary>
    Expired,

    /// <summary>Genuine, but before its validFrom / nbf (VC 2.0 §4.9).</summary>
    NotYetValid,

    /// <summary>Signed, but by an issuer that is not on this deployment's trust list: anyone could have made it.</summary>
    UnknownIssuer,

    /// <summary>
    /// A practice credential, made for staff training (the achievement's "practice" tag, OpenBadges/PracticeMarker): never
    /// a real credential, whatever its signature; takes precedence over every verdict but a forgery.
    /// </summary>
    Practice,

    /// <summary>A check could not run (unreadable file, unknown status list, issuer unreachable): not a judgement either way.</summary>
    CouldNotCheck,
}
