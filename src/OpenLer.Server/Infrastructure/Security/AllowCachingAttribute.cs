namespace OpenLer.Server.Infrastructure.Security;

/// <summary>The endpoint's responses are public and may be cached: <see cref="ResponsePolicies"/> leaves Cache-Control alone.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowCachingAttribute : Attribute;
