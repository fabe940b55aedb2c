using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Tests.Organizations;

/// <summary>An organization's published addresses are written and read back by one type, and nothing else is taken for one.</summary>
public sealed class OrganizationAddressesTests
{
    private static readonly DeploymentOptions Deployment = new() { PublicHost = "ler.example.org" };

    [Fact]
    public void A_did_web_reads_back_to_its_slug()
    {
        var did = OrganizationAddresses.DidWeb(Deployment, "irc");
        Assert.Equal("did:web:ler.example.org:orgs:irc", did);
        Assert.Equal("irc", OrganizationAddresses.SlugOfDidWeb(Deployment, did));
    }

    [Theory]
    [InlineData("did:web:other.example.org:orgs:irc")]
    [InlineData("did:web:ler.example.org:orgs:irc:keys")]
    [InlineData("did:web:ler.example.org:orgs:")]
    [InlineData("did:web:ler.example.org:irc")]
    [InlineData("did:web:ler.example.org:orgs:irc#key-1")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData(null)]
    public void Other_identifiers_are_not_taken_for_an_organization_of_this_deployment(string? did) =>
        Assert.Null(OrganizationAddresses.SlugOfDidWeb(Deployment, did));

    [Fact]
    public void Without_a_public_host_there_is_no_did_web()
    {
        var local = new DeploymentOptions();
        Assert.Null(OrganizationAddresses.SlugOfDidWeb(local, "did:web:ler.example.org:orgs:irc"));
        Assert.ThrowsAny<ArgumentException>(() => OrganizationAddresses.DidWeb(local, "irc"));
    }

    [Fact]
    public void A_status_list_address_reads_back_and_other_urls_do_not()
    {
        var address = new StatusListAddress("irc", "revocation", 3);
        var url = address.Url(Deployment);
        Assert.Equal(Deployment.BaseUrl + "/orgs/irc/status/revocation/3", url);
        Assert.Equal(address, StatusListAddress.Parse(Deployment, url));
        Assert.Null(StatusListAddress.Parse(Deployment, Deployment.BaseUrl + "/orgs/irc/status/revocation/0"));
        Assert.Null(StatusListAddress.Parse(Deployment, Deployment.BaseUrl + "/orgs/irc/did.json"));
        Assert.Null(StatusListAddress.Parse(Deployment, "https://elsewhere.example/orgs/irc/status/revocation/3"));
    }

    [Fact]
    public void An_achievement_id_is_under_its_organization()
    {
        var id = Guid.Parse("0b0e6a0e-5f55-4c3e-9d3a-2c1f5e7a9b10");
        Assert.Equal(Deployment.BaseUrl + "/orgs/irc/programs/0b0e6a0e-5f55-4c3e-9d3a-2c1f5e7a9b10", OrganizationAddresses.Achievement(Deployment, "irc", id));
    }
}
