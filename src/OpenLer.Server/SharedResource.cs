namespace OpenLer.Server;

/// <summary>Marker type for the user-interface strings (Resources/SharedResource.*.resx).</summary>
#pragma warning disable CA1052 // a marker for IStringLocalizer<T>, never instantiated
public sealed class SharedResource;
#pragma warning restore CA1052
