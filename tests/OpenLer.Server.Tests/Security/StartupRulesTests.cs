using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Tests.Security;

/// <summary>Issue 9 findings 2 and 9: the settings a real deployment refuses to start with, each named in its message.</summary>
public sealed class StartupRulesTests
{
    private static IReadOnlyList<string> Check(string environment, params (string Key, string? Value)[] settings) =>
        StartupRules.Check(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            new HostingEnvironment { EnvironmentName = environment });

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Without_key_ring_protection_a_real_deployment_refuses_to_start(string environment)
    {
        var problem = Assert.Single(Check(environment));
        Assert.Contains("DataProtection:KeyFile", problem, StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificatePath", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_and_insecure_cookies_are_refused_in_production()
    {
        using var key = new TemporaryKeyFile();
        var problems = Check("Production", ("DataProtection:KeyFile", key.Path), ("OpenLer:Demo", "true"), ("OpenLer:AllowInsecureCookies", "true"));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("OpenLer:Demo=true is refused", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OpenLer:AllowInsecureCookies=true is refused", StringComparison.Ordinal));
        Assert.Empty(Check("Production", ("DataProtection:KeyFile", key.Path), ("OpenLer:Demo", "false")));
    }

    [Fact]
    public void A_configured_key_file_or_certificate_must_exist_and_hold_a_key()
    {
        var folder = Directory.CreateTempSubdirectory("openler-rules");
        try
        {
            var shortKey = Path.Combine(folder.FullName, "short.key");
            File.WriteAllText(shortKey, Convert.ToBase64String(new byte[16]));
            Assert.Contains("does not exist", Assert.Single(Check("Production", ("DataProtection:KeyFile", Path.Combine(folder.FullName, "missing.key")))), StringComparison.Ordinal);
            Assert.Contains("DataProtection:KeyFile", Assert.Single(Check("Development", ("DataProtection:KeyFile", shortKey))), StringComparison.Ordinal);
            Assert.Contains("DataProtection:CertificatePath", Assert.Single(Check("Production", ("DataProtection:CertificatePath", Path.Combine(folder.FullName, "missing.pfx")))), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Development_and_tests_start_with_nothing_configured_and_may_run_the_demo()
    {
        Assert.Empty(Check("Development", ("OpenLer:Demo", "true"), ("OpenLer:AllowInsecureCookies", "true")));
        Assert.Empty(Check("Testing"));
    }

    [Fact]
    public void Proxy_addresses_that_do_not_parse_are_refused()
    {
        var problems = Check("Development", ("OpenLer:ForwardedHeaders:KnownProxies", "10.0.0.2, not-an-address"), ("OpenLer:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33"));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'not-an-address' is not an IP address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'10.0.0.0/33' is not a network", StringComparison.Ordinal));
    }
}
