using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Status;

public class BitstringStatusListTests
{
    [Fact]
    public void EncodeDecode_RoundTripsAndUsesMultibaseGzip()
    {
        var bits = new byte[BitstringStatusList.MinimumLength / 8];
        bits[0] = 0x80; // index 0
        bits[^1] = 0x01; // last index
        var encoded = BitstringStatusList.Encode(bits);
        Assert.StartsWith("uH4sI", encoded, StringComparison.Ordinal); // 'u' + base64url of the GZIP magic 1f 8b 08
        var decoded = BitstringStatusList.Decode(encoded);
        Assert.True(decoded.IsSuccess);
        Assert.Equal(bits, decoded.Value);
        Assert.Equal(1, BitstringStatusList.ReadMsbFirst(decoded.Value, 0));
        Assert.Equal(0, BitstringStatusList.ReadMsbFirst(decoded.Value, 1));
        Assert.Equal(1, BitstringStatusList.ReadMsbFirst(decoded.Value, BitstringStatusList.MinimumLength - 1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zH4sIAAAA")]
    [InlineData("u!!!")]
    [InlineData("uAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Decode_MalformedIsAnError(string? encoded)
    {
        var decoded = BitstringStatusList.Decode(encoded);
        Assert.False(decoded.IsSuccess);
        Assert.Equal(ErrorCodes.StatusVerification, decoded.Error!.Code);
    }

    [Fact]
    public void Decode_RefusesAGzipBomb()
    {
        var huge = new byte[BitstringStatusList.MaxDecodedBytes + 1];
        var decoded = BitstringStatusList.Decode(BitstringStatusList.Encode(huge));
        Assert.False(decoded.IsSuccess);
        Assert.Contains("decompresses to more than", decoded.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecExamples_DecodeAsDocumented()
    {
        var folder = SharedFolder.VectorsOrSkip("bitstring-status-list");
        var examples = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "spec-examples.json")))!["examples"]!.AsArray();
        var checkedCount = 0;
        foreach (var example in examples.OfType<JsonObject>().Where(e => e["decodedEncodedList"] is not null))
        {
            var expected = example["decodedEncodedList"]!;
            var encoded = (string)example["json"]!["credentialSubject"]!["encodedList"]!;
            var decoded = BitstringStatusList.Decode(encoded);
            Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
            Assert.Equal((int)expected["bitstringBytes"]!, decoded.Value.Length);
            var setBits = Enumerable.Range(0, decoded.Value.Length * 8).Where(i => BitstringStatusList.ReadMsbFirst(decoded.Value, i) == 1);
            Assert.Equal(expected["bitsSet"]!.AsArray().Select(b => (int)b!), setBits);
            checkedCount++;
        }

        Assert.True(checkedCount >= 2, "the spec examples with encodedList were not found");
    }

    [Fact]
    public void Allocate_IsRandomUniqueAndStopsWhenFull()
    {
        var state = new StatusListState("https://cbo.example/status/r/1", StatusPurpose.Revocation, RandomNumberGenerator.Create());
        var seen = new HashSet<int>();
        while (state.TryAllocate(out var index))
        {
            Assert.True(seen.Add(index), $"index {index} allocated twice");
        }

        Assert.Equal(BitstringStatusList.MinimumLength, seen.Count);
        Assert.Equal(state.Length, state.AllocatedCount);
        Assert.False(state.TryAllocate(out _));
    }

    [Fact]
    public void Allocate_FirstIndexesAreNotSequential()
    {
        var state = new StatusListState("https://cbo.example/status/r/1", StatusPurpose.Revocation, RandomNumberGenerator.Create());
        var first = Enumerable.Range(0, 32).Select(_ => state.TryAllocate(out var i) ? i : -1).ToArray();
        Assert.NotEqual(Enumerable.Range(first[0], 32), first);
        Assert.True(first.Max() - first.Min() > 1000, "32 random indexes out of 131,072 should spread out");
    }

    [Fact]
    public void Revocation_IsPermanent_SuspensionIsReversible()
    {
        var random = RandomNumberGenerator.Create();
        var revocation = new StatusListState("https://cbo.example/status/r/1", StatusPurpose.Revocation, random);
        Assert.True(revocation.TryAllocate(out var r));
        Assert.True(revocation.SetStatus(r, true));
        Assert.False(revocation.SetStatus(r, true));
        Assert.True(revocation.IsSet(r));
        Assert.Throws<InvalidOperationException>(() => revocation.SetStatus(r, false));

        var suspension = new StatusListState("https://cbo.example/status/s/1", StatusPurpose.Suspension, random);
        Assert.True(suspension.TryAllocate(out var s));
        Assert.True(suspension.SetStatus(s, true));
        Assert.True(suspension.SetStatus(s, false));
        Assert.False(suspension.IsSet(s));
        Assert.Throws<InvalidOperationException>(() => suspension.SetStatus((s + 1) % suspension.Length, true)); // never allocated
    }

    [Fact]
    public void ConcurrentRevocations_LoseNoUpdate()
    {
        var state = new StatusListState("https://cbo.example/status/r/1", StatusPurpose.Revocation, RandomNumberGenerator.Create());
        var indexes = Enumerable.Range(0, 4000).Select(_ => state.TryAllocate(out var i) ? i : throw new InvalidOperationException()).ToArray();
        var versionBefore = state.Version;
        Parallel.ForEach(indexes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, index =>
        {
            Assert.True(state.SetStatus(index, true));
            _ = state.Encode(); // re-encoding while others write must not tear the list
        });
        Assert.Equal(versionBefore + indexes.Length, state.Version);
        var decoded = BitstringStatusList.Decode(state.Encode()).Value;
        var set = Enumerable.Range(0, state.Length).Where(i => BitstringStatusList.ReadMsbFirst(decoded, i) == 1).ToHashSet();
        Assert.True(set.SetEquals(indexes));
    }

    [Fact]
    public void TwoIssuersAllocatingAtOnce_StayUniqueWithinEachList()
    {
        var registry = new StatusListRegistry(RandomNumberGenerator.Create(), (issuer, purpose) => $"https://{issuer[8..]}.example/status/{purpose}");
        var issuers = new[] { "did:web:cbo-one", "did:web:cbo-two" };
        var allocated = issuers.ToDictionary(i => i, _ => new System.Collections.Concurrent.ConcurrentBag<int>());
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var issuer = issuers[n % 2];
            Assert.True(registry.GetOrCreate(issuer, StatusPurpose.Revocation).TryAllocate(out var index));
            allocated[issuer].Add(index);
        });
        foreach (var issuer in issuers)
        {
            Assert.Equal(10_000, allocated[issuer].Distinct().Count());
            Assert.Equal(10_000, registry.GetOrCreate(issuer, StatusPurpose.Revocation).AllocatedCount);
        }

        Assert.NotSame(registry.GetOrCreate(issuers[0], StatusPurpose.Revocation), registry.GetOrCreate(issuers[1], StatusPurpose.Revocation));
        Assert.NotSame(registry.GetOrCreate(issuers[0], StatusPurpose.Revocation), registry.GetOrCreate(issuers[0], StatusPurpose.Suspension));
    }

    [Fact]
    public void SnapshotRestore_KeepsBitsAllocationAndVersion()
    {
        var random = RandomNumberGenerator.Create();
        var state = new StatusListState("https://cbo.example/status/r/1", StatusPurpose.Revocation, random);
        Assert.True(state.TryAllocate(out var a));
        state.SetStatus(a, true);
        var restored = StatusListState.Restore(state.ListCredentialId, state.Purpose, random, state.Snapshot());
        Assert.True(restored.IsSet(a));
        Assert.Equal(state.Version, restored.Version);
        Assert.Equal(1, restored.AllocatedCount);
        Assert.Equal(state.Encode(), restored.Encode());
    }

    [Fact]
    public void CreateEntry_IsABitstringStatusListEntry()
    {
        var state = new StatusListState("https://cbo.example/status/r/1", StatusPurpose.Revocation, RandomNumberGenerator.Create());
        Assert.True(state.TryAllocate(out var index));
        var entry = state.CreateEntry(index);
        Assert.Equal("BitstringStatusListEntry", (string?)entry["type"]);
        Assert.Equal("revocation", (string?)entry["statusPurpose"]);
        Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)entry["statusListIndex"]);
        Assert.Equal("https://cbo.example/status/r/1", (string?)entry["statusListCredential"]);
        Assert.Equal("https://cbo.example/status/r/1#" + index, (string?)entry["id"]);
    }

    [Fact]
    public void Length_BelowTheHerdPrivacyMinimumIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new StatusListState("https://cbo.example/s", StatusPurpose.Revocation, RandomNumberGenerator.Create(), 1024));

}
