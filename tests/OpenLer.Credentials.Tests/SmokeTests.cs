namespace OpenLer.Credentials.Tests;

public class SmokeTests
{
    [Fact]
    public void Skip_Works() => Assert.Skip("checking skip");

    [Fact]
    public void Adds() => Assert.Equal(2, 1 + 1);
}
