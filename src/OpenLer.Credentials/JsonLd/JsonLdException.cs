using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// Raised inside the JSON-LD algorithms, whose recursion makes an error value awkward to thread through every step;
/// it never leaves the library: <see cref="JsonLdProcessor"/> turns it into a <see cref="CredentialError"/>.
/// <see cref="Name"/> is the spec's error name (<see cref="JsonLdErrorNames"/>) or a safe-mode event name,
/// <see cref="Code"/> the stable code from <see cref="ErrorCodes"/>.
/// </summary>
internal sealed class JsonLdException : Exception
{
    public JsonLdException(string name, string detail, string? code = null)
        : base($"{name}: {detail}")
    {
        Name = name;
        Code = code ?? CodeFor(name);
    }

    public JsonLdException()
        : this(JsonLdErrorNames.LimitExceeded, "unspecified")
    {
    }

    public JsonLdException(string message)
        : this(JsonLdErrorNames.LimitExceeded, message)
    {
    }

    public JsonLdException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = JsonLdErrorNames.LimitExceeded;
        Code = ErrorCodes.JsonLdProcessing;
    }

    public string Name { get; }

    public string Code { get; }

    public CredentialError ToError() => new(Code, Message);

    private static string CodeFor(string name) => name switch
    {
        JsonLdErrorNames.ProtectedTermRedefinition => ErrorCodes.ProtectedTermRedefinition,
        JsonLdErrorNames.RecursiveContextInclusion => ErrorCodes.RecursiveContextInclusion,
        JsonLdErrorNames.ContextOverflow => ErrorCodes.ContextOverflow,
        JsonLdErrorNames.LimitExceeded => ErrorCodes.JsonLdLimitExceeded,
        _ => ErrorCodes.JsonLdProcessing,
    };
}
