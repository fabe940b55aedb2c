using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli.Commands;

/// <summary>
/// <c>openler match VACANCY.json DIR [--trust DID]... [--url URL=FILE]... [--did-web DID=FILE]... [--context URL=FILE]...
/// [--now INSTANT]</c>: ranks the applicants in DIR for a vacancy with the matching engine (issue 12). Every sub-folder
/// of DIR is one applicant (the folder name is its id): each file in it is a credential in any format the verifier reads,
/// except <c>self-reported.json</c> (<c>{"skills": ["2.B.5.a", ...]}</c>). A credential counts as verified only if it
/// verifies at --now (default: the current time), including its status list, and its issuer is named with --trust
/// (none named: nothing counts as verified). Prints a JSON array, best first: <c>{"applicant", "score", "mustHaveMet",
/// "skills": [{"code", "evidence": "verified|self-reported|missing", "credentials": [...]}]}</c>. Exit code 0; 1 when
/// a file could not be read (reported on standard error; the other files still count, the ranking is printed); 2 for a
/// bad vacancy, a missing folder or a bad option (nothing printed).
/// </summary>
internal static class MatchCommand
{
    /// <summary>The file of an applicant folder that holds self-reported skills.</summary>
    public const string SelfReportedFile = "self-reported.json";

    public static Command Create()
    {
        var vacancy = new Argument<FileInfo>("vacancy") { Description = "VACANCY.json: {\"skills\":[{\"code\":\"2.A.1.b\",\"weight\":3,\"mustHave\":true}, ...]} (weight 1 nice-to-have, 2 important, 3 must-have)" };
        var directory = new Argument<DirectoryInfo>("dir") { Description = "A folder with one sub-folder per applicant, holding credential files and optionally self-reported.json ({\"skills\":[\"2.B.5.a\", ...]})" };
        var trust = new Option<string[]>("--trust") { Description = "A trusted issuer (DID or URL), repeatable; a credential from any other issuer counts 0" };
        var didWeb = new Option<string[]>("--did-web") { Description = "Use FILE as the document of a did:web: DID=FILE (repeatable)" };
        var urls = new Option<string[]>("--url") { Description = "Use FILE as the document at an https URL (status list, issuer profile, key document): URL=FILE (repeatable)" };
        var contexts = new Option<string[]>("--context") { Description = "Accept FILE as the JSON-LD context at URL (e.g. the CLR 2.0 context): URL=FILE (repeatable)" };
        var network = new Option<bool>("--allow-network") { Description = "Fetch did:web documents, status lists and issuer profiles over HTTPS (public addresses only)" };
        var now = new Option<string?>("--now") { Description = "Verify as at this instant (ISO 8601, e.g. 2026-06-01T00:00:00Z) instead of the current time" };
        var command = new Command("match", "Rank applicants' credentials against a vacancy's O*NET skills, explained per skill") { vacancy, directory, trust, didWeb, urls, contexts, network, now };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(vacancy)!, parse.GetValue(directory)!, parse.GetValue(trust) ?? [], parse.GetValue(didWeb) ?? [], parse.GetValue(urls) ?? [],
            parse.GetValue(contexts) ?? [], parse.GetValue(network), parse.GetValue(now), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo vacancyFile, DirectoryInfo directory, string[] trusted, string[] didWebMappings, string[] urlMappings,
        string[] contextMappings, bool allowNetwork, string? now, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!vacancyFile.Exists)
        {
            stderr.WriteLine($"Vacancy file not found: {vacancyFile.FullName}");
            return 2;
        }

        var vacancy = VacancyFile.Read(await File.ReadAllBytesAsync(vacancyFile.FullName, cancellationToken).ConfigureAwait(false));
        if (!vacancy.IsSuccess)
        {
            stderr.WriteLine($"{vacancyFile.Name}: {vacancy.Error.Message}");
            return 2;
        }

        if (!directory.Exists)
        {
            stderr.WriteLine($"Applicants folder not found: {directory.FullName}");
            return 2;
        }

        TimeProvider clock = TimeProvider.System;
        if (now is not null)
        {
            if (!DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            {
                stderr.WriteLine($"--now must be an ISO 8601 instant such as 2026-06-01T00:00:00Z: {now}");
                return 2;
            }

            clock = new FixedTimeProvider(instant);
        }

        var didWebDocuments = VerifyCommand.ReadMappings("--did-web", "DID", didWebMappings, stderr);
        var urlDocuments = VerifyCommand.ReadMappings("--url", "URL", urlMappings, stderr);
        var contextDocuments = VerifyCommand.ReadMappings("--context", "URL", contextMappings, stderr);
        if (didWebDocuments is null || urlDocuments is null || contextDocuments is null)
        {
            return 2;
        }

        if (trusted.Length == 0)
        {
            stderr.WriteLine("No --trust issuer named: no credential counts as verified (self-reported skills still count half).");
        }

        using var fetcher = allowNetwork ? new SafeHttpsFetcher() : null;
        var created = VerifierFactory.TryCreate(new VerifierSettings
        {
            DidWebDocuments = didWebDocuments,
            UrlDocuments = urlDocuments,
            Network = fetcher,
            Contexts = contextDocuments,
            TimeProvider = clock,
            TrustList = new IssuerAllowList(trusted),
        });
        if (!created.IsSuccess)
        {
            stderr.WriteLine($"--context: {created.Error}");
            return 2;
        }

        var unreadable = false;
        var profiles = new List<ApplicantProfile>();
        foreach (var folder in directory.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var (profile, problems) = await ReadApplicantAsync(folder, created.Value, stderr, cancellationToken).ConfigureAwait(false);
            unreadable |= problems;
            profiles.Add(profile);
        }

        var ranked = SkillMatcher.Rank(vacancy.Value, profiles);
        stdout.WriteLine(StrictJson.Serialize(new JsonArray([.. ranked.Select(ToJson)]), indented: true));
        return unreadable ? 1 : 0;
    }

    private static async Task<(ApplicantProfile Profile, bool Unreadable)> ReadApplicantAsync(DirectoryInfo folder, CredentialVerifier verifier, TextWriter stderr, CancellationToken cancellationToken)
    {
        var unreadable = false;
        var credentials = new List<CredentialEvidence>();
        var selfReported = new List<string>();
        FileInfo[] files;
        try
        {
            files = [.. folder.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            stderr.WriteLine($"{folder.Name}: unreadable folder ({e.Message}); the applicant is ranked without evidence.");
            files = [];
            unreadable = true;
        }

        foreach (var file in files)
        {
            var label = folder.Name + "/" + file.Name;
            if (file.Name == SelfReportedFile)
            {
                if (ReadSelfReported(file) is { } skills)
                {
                    selfReported.AddRange(skills);
                }
                else
                {
                    stderr.WriteLine($"{label}: unreadable: expected {{\"skills\": [\"2.B.5.a\", ...]}} (O*NET element IDs as strings); ignored.");
                    unreadable = true;
                }

                continue;
            }

            VerificationResult result;
            try
            {
                result = file.Length > BakedBadge.MaxImageBytes
                    ? VerificationResult.Failed(CheckNames.Format, ErrorCodes.DocumentTooLarge, $"larger than {BakedBadge.MaxImageBytes} bytes")
                    : await verifier.VerifyAsync(await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result = VerificationResult.Failed(CheckNames.Format, ErrorCodes.JsonParse, e.Message);
            }

            var document = result.Credential?.Document;
            if (document is null || result[CheckNames.Format] is { Status: not CheckStatus.Passed })
            {
                var problem = result.FirstProblem;
                stderr.WriteLine($"{label}: unreadable: not a credential the verifier reads ({problem?.Code}: {problem?.Message}); ignored.");
                unreadable = true;
                continue;
            }

            var alignments = AlignmentExtractor.Extract(document);
            if (!result.Verified)
            {
                var problem = result.FirstProblem;
                stderr.WriteLine($"{label}: not verified ({problem?.Name}: {problem?.Code}: {problem?.Message}); its {alignments.SkillCodes.Count} skill(s) count 0.");
            }

            credentials.Add(alignments.ToEvidence(result.Verified, label));
        }

        var profile = ApplicantProfile.Create(folder.Name, DateTimeOffset.UnixEpoch, credentials, selfReported);
        foreach (var code in profile.IgnoredSelfReported)
        {
            stderr.WriteLine($"{folder.Name}/{SelfReportedFile}: \"{VacancyFile.Shorten(code)}\" is not an O*NET skill or knowledge element ID; ignored.");
        }

        return (profile, unreadable);
    }

    private static List<string>? ReadSelfReported(FileInfo file)
    {
        try
        {
            if (file.Length > JsonLimits.DefaultMaxBytes)
            {
                return null;
            }

            var parsed = StrictJson.ParseObject(File.ReadAllBytes(file.FullName));
            if (!parsed.IsSuccess || parsed.Value["skills"] is not JsonArray array)
            {
                return null;
            }

            var skills = new List<string>(array.Count);
            foreach (var item in array)
            {
                if (item is not JsonValue value || !value.TryGetValue<string>(out var code))
                {
                    return null;
                }

                skills.Add(code);
            }

            return skills;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static JsonObject ToJson(ApplicantMatch match) => new()
    {
        ["applicant"] = match.ApplicationId,
        ["score"] = match.Score,
        ["mustHaveMet"] = match.MustHaveMet,
        ["skills"] = new JsonArray([.. match.Skills.Select(s => (JsonNode)new JsonObject
        {
            ["code"] = s.Code,
            ["evidence"] = s.Evidence switch
            {
                EvidenceKind.Verified => "verified",
                EvidenceKind.SelfReported => "self-reported",
                _ => "missing",
            },
            ["credentials"] = new JsonArray([.. s.Proofs.Select(p => (JsonNode)JsonValue.Create(p.CredentialId))]),
        })]),
    };
}
