namespace OpenLer.Credentials.JsonLd;

/// <summary>JSON-LD API §5.2 IRI Expansion.</summary>
internal static class IriExpansion
{
    /// <summary>
    /// Expands <paramref name="value"/> to an IRI, blank node identifier or keyword; null for values with the form of
    /// a keyword and for terms defined with <c>"@id": null</c>. <paramref name="frame"/> is set during context
    /// processing, so that terms the value depends on get defined first.
    /// </summary>
    public static string? Expand(ActiveContext active, string? value, bool documentRelative, bool vocab, TermFrame? frame)
    {
        // 1.-2. Keywords, and values reserved as future keywords.
        if (value is null)
        {
            return null;
        }

        if (value.Length > 1 && value[0] == '@')
        {
            if (Keywords.IsKeyword(value))
            {
                return value;
            }

            if (Keywords.HasKeywordForm(value))
            {
                return null;
            }
        }

        // 3. Define the term first when it is in the local context being processed.
        if (frame is not null && frame.NeedsDefinition(value))
        {
            TermDefinitionBuilder.Create(frame, value);
        }

        // 4.-5. Terms.
        if (active.TryGetTerm(value, out var definition))
        {
            if (definition.IriMapping is { } mapping && Keywords.IsKeyword(mapping))
            {
                return mapping;
            }

            if (vocab)
            {
                return definition.IriMapping;
            }
        }

        // 6. Compact IRIs, absolute IRIs and blank node identifiers.
        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            var prefix = value[..colon];
            if (prefix == "_" || string.CompareOrdinal(value, colon + 1, "//", 0, 2) == 0)
            {
                return value;
            }

            if (frame is not null && frame.NeedsDefinition(prefix))
            {
                TermDefinitionBuilder.Create(frame, prefix);
            }

            if (active.TryGetTerm(prefix, out var prefixDefinition) && prefixDefinition.IriMapping is not null && prefixDefinition.IsPrefix)
            {
                return string.Concat(prefixDefinition.IriMapping, value.AsSpan(colon + 1));
            }

            if (Iri.IsAbsolute(value))
            {
                return value;
            }
        }

        // 7. Vocabulary-relative.
        if (vocab && active.Vocab is not null)
        {
            return active.Vocab + value;
        }

        // 8. Document-relative.
        if (documentRelative)
        {
            return Iri.Resolve(active.BaseIri, value);
        }

        return value;
    }
}
