using System.CommandLine;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Cli.Commands;

/// <summary>
/// <c>openler taxonomy import-onet DIR [--out FILE] [--top N]</c>: reads the O*NET text database folder (e.g.
/// <c>db_29_2_text</c>) and writes an OpenLER taxonomy JSON file (<see cref="SkillTaxonomy.Load(Stream)"/> reads it)
/// with every skill, every occupation and each occupation's N most important skills; prints the counts.
/// Without --out the JSON goes to standard output and the counts to standard error. Exit code 1 when the folder or
/// a file is missing or malformed.
/// </summary>
internal static class TaxonomyCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "The O*NET text database folder (Occupation Data.txt, Content Model Reference.txt, Skills.txt)" };
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
            var imported = OnetTextImporter.Import(parse.GetValue(directory)!.FullName, parse.GetValue(top));
            if (!imported.IsSuccess)
            {
                stderr.WriteLine(imported.Error.Message);
                return 1;
            }

            var taxonomy = imported.Value;
            var json = StrictJson.Serialize(taxonomy.ToJson(), indented: true) + "\n";
            var withSkills = taxonomy.Occupations.Count(o => o.SkillCodes.Count > 0);
            var counts = $"{taxonomy.Skills.Count} skills, {taxonomy.Occupations.Count} occupations ({withSkills} with skill ratings)";
            var file = parse.GetValue(output);
            if (file is null)
            {
                stdout.Write(json);
                stderr.WriteLine(counts);
                return 0;
            }

            try
            {
                File.WriteAllText(file.FullName, json);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"Could not write {file.FullName}: {e.Message}");
                return 1;
            }

            stdout.WriteLine($"{counts} written to {file.FullName}");
            return 0;
        });

        return new Command("taxonomy", "Skills and occupations taxonomies (O*NET)") { import };
    }
}
