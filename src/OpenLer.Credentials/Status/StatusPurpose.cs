namespace OpenLer.Credentials.Status;

/// <summary>The status purposes this library issues and checks (Bitstring Status List §2.1 statusPurpose).</summary>
public static class StatusPurpose
{
    /// <summary>Permanent: a set bit means the credential is revoked.</summary>
    public const string Revocation = "revocation";

    /// <summary>Temporary: a set bit means the credential is suspended; clearing it reinstates the credential.</summary>
    public const string Suspension = "suspension";

    /// <summary>True for <see cref="Revocation"/> and <see cref="Suspension"/>.</summary>
    public static bool IsSupported(string? purpose) => purpose is Revocation or Suspension;
}
