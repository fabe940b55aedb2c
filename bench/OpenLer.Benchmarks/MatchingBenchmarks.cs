using BenchmarkDotNet.Attributes;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Benchmarks;

/// <summary>
/// Issue 12's matching targets: rank 200,000 applicant profiles for one vacancy (under 50 ms) and 10,000 vacancies for one
/// profile (under 20 ms). Synthetic but realistic data from the embedded O*NET table, the same on every run (a seeded
/// xorshift generator): each vacancy is a rated O*NET occupation's 5-15 most important skills with the categories
/// <see cref="SkillProposals"/> suggests; each applicant is drawn from an occupation too, with 0-20 verified and 0-20
/// self-reported skills, mostly that occupation's skills and some at random, applying over 30 days; 10% disclose work
/// authorization, and one vacancy in five requires it. Ranking rotates over 16 vacancies (or 16 profiles).
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private const int Rotation = 16;
    private ApplicantIndex _applicants = null!;
    private VacancyIndex _vacancyIndex = null!;
    private Vacancy[] _vacancies = null!;
    private ApplicantProfile[] _profiles = null!;
    private byte[] _onet = null!;
    private int _next;

    [Params(200_000)]
    public int Applicants { get; set; }

    [Params(10_000)]
    public int Vacancies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var db = OnetDatabase.BuiltIn;
        var random = new XorShift(20261207);
        var rated = db.Occupations.Where(o => o.Ratings.Count > 0).ToArray();
        var codes = SkillVocabulary.Default.Codes;
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        var vacancies = new List<(string, Vacancy)>(Vacancies);
        for (var i = 0; i < Vacancies; i++)
        {
            var occupation = rated[random.Next(rated.Length)];
            var proposals = SkillProposals.For(db, occupation.Code, SkillProposalOptions.Default with { IncludeKnowledge = random.Next(2) == 0 }).Value;
            var count = Math.Min(proposals.Count, 5 + random.Next(11));
            var skills = proposals.Take(count).Select(p => VacancySkill.Of(p.Element.Id, p.Suggested ?? SkillCategory.NiceToHave));
            vacancies.Add(("v" + i, Vacancy.Create(skills, requiresWorkAuthorization: random.Next(5) == 0).Value));
        }

        _vacancyIndex = VacancyIndex.Build(vacancies);
        _vacancies = [.. vacancies.Take(Rotation).Select(v => v.Item2)];

        var profiles = new ApplicantProfile[Applicants];
        for (var i = 0; i < profiles.Length; i++)
        {
            var occupation = rated[random.Next(rated.Length)];
            var own = occupation.Ratings.OrderByDescending(r => r.Importance ?? 0m).Select(r => r.ElementId).ToArray();
            string[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => random.Next(4) == 0 ? codes[random.Next(codes.Count)] : own[random.Next(Math.Min(own.Length, 25))])];
            var verified = Draw(random.Next(21));
            profiles[i] = ApplicantProfile.Create(
                "a" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                t0.AddSeconds(random.Next(30 * 24 * 3600)),
                verified.Length == 0 ? [] : [new CredentialEvidence("urn:uuid:c" + i, "did:web:cbo.example", true, verified)],
                Draw(random.Next(21)),
                random.Next(10) == 0 ? true : null);
        }

        _applicants = ApplicantIndex.Build(profiles);
        _profiles = profiles[..Rotation];

        using var buffer = new MemoryStream();
        db.WriteTo(buffer);
        _onet = buffer.ToArray();
    }

    [Benchmark(Description = "Rank 200,000 applicants for one vacancy")]
    public ApplicantRanking RankApplicants() => _applicants.Rank(_vacancies[_next++ % Rotation]);

    [Benchmark(Description = "Rank 200,000 applicants and explain the first 20")]
    public IReadOnlyList<ApplicantMatch> RankAndExplainFirstPage() => _applicants.Rank(_vacancies[_next++ % Rotation]).Explain(0, 20);

    [Benchmark(Description = "Rank 10,000 vacancies for one profile")]
    public VacancyRanking RankVacancies() => _vacancyIndex.Rank(_profiles[_next++ % Rotation]);

    [Benchmark(Description = "Occupation search (\"nurse aide\", 20 results)")]
    public IReadOnlyList<OccupationMatch> SearchOccupations() => OnetDatabase.BuiltIn.Search.Find("nurse aide");

    [Benchmark(Description = "Load the O*NET table (Brotli + JSON, cold)")]
    public OnetDatabase LoadOnet() => OnetDatabase.Load(new MemoryStream(_onet)).Value;

    /// <summary>A seeded xorshift64* generator: the same synthetic data on every run.</summary>
    private sealed class XorShift(ulong seed)
    {
        private ulong _state = seed == 0 ? 1 : seed;

        public int Next(int bound)
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return (int)((_state * 0x2545F4914F6CDD1DUL >> 33) % (ulong)bound);
        }
    }
}
