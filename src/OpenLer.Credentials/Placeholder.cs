namespace OpenLer.Credentials;

internal static class Placeholder
{
}
