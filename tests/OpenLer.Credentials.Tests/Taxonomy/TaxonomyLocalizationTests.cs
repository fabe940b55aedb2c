using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

public partial class TaxonomyLocalizationTests
{
    private static readonly SkillTaxonomy BuiltIn = SkillTaxonomy.BuiltIn;

    /// <summary>Latin-script words allowed in Arabic text: proper nouns and abbreviations a reader needs as written.</summary>
    private static readonly HashSet<string> LatinInArabic = new(StringComparer.Ordinal) { "CDL" };

    public static TheoryData<string> TranslatedLanguages => ["es", "ar"];

    [Theory]
    [MemberData(nameof(TranslatedLanguages))]
    public void EverySkillOccupationAndCefrLevel_HasANonEmptyTranslation_DifferentFromEnglish(string language)
    {
        var translation = TaxonomyTranslation.BuiltIn[language];
        Assert.Equal(language, translation.Language);
        Assert.Equal(BuiltIn.Skills.Select(s => s.Code).Order(StringComparer.Ordinal), translation.Skills.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(BuiltIn.Occupations.Select(o => o.Code).Order(StringComparer.Ordinal), translation.Occupations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(CefrScale.Levels.Select(l => l.Code), translation.CefrLevels.Keys.Order(StringComparer.Ordinal));

        foreach (var (english, text) in Pairs(translation))
        {
            AssertWellFormed(text.Name, english.Name);
            AssertWellFormed(text.Description, english.Description);
            Assert.EndsWith(".", text.Description, StringComparison.Ordinal);
        }

        var localized = BuiltIn.Localize(language);
        Assert.All(BuiltIn.Skills, s => Assert.True(localized.IsTranslated(s.Code), $"{language} {s.Code}"));
        Assert.All(BuiltIn.Occupations, o => Assert.True(localized.IsTranslated(o.Code), $"{language} {o.Code}"));
    }

    [Theory]
    [MemberData(nameof(TranslatedLanguages))]
    public void NamesAndDescriptions_AreUniqueWithinALanguage(string language)
    {
        var localized = BuiltIn.Localize(language);
        AssertUnique(localized.Skills.Select(s => s.Name));
        AssertUnique(localized.Skills.Select(s => s.Description));
        AssertUnique(localized.Occupations.Select(o => o.Title));
        AssertUnique(localized.Occupations.Select(o => o.Description));
        AssertUnique(CefrScale.Localize(language).Select(l => l.Name));
    }

    [Fact]
    public void ArabicText_IsInArabicScript_WithLatinOnlyForAllowedProperNouns()
    {
        foreach (var (_, text) in Pairs(TaxonomyTranslation.BuiltIn["ar"]))
        {
            foreach (var value in new[] { text.Name, text.Description })
            {
                Assert.True(ArabicLetter().Count(value) > value.Count(char.IsLetter) / 2, $"mostly Arabic letters expected: {value}");
                Assert.All(LatinWord().Matches(value), m => Assert.Contains(m.Value, LatinInArabic));
                Assert.True(value.IndexOfAny([',', ';', '?']) < 0, $"Arabic text uses the Arabic comma, semicolon and question mark (، ؛ ؟): {value}");
            }
        }
    }

    [Fact]
    public void SpanishText_IsInLatinScript()
    {
        foreach (var (_, text) in Pairs(TaxonomyTranslation.BuiltIn["es"]))
        {
            foreach (var value in new[] { text.Name, text.Description })
            {
                Assert.DoesNotMatch(ArabicLetter(), value);
                Assert.All(value.Where(char.IsLetter), c => Assert.True(c < 'ʰ', $"unexpected letter {c} in {value}"));
            }
        }
    }

    [Theory]
    [InlineData("es", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("ES_us", "es")]
    [InlineData(" es-419 ", "es")]
    [InlineData("ar", "ar")]
    [InlineData("ar-SA", "ar")]
    [InlineData("AR-eg", "ar")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("fa-AF", "en")]
    [InlineData("prs", "en")]
    [InlineData("spanish", "en")]
    [InlineData("e", "en")]
    [InlineData("", "en")]
    [InlineData("   ", "en")]
    [InlineData(null, "en")]
    public void Localize_ResolvesThePrimaryLanguage_AndFallsBackToEnglish(string? tag, string expected)
    {
        var localized = BuiltIn.Localize(tag);
        Assert.Equal(expected, localized.Language);
        Assert.Equal(expected == "ar", localized.IsRightToLeft);
        Assert.Same(localized, BuiltIn.Localize(tag));

        var levels = CefrScale.Localize(tag);
        Assert.Equal(CefrScale.Levels.Select(l => l.Code), levels.Select(l => l.Code));
        Assert.Equal(
            CefrScale.Levels.Select(l => expected == "en" ? l.Name : TaxonomyTranslation.BuiltIn[expected].CefrLevels[l.Code].Name),
            levels.Select(l => l.Name));
    }

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("ar-SA", "ar")]
    [InlineData("fa-AF", "en")]
    [InlineData("", "en")]
    public void Localize_AcceptsACultureInfo(string culture, string expected)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        Assert.Equal(expected, BuiltIn.Localize(info).Language);
        Assert.Equal(CefrScale.Localize(info.Name), CefrScale.Localize(info));
    }

    [Fact]
    public void Languages_ListEnglishFirst()
    {
        Assert.Equal(["en", "ar", "es"], BuiltIn.Languages);
        Assert.Equal(["en", "ar", "es"], CefrScale.Languages);
    }

    [Fact]
    public void Spanish_ShowsTranslatedText_WithTheSameCodesOrderAndSkillLists()
    {
        var es = BuiltIn.Localize("es-MX");
        Assert.Equal("Comprensión de lectura", es.FindSkill("2.A.1.a")?.Name);
        Assert.Equal("Trabajadores de preparación de alimentos", es.FindOccupation("35-2021.00")?.Title);
        Assert.Equal(BuiltIn.Skills.Select(s => s.Code), es.Skills.Select(s => s.Code));
        Assert.Equal(BuiltIn.Occupations.Select(o => o.Code), es.Occupations.Select(o => o.Code));
        Assert.All(BuiltIn.Occupations, o => Assert.Equal(o.SkillCodes, es.FindOccupation(o.Code)!.SkillCodes));

        var cook = es.FindOccupation("35-2014.00")!;
        Assert.Equal(cook.SkillCodes.Select(c => es.FindSkill(c)!.Name), es.SkillsOf(cook).Select(s => s.Name));
        Assert.Equal(es.SkillsOf(cook), es.SkillsOf(BuiltIn.FindOccupation("35-2014.00")!));
        Assert.Equal("Principiante", CefrScale.Localize("es").Single(l => l.Code == "A1").Name);
    }

    [Fact]
    public void Arabic_ShowsTranslatedText()
    {
        var ar = BuiltIn.Localize("ar");
        Assert.Equal("فهم المقروء", ar.FindSkill("2.A.1.a")?.Name);
        Assert.Equal("حراس الأمن", ar.FindOccupation("33-9032.00")?.Title);
        Assert.Equal("مبتدئ", CefrScale.Localize("ar-EG")[0].Name);
    }

    [Fact]
    public void English_IsTheTaxonomyItself_AndCredentialsStayEnglish()
    {
        var en = BuiltIn.Localize("en");
        Assert.Equal(BuiltIn.Skills, en.Skills);
        Assert.Equal(BuiltIn.Occupations.Select(o => (o.Code, o.Title, o.Description)), en.Occupations.Select(o => (o.Code, o.Title, o.Description)));
        Assert.All(BuiltIn.Skills, s => Assert.True(en.IsTranslated(s.Code)));
        Assert.Same(CefrScale.Levels, CefrScale.Localize("en-GB"));

        _ = BuiltIn.Localize("ar");
        Assert.Equal("Reading Comprehension", BuiltIn.FindSkill("2.A.1.a")?.Name);
        Assert.Equal("Reading Comprehension", OpenBadgesAlignment.For(BuiltIn.FindSkill("2.A.1.a")!)["targetName"]?.GetValue<string>());
        Assert.Equal("A1 Beginner", CefrScale.ResultDescription("urn:example:english", "English")["rubricCriterionLevel"]![0]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("translation", StrictJson.Serialize(BuiltIn.ToJson()), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnknownCodes_GiveNull_AndAreNotTranslated()
    {
        var es = BuiltIn.Localize("es");
        Assert.Null(es.FindSkill("2.C.1.a"));
        Assert.Null(es.FindOccupation("00-0000.00"));
        Assert.Null(es.FindSkill(null!));
        Assert.Null(es.FindOccupation(null!));
        Assert.False(es.IsTranslated("2.C.1.a"));
        Assert.False(es.IsTranslated(null!));
        Assert.False(BuiltIn.Localize("en").IsTranslated("00-0000.00"));
        var stranger = new Occupation("99-9999.00", "Stranger", "Not in the taxonomy.", ["2.Z.9.z"]);
        Assert.Throws<ArgumentException>(() => es.SkillsOf(stranger));
    }

    [Fact]
    public void AMissingEntry_FallsBackToEnglish()
    {
        var taxonomy = Loaded();
        var partial = Translation("""{"format":"openler-taxonomy-translation/1","language":"es","skills":{"S1":{"name":"Uno","description":"Primero."}},"occupations":{},"cefrLevels":{}}""");
        var withSpanish = taxonomy.WithTranslations([partial]);
        Assert.True(withSpanish.IsSuccess, withSpanish.Error?.ToString());

        var es = withSpanish.Value.Localize("es-AR");
        Assert.Equal("es", es.Language);
        Assert.Equal(new Skill("S1", "Uno", "Primero."), es.FindSkill("S1"));
        Assert.True(es.IsTranslated("S1"));
        Assert.Equal(new Skill("S2", "Two", "Second"), es.FindSkill("S2"));
        Assert.False(es.IsTranslated("S2"));
        Assert.Equal(("Job", "Does"), (es.FindOccupation("O1")!.Title, es.FindOccupation("O1")!.Description));
        Assert.False(es.IsTranslated("O1"));
        Assert.Equal(["Uno", "Two"], es.SkillsOf(es.FindOccupation("O1")!).Select(s => s.Name));
        Assert.Equal("en", withSpanish.Value.Localize("ar").Language);
    }

    [Fact]
    public void ALoadedTaxonomy_HasOnlyEnglish()
    {
        var taxonomy = Loaded();
        Assert.Equal(["en"], taxonomy.Languages);
        var es = taxonomy.Localize("es");
        Assert.Equal("en", es.Language);
        Assert.Equal(taxonomy.Skills, es.Skills);
        Assert.True(es.IsTranslated("S1"));
    }

    [Theory]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"es","skills":{"S9":{"name":"N","description":"D"}},"occupations":{},"cefrLevels":{}}""", "names skill S9, which is not in the taxonomy")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"es","skills":{},"occupations":{"O9":{"title":"T","description":"D"}},"cefrLevels":{}}""", "names occupation O9, which is not in the taxonomy")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"en","skills":{},"occupations":{},"cefrLevels":{}}""", "is English or appears twice")]
    public void ATranslationForUnknownCodesOrEnglish_IsRejected(string json, string expected)
    {
        var result = Loaded().WithTranslations([Translation(json)]);
        Assert.False(result.IsSuccess);
        Assert.Equal(TaxonomyErrors.InvalidTaxonomy, result.Error.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoTranslationsForOneLanguage_AreRejected()
    {
        var json = """{"format":"openler-taxonomy-translation/1","language":"es","skills":{},"occupations":{},"cefrLevels":{}}""";
        var result = Loaded().WithTranslations([Translation(json), Translation(json)]);
        Assert.False(result.IsSuccess);
        Assert.Contains("appears twice", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format":"other/1","language":"es","skills":{},"occupations":{},"cefrLevels":{}}""", "\"format\" must be")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"es-MX","skills":{},"occupations":{},"cefrLevels":{}}""", "\"language\" must be")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"ES","skills":{},"occupations":{},"cefrLevels":{}}""", "\"language\" must be")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"es","skills":[],"occupations":{},"cefrLevels":{}}""", "\"skills\" must be an object")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"es","skills":{"S1":{"name":"Uno","description":" "}},"occupations":{},"cefrLevels":{}}""", "skills[\"S1\"] must be an object")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"es","skills":{},"occupations":{"O1":{"name":"T","description":"D"}},"cefrLevels":{}}""", "occupations[\"O1\"] must be an object with non-empty \"title\"")]
    [InlineData("""{"format":"openler-taxonomy-translation/1","language":"es","skills":{},"occupations":{}}""", "\"cefrLevels\" must be an object")]
    public void AMalformedTranslation_GivesAClearError(string json, string expected)
    {
        var result = TaxonomyTranslation.FromJson(JsonNode.Parse(json)!.AsObject());
        Assert.False(result.IsSuccess);
        Assert.Equal(TaxonomyErrors.InvalidTaxonomy, result.Error.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    private static SkillTaxonomy Loaded()
    {
        const string json = """
            {"format":"openler-taxonomy/1","name":"Test","source":"Tests",
             "skills":[{"code":"S1","name":"One","description":"First"},{"code":"S2","name":"Two","description":"Second"}],
             "occupations":[{"code":"O1","title":"Job","description":"Does","skills":["S1","S2"]}]}
            """;
        var loaded = SkillTaxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        return loaded.Value;
    }

    private static TaxonomyTranslation Translation(string json)
    {
        var result = TaxonomyTranslation.FromJson(JsonNode.Parse(json)!.AsObject());
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    /// <summary>Each English text (as a name/description pair) with its translation.</summary>
    private static IEnumerable<(TranslatedText English, TranslatedText Text)> Pairs(TaxonomyTranslation translation) =>
    [
        .. BuiltIn.Skills.Select(s => (new TranslatedText(s.Name, s.Description), translation.Skills[s.Code])),
        .. BuiltIn.Occupations.Select(o => (new TranslatedText(o.Title, o.Description), translation.Occupations[o.Code])),
        .. CefrScale.Levels.Select(l => (new TranslatedText(l.Name, l.Description), translation.CefrLevels[l.Code])),
    ];

    private static void AssertWellFormed(string text, string english)
    {
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Equal(text.Trim(), text);
        Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
        Assert.False(string.Equals(text, english, StringComparison.OrdinalIgnoreCase), $"not translated: {english}");
    }

    private static void AssertUnique(IEnumerable<string> values)
    {
        var duplicates = values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(duplicates.Length == 0, "duplicated: " + string.Join(" | ", duplicates));
    }

    [GeneratedRegex(@"\p{IsArabic}")]
    private static partial Regex ArabicLetter();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex LatinWord();
}
