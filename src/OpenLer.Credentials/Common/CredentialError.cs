namespace OpenLer.Credentials.Common;

/// <summary>A failure with a stable machine-readable code (see <see cref="Common.ErrorCodes"/>) and a human message.</summary>
public sealed record CredentialError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
