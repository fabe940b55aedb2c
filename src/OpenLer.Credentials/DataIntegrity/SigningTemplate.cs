using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>
/// Signs many documents of one shape with an RDF cryptosuite (eddsa-rdfc-2022, ecdsa-rdfc-2019) faster than
/// <see cref="DataIntegritySigner"/>, with exactly its result. The template is an example document with some string
/// values marked as slots (JSON pointers). <see cref="Prepare"/> converts the example to RDF once, with a random marker
/// in each slot, and notes where each marker lands: as a literal's lexical form (a literal slot: JSON-LD keeps any
/// string there as it is) or as a node IRI (an IRI slot). It also canonicalizes and hashes the proof configuration
/// once (the proof's options and "created" are the template's).
/// <para>
/// <see cref="TrySign"/> then takes a document, checks that it equals the example everywhere but in the slots (same
/// members in the same order, same values; every slot a string), substitutes the slot values into the template's
/// quads and runs only RDFC-1.0, hashing and signing. It returns null — sign with <see cref="DataIntegritySigner"/>
/// instead — when the document differs from the template, or when an IRI slot's value is not an IRI that JSON-LD's
/// IRI expansion (API §5.2.2) would keep as it is: it must have the form of an absolute IRI that is well formed for
/// RDF (§8.1), not start with "@" or "_:", and neither it nor its prefix (before its first colon) may be a member
/// name anywhere in the document's contexts (a superset of their terms: a term or a compact IRI would be rewritten).
/// It also refuses an IRI slot value equal to another IRI of the dataset (nodes would merge).
/// </para>
/// Thread-safe once prepared. The tests compare its output byte for byte with <see cref="DataIntegritySigner"/>'s.
/// </summary>
public sealed class SigningTemplate
{
    private const string MarkerScheme = "urn:x-openler-slot:";
    private const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    private readonly JsonObject _template;
    private readonly string _marker;
    private readonly string[] _pointers;
    private readonly bool[] _iriSlot;
    private readonly Quad[] _quads;
    private readonly (int Quad, int Position, int Slot)[] _uses;
    private readonly HashSet<string> _contextKeys;
    private readonly HashSet<string> _iris;
    private readonly JsonObject _proof;
    private readonly byte[] _proofHash;
    private readonly KeyType _keyType;
    private readonly RdfcOptions _rdfc;

    private SigningTemplate(JsonObject template, string marker, string[] pointers, bool[] iriSlot, Quad[] quads, (int, int, int)[] uses,
        HashSet<string> contextKeys, HashSet<string> iris, JsonObject proof, byte[] proofHash, KeyType keyType)
    {
        _template = template;
        _marker = marker;
        _pointers = pointers;
        _iriSlot = iriSlot;
        _quads = quads;
        _uses = uses;
        _contextKeys = contextKeys;
        _iris = iris;
        _proof = proof;
        _proofHash = proofHash;
        _keyType = keyType;
        _rdfc = RdfcCryptosuite.RdfcFor(keyType);
    }

    /// <summary>The slots, as JSON pointers (RFC 6901), in the order given to <see cref="Prepare"/>.</summary>
    public IReadOnlyList<string> Slots => _pointers;

    /// <summary>Whether each slot is an IRI slot (else a literal slot), in the order of <see cref="Slots"/>.</summary>
    public IReadOnlyList<bool> IriSlots => _iriSlot;

    /// <summary>
    /// Prepares a template from <paramref name="example"/> (not kept: a copy is) with the string values at
    /// <paramref name="slots"/> (JSON pointers) as slots. <paramref name="options"/> must set <see cref="ProofOptions.Created"/>
    /// and no previousProof; the example must have no proof and must already have the context the suite needs. Fails when
    /// the suite is not an RDF suite for <paramref name="keyType"/>, a slot is missing or not a string, a marker does not
    /// land whole in a literal's lexical form or a node IRI (e.g. a slot under an undefined term, or in a type), or the
    /// example cannot be converted to RDF.
    /// </summary>
    public static Outcome<SigningTemplate> Prepare(CryptosuiteRegistry suites, JsonObject example, IReadOnlyList<string> slots, KeyType keyType, ProofOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(options);

        if (suites.FindByName(options.Cryptosuite) is not RdfcCryptosuite suite || !suite.Supports(keyType))
        {
            return Refused($"{options.Cryptosuite} is not an RDF cryptosuite for {keyType} keys.");
        }

        if (options.Created is not { } created || options.PreviousProof is { Count: > 0 })
        {
            return Refused("a template needs a fixed \"created\" and no previousProof.");
        }

        if (example.ContainsKey("proof") || (suite.RequiredContext(example) is { } required && !RdfcCryptosuite.HasContext(example, required)))
        {
            return Refused("the example has a proof or lacks the suite's context.");
        }

        if (HasNestedContext(example, root: true))
        {
            return Refused("the example has a context below its root.");
        }

        var template = (JsonObject)example.DeepClone();
        var marker = MarkerScheme + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ":";
        var pointers = slots.ToArray();
        for (var i = 0; i < pointers.Length; i++)
        {
            if (!Replace(template, pointers[i], marker + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                return Refused($"slot {pointers[i]} is not a string of the example.");
            }
        }

        var dataset = suite.Processor.ToRdf(template, JsonLdOptions.Credential, null, cancellationToken);
        if (!dataset.IsSuccess)
        {
            return dataset.Error;
        }

        // Where each marker landed. Anything else than a whole literal lexical form or a whole subject/object IRI refuses.
        var quads = dataset.Value.Quads.ToArray();
        var kinds = new int[pointers.Length]; // 0 unseen, 1 literal, 2 IRI
        var uses = new List<(int, int, int)>();
        var iris = new HashSet<string>(StringComparer.Ordinal);
        for (var q = 0; q < quads.Length; q++)
        {
            var quad = quads[q];
            for (var position = 0; position < 4; position++)
            {
                var term = Term(quad, position);
                if ((term.Datatype?.Contains(MarkerScheme, StringComparison.Ordinal) ?? false) || (term.Language?.Contains(MarkerScheme, StringComparison.Ordinal) ?? false))
                {
                    return Refused("a slot landed in a datatype or language.");
                }

                if (!term.Value.Contains(MarkerScheme, StringComparison.Ordinal))
                {
                    if (term.IsIri)
                    {
                        iris.Add(term.Value);
                    }

                    continue;
                }

                var slot = SlotOf(term.Value, marker, pointers.Length);
                // A type is expanded vocabulary-relative and selects type-scoped contexts: never a slot.
                var kind = term.IsLiteral && position == 2 ? 1 : term.IsIri && (position == 0 || (position == 2 && quad.Predicate.Value != RdfType)) ? 2 : 0;
                if (slot < 0 || kind == 0 || (kinds[slot] != 0 && kinds[slot] != kind))
                {
                    return Refused("a slot landed elsewhere than whole in a literal or a node IRI.");
                }

                kinds[slot] = kind;
                uses.Add((q, position, slot));
            }
        }

        var missing = Array.IndexOf(kinds, 0);
        if (missing >= 0)
        {
            return Refused($"slot {pointers[missing]} does not appear in the RDF of the example.");
        }

        var contextKeys = suite.Processor.ContextKeys(template["@context"]);
        if (!contextKeys.IsSuccess)
        {
            return contextKeys.Error;
        }

        // The proof configuration: the same proof and the same canonical form as DataIntegritySigner's, once.
        var proof = DataIntegritySigner.NewProof(suite, options, created);
        var rdfc = RdfcCryptosuite.RdfcFor(keyType);
        var canonicalProof = suite.CanonicalizeProofConfiguration(template, proof, rdfc, cancellationToken);
        if (!canonicalProof.IsSuccess)
        {
            return canonicalProof.Error;
        }

        var proofHash = new byte[keyType == KeyType.P384 ? 48 : 32];
        RdfcCryptosuite.HashInto(canonicalProof.Value.Span, proofHash, keyType);
        return new SigningTemplate(template, marker, pointers, [.. kinds.Select(k => k == 2)], quads, [.. uses], contextKeys.Value, iris, proof, proofHash, keyType);
    }

    /// <summary>
    /// Signs <paramref name="document"/> as <see cref="DataIntegritySigner.Sign"/> would with the template's options
    /// (a copy of the document with the proof appended), or returns null when the template does not apply to it (see the
    /// class summary): the caller then signs it with <see cref="DataIntegritySigner"/>. An error is an RDFC-1.0 failure.
    /// </summary>
    public Outcome<JsonObject>? TrySign(JsonObject document, KeyPair key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != _keyType)
        {
            return null;
        }

        var values = new string?[_pointers.Length];
        if (!Match(_template, document, values))
        {
            return null;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null || (_iriSlot[i] && !IsKeptIri(values[i]!, values, i)))
            {
                return null;
            }
        }

        var quads = new Quad[_quads.Length];
        Array.Copy(_quads, quads, quads.Length);
        foreach (var (q, position, slot) in _uses)
        {
            var quad = quads[q];
            var term = Term(quad, position);
            var value = values[slot]!;
            var replaced = term.IsLiteral ? RdfTerm.Literal(value, term.Datatype, term.Language) : RdfTerm.Iri(value);
            quads[q] = position switch
            {
                0 => quad with { Subject = replaced },
                _ => quad with { Object = replaced },
            };
        }

        var canonical = RdfCanonicalizer.Canonicalize(new RdfDataset(quads), _rdfc, cancellationToken);
        if (!canonical.IsSuccess)
        {
            return Outcome.Error(canonical.Error.Code, "The proof could not be created: " + canonical.Error.Message);
        }

        var hashData = new byte[2 * _proofHash.Length];
        _proofHash.CopyTo(hashData, 0);
        RdfcCryptosuite.HashInto(canonical.Value.Utf8NQuads.Span, hashData.AsSpan(_proofHash.Length), _keyType);

        var proof = (JsonObject)_proof.DeepClone();
        proof["proofValue"] = Multibase.EncodeBase58Btc(key.Sign(hashData));
        var secured = (JsonObject)document.DeepClone();
        secured["proof"] = proof;
        return secured;
    }

    /// <summary>
    /// JSON-LD API §5.2.2 keeps the value as it is, whether document- or vocabulary-relative and in any active context
    /// derived from the template's contexts, and §8.1 keeps it in the dataset; it is no other node's IRI.
    /// </summary>
    private bool IsKeptIri(string value, string?[] values, int slot)
    {
        if (value.Length == 0 || value[0] == '@' || Iri.IsBlankNode(value) || !Iri.IsAbsolute(value) || !Iri.IsWellFormedNode(value))
        {
            return false;
        }

        var colon = value.IndexOf(':', 1);
        if (colon <= 0 || _contextKeys.Contains(value) || _contextKeys.Contains(value[..colon]) || _iris.Contains(value) || value.Contains(MarkerScheme, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (i != slot && _iriSlot[i] && string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The document equals the template but in the slots, whose string values go to <paramref name="values"/>.</summary>
    private bool Match(JsonNode? template, JsonNode? node, string?[] values)
    {
        switch (template)
        {
            case null:
                return node is null;
            case JsonObject templateObject:
                if (node is not JsonObject nodeObject || nodeObject.Count != templateObject.Count)
                {
                    return false;
                }

                for (var i = 0; i < templateObject.Count; i++)
                {
                    var (tk, tv) = templateObject.GetAt(i);
                    var (nk, nv) = nodeObject.GetAt(i);
                    if (!string.Equals(tk, nk, StringComparison.Ordinal) || !Match(tv, nv, values))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray templateArray:
                if (node is not JsonArray nodeArray || nodeArray.Count != templateArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < templateArray.Count; i++)
                {
                    if (!Match(templateArray[i], nodeArray[i], values))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValue templateValue:
                if (node is not JsonValue nodeValue)
                {
                    return false;
                }

                var kind = templateValue.GetValueKind();
                if (kind == JsonValueKind.String)
                {
                    var text = templateValue.GetValue<string>();
                    if (nodeValue.GetValueKind() != JsonValueKind.String)
                    {
                        return false;
                    }

                    var given = nodeValue.GetValue<string>();
                    var slot = text.StartsWith(_marker, StringComparison.Ordinal) ? SlotOf(text, _marker, values.Length) : -1;
                    if (slot >= 0)
                    {
                        values[slot] = given;
                        return true;
                    }

                    return string.Equals(text, given, StringComparison.Ordinal);
                }

                // Numbers and literals: the same JSON text (1 and 1.0 expand differently).
                return nodeValue.GetValueKind() == kind && templateValue.ToJsonString() == nodeValue.ToJsonString();
            default:
                return false;
        }
    }

    private static int SlotOf(string value, string marker, int count)
    {
        if (!value.StartsWith(marker, StringComparison.Ordinal) ||
            !int.TryParse(value.AsSpan(marker.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var slot) ||
            slot >= count || value != marker + slot.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return -1;
        }

        return slot;
    }

    private static bool HasNestedContext(JsonNode? node, bool root) => node switch
    {
        JsonObject map => (!root && map.ContainsKey("@context")) || map.Any(p => p.Key != "@context" && HasNestedContext(p.Value, false)),
        JsonArray array => array.Any(item => HasNestedContext(item, false)),
        _ => false,
    };

    private static RdfTerm Term(in Quad quad, int position) => position switch
    {
        0 => quad.Subject,
        1 => quad.Predicate,
        2 => quad.Object,
        _ => quad.Graph,
    };

    /// <summary>Replaces the string at an RFC 6901 pointer; false when there is none.</summary>
    private static bool Replace(JsonObject root, string pointer, string marker)
    {
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            return false;
        }

        var tokens = pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? parent = root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            parent = Child(parent, tokens[i]);
        }

        var last = tokens[^1];
        if (Child(parent, last) is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        switch (parent)
        {
            case JsonObject map:
                map[last] = marker;
                return true;
            case JsonArray array:
                array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = marker;
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject map => map.TryGetPropertyValue(token, out var child) ? child : null,
        JsonArray array when int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
        _ => null,
    };

    private static Outcome<SigningTemplate> Refused(string why) => Outcome.Error(ErrorCodes.ProofGeneration, "No signing template: " + why);
}
