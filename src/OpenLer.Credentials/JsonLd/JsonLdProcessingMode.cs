namespace OpenLer.Credentials.JsonLd;

/// <summary>JSON-LD API §9.4.3 <c>processingMode</c>.</summary>
public enum JsonLdProcessingMode
{
    JsonLd11,
    JsonLd10,
}
