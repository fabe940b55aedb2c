using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Cli.Commands;

/// <summary>
/// <c>openler taxonomy import-onet DIR [--out FILE] [--top N]</c>: loads the O*NET text database folder (e.g.
/// <c>db_29_2_text</c>: Occupation Data, Alternate Titles, Skills, Knowledge, Job Zones, Content Model Reference) and
/// writes an OpenLER taxonomy JSON file (<see cref="SkillTaxonomy.Load(Stream)"/> reads it) with every skill, every
/// occupation and each occupation's N most important skills; prints the counts. Without --out the JSON goes to standard
/// output and the counts to standard error. <c>build-onet DIR OUT</c> writes the compact O*NET table the library embeds
/// (<see cref="OnetDatabase"/>); <c>search</c> and <c>propose</c> query the embedded table. Exit code 1 when a folder,
/// file or code is missing or malformed.
/// </summary>
internal static class TaxonomyCommand
{
    public static Command Create() => new("taxonomy", "Skills and occupations taxonomies (O*NET)")
    {
        CreateImport(),
        CreateBuild(),
        CreateSearch(),
        CreatePropose(),
    };

    private static Argument<DirectoryInfo> DirectoryArgument() => new("dir")
    {
        Description = "The O*NET text database folder (Occupation Data.txt, Alternate Titles.txt, Skills.txt, Knowledge.txt, Job Zones.txt, Content Model Reference.txt)",
    };

    private static Command CreateImport()
    {
        var directory = DirectoryArgument();
        var output = new Option<FileInfo?>("--out") { Description = "Write the taxonomy JSON here instead of standard output" };
        var top = new Option<int>("--top")
        {
            Description = "How many of its most important skills each occupation lists",
            DefaultValueFactory = _ => OnetTextImporter.DefaultTopSkills,
        };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 35)
            {
                result.AddError("--top must be from 1 to 35");
            }
        });
        var import = new Command("import-onet", "Import the O*NET text database into an OpenLER taxonomy JSON file") { directory, output, top };
        import.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var folder = parse.GetValue(directory)!;
            var imported = OnetTextImporter.ImportDatabase(folder.FullName);
            var derived = imported.Then(database => OnetTextImporter.ToTaxonomy(database, folder.Name, parse.GetValue(top)));
            if (!derived.IsSuccess)
            {
                stderr.WriteLine(derived.Error.Message);
                return 1;
            }

            var taxonomy = derived.Value;
            var json = StrictJson.Serialize(taxonomy.ToJson(), indented: true) + "\n";
            var withSkills = taxonomy.Occupations.Count(o => o.SkillCodes.Count > 0);
            var counts = $"{taxonomy.Skills.Count} skills, {taxonomy.Occupations.Count} occupations ({withSkills} with skill ratings)";
            var also = $"; also read {Counts(imported.Value)}";
            var file = parse.GetValue(output);
            if (file is null)
            {
                stdout.Write(json);
                stderr.WriteLine(counts + also);
                return 0;
            }

            if (Write(file, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json)), stderr) is { } failed)
            {
                return failed;
            }

            stdout.WriteLine($"{counts} written to {file.FullName}{also}");
            return 0;
        });
        return import;
    }

    private static Command CreateBuild()
    {
        var directory = DirectoryArgument();
        var output = new Argument<FileInfo>("out") { Description = "Where to write the compact table (src/OpenLer.Credentials/Taxonomy/onet.json.br is the embedded one)" };
        var build = new Command("build-onet", "Build the compact O*NET table (Brotli-compressed JSON) that the library embeds") { directory, output };
        build.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var imported = OnetTextImporter.ImportDatabase(parse.GetValue(directory)!.FullName);
            if (!imported.IsSuccess)
            {
                stderr.WriteLine(imported.Error.Message);
                return 1;
            }

            var file = parse.GetValue(output)!;
            if (Write(file, imported.Value.WriteTo, stderr) is { } failed)
            {
                return failed;
            }

            file.Refresh();
            stdout.WriteLine($"O*NET {imported.Value.Release}: {Counts(imported.Value)}; {file.Length:N0} bytes written to {file.FullName}");
            return 0;
        });
        return build;
    }

    private static Command CreateSearch()
    {
        var query = new Argument<string>("query") { Description = "Words of a job title, e.g. \"nurse aide\" or \"cafe cook\" (case and accents ignored), or the start of an O*NET-SOC code" };
        var limit = new Option<int>("--limit") { Description = "At most this many results", DefaultValueFactory = _ => OccupationSearch.DefaultLimit };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--limit must be from 1 to 1000");
            }
        });
        var search = new Command("search", "Find O*NET occupations by title and alternate title (embedded O*NET table); prints JSON lines") { query, limit };
        search.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            foreach (var match in OnetDatabase.BuiltIn.Search.Find(parse.GetValue(query), parse.GetValue(limit)))
            {
                stdout.WriteLine(StrictJson.Serialize(new JsonObject
                {
                    ["code"] = match.Occupation.Code,
                    ["title"] = match.Occupation.Title,
                    ["matchedTitle"] = match.MatchedTitle,
                    ["alternateTitle"] = match.IsAlternateTitle,
                    ["jobZone"] = match.Occupation.JobZone,
                }));
            }

            return 0;
        });
        return search;
    }

    private static Command CreatePropose()
    {
        var code = new Argument<string>("code") { Description = "An O*NET-SOC occupation code, e.g. 35-2021.00" };
        var knowledge = new Option<bool>("--knowledge") { Description = "List and propose knowledge areas (2.C) too" };
        var propose = new Command("propose", "List an occupation's O*NET skills, most important first, with a suggested category (embedded O*NET table); prints JSON lines") { code, knowledge };
        propose.SetAction(parse =>
        {
            var proposals = SkillProposals.For(OnetDatabase.BuiltIn, parse.GetValue(code)!, SkillProposalOptions.Default with { IncludeKnowledge = parse.GetValue(knowledge) });
            if (!proposals.IsSuccess)
            {
                parse.InvocationConfiguration.Error.WriteLine(proposals.Error.Message);
                return 1;
            }

            foreach (var skill in proposals.Value)
            {
                parse.InvocationConfiguration.Output.WriteLine(StrictJson.Serialize(new JsonObject
                {
                    ["code"] = skill.Element.Id,
                    ["name"] = skill.Element.Name,
                    ["importance"] = skill.Importance,
                    ["level"] = skill.Level,
                    ["importanceScore"] = skill.ImportanceScore,
                    ["levelScore"] = skill.LevelScore,
                    ["suggested"] = skill.Suggested switch
                    {
                        SkillCategory.MustHave => "must-have",
                        SkillCategory.Important => "important",
                        SkillCategory.NiceToHave => "nice-to-have",
                        _ => null,
                    },
                }));
            }

            return 0;
        });
        return propose;
    }

    private static string Counts(OnetDatabase database) => string.Create(CultureInfo.InvariantCulture,
        $"{database.Elements.Count(e => e.Domain == OnetDomain.Knowledge)} knowledge areas, "
        + $"{database.Occupations.Sum(o => o.AlternateTitles.Count)} alternate titles, "
        + $"{database.Occupations.Count(o => o.JobZone is not null)} occupations with a Job Zone, "
        + $"{database.Occupations.Sum(o => o.Ratings.Count)} skill and knowledge ratings");

    /// <summary>Writes to a temporary file beside <paramref name="file"/> and moves it into place, so a failure leaves nothing half-written.</summary>
    private static int? Write(FileInfo file, Action<Stream> write, TextWriter stderr)
    {
        var temporary = file.FullName + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
            }

            File.Move(temporary, file.FullName, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the message below names the file that could not be written.
            }

            stderr.WriteLine($"Could not write {file.FullName}: {e.Message}");
            return 1;
        }
    }
}
