using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Tests.Keys;

public sealed class Ed25519SeedTests
{
    [Fact]
    public void Rfc8032_test_1_public_key()
    {
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            Convert.ToHexStringLower(Ed25519Seed.PublicKeyOf(seed).Raw.ToArray()));
    }

    [Fact]
    public void Generated_seeds_give_the_public_key_and_secret_of_a_key_pair_made_from_them()
    {
        for (var i = 0; i < 200; i++)
        {
            var (seed, publicKey) = Ed25519Seed.Generate();
            using var pair = KeyPair.FromPrivateRaw(KeyType.Ed25519, seed).Value;
            Assert.Equal(pair.PublicKey, publicKey);
            Assert.Equal(pair.PublicKey.ToDidKey(), publicKey.ToDidKey());
            Assert.Equal(pair.ExportPrivateMultibase(), Ed25519Seed.ToPrivateMultibase(seed));
        }
    }

    [Fact]
    public void Wrong_seed_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Ed25519Seed.PublicKeyOf(new byte[31]));
        Assert.Throws<ArgumentException>(() => Ed25519Seed.PublicKeyOf(new byte[33]));
    }
}
