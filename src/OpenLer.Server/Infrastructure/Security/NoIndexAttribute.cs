namespace OpenLer.Server.Infrastructure.Security;

/// <summary>The page must not be indexed or its links followed by search engines (<c>X-Robots-Tag: noindex, nofollow</c>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoIndexAttribute : Attribute;
