namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Declares a form field's length limit on a Razor page handler parameter or a bound property; with
/// <see cref="Clean"/> (the default) the value is also cleaned by <see cref="UserText.Clean"/> before the handler sees it.
/// Passwords and pasted credentials set <c>Clean = false</c>: they are used, not stored as text to show.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class TextFieldAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;

    public bool Clean { get; init; } = true;
}
