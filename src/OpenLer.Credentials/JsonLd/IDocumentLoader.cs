using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// Dereferences the URL of a JSON-LD context (JSON-LD API §9.4.4 <c>LoadDocumentCallback</c>, synchronous because every
/// document the product accepts is already in memory). An implementation must not touch the network unless it was
/// explicitly built to; <see cref="ContextDocumentLoader"/> serves only pinned, hash-checked contexts.
/// Documents returned must not be modified afterwards: the processor caches them and what it derives from them.
/// </summary>
public interface IDocumentLoader
{
    /// <summary>Returns the document or an error whose code says why (unknown, refused, integrity failure...).</summary>
    Outcome<RemoteDocument> LoadDocument(string url);
}
