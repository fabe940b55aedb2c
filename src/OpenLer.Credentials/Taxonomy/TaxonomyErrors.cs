namespace OpenLer.Credentials.Taxonomy;

/// <summary>Stable error codes of the taxonomy loader and the O*NET importer.</summary>
public static class TaxonomyErrors
{
    /// <summary>A taxonomy JSON file is not valid JSON or does not have the expected shape.</summary>
    public const string InvalidTaxonomy = "INVALID_TAXONOMY_ERROR";

    /// <summary>A file the O*NET importer needs is missing or cannot be read.</summary>
    public const string MissingFile = "ONET_FILE_MISSING_ERROR";

    /// <summary>An O*NET file is present but its header or a row is not as the O*NET text database defines it.</summary>
    public const string MalformedFile = "ONET_FILE_MALFORMED_ERROR";

    /// <summary>An O*NET-SOC occupation code or O*NET element ID that the O*NET table does not have.</summary>
    public const string UnknownCode = "UNKNOWN_ONET_CODE_ERROR";

    /// <summary>Skill proposal thresholds that are out of range or not in order.</summary>
    public const string InvalidThresholds = "INVALID_PROPOSAL_THRESHOLDS_ERROR";
}
