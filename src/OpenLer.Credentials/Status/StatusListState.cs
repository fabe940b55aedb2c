using System.Buffers.Binary;
using System.Numerics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Status;

/// <summary>
/// One issuer's status list for one purpose (W3C Bitstring Status List 1.0): the status bits, which indexes are
/// allocated, and the URL of the list credential. Indexes are allocated at random (so an index reveals nothing about
/// issuance order, §6.1) and never reused. Every member is thread-safe; <see cref="Version"/> grows with each change so
/// the owner knows when to re-sign.
/// </summary>
public sealed class StatusListState
{
    private readonly Lock _lock = new();
    private readonly byte[] _bits;
    private readonly byte[] _allocated;
    private readonly RandomNumberGenerator _random;

    /// <summary>A new, empty list.</summary>
    /// <param name="listCredentialId">The URL where the signed BitstringStatusListCredential is published.</param>
    /// <param name="purpose"><see cref="StatusPurpose.Revocation"/> or <see cref="StatusPurpose.Suspension"/>.</param>
    /// <param name="random">The source of index randomness (inject <c>RandomNumberGenerator.Create()</c>).</param>
    /// <param name="length">Entries, a multiple of 8, at least <see cref="BitstringStatusList.MinimumLength"/>.</param>
    public StatusListState(string listCredentialId, string purpose, RandomNumberGenerator random, int length = BitstringStatusList.MinimumLength)
        : this(listCredentialId, purpose, random, new byte[CheckLength(length) / 8], new byte[length / 8], 0)
    {
    }

    private StatusListState(string listCredentialId, string purpose, RandomNumberGenerator random, byte[] bits, byte[] allocated, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(listCredentialId);
        ArgumentNullException.ThrowIfNull(random);
        if (!StatusPurpose.IsSupported(purpose))
        {
            throw new ArgumentException($"Unsupported status purpose '{purpose}'.", nameof(purpose));
        }

        ListCredentialId = listCredentialId;
        Purpose = purpose;
        _random = random;
        _bits = bits;
        _allocated = allocated;
        Version = version;
        AllocatedCount = allocated.Sum(b => BitOperations.PopCount(b));
    }

    /// <summary>Restores a list saved with <see cref="Snapshot"/> (e.g. from the server's database).</summary>
    public static StatusListState Restore(string listCredentialId, string purpose, RandomNumberGenerator random, StatusListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckLength(snapshot.Bits.Length * 8);
        if (snapshot.Allocated.Length != snapshot.Bits.Length)
        {
            throw new ArgumentException("The allocation map and the bitstring differ in length.", nameof(snapshot));
        }

        return new StatusListState(listCredentialId, purpose, random, [.. snapshot.Bits], [.. snapshot.Allocated], snapshot.Version);
    }

    public string ListCredentialId { get; }

    public string Purpose { get; }

    /// <summary>The number of entries (bits).</summary>
    public int Length => _bits.Length * 8;

    /// <summary>How many indexes have been allocated.</summary>
    public int AllocatedCount { get; private set; }

    /// <summary>Grows by one with every allocation or status change.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// Allocates an unused index at random. Returns false when every index is taken (start a new list).
    /// </summary>
    public bool TryAllocate(out int index)
    {
        lock (_lock)
        {
            index = -1;
            if (AllocatedCount >= Length)
            {
                return false;
            }

            // Random probes; a nearly full list falls back to a scan from a random start.
            for (var attempt = 0; attempt < 64; attempt++)
            {
                var candidate = RandomIndex();
                if (!Get(_allocated, candidate))
                {
                    index = candidate;
                    break;
                }
            }

            if (index < 0)
            {
                var start = RandomIndex();
                for (var i = 0; i < Length; i++)
                {
                    var candidate = (start + i) % Length;
                    if (!Get(_allocated, candidate))
                    {
                        index = candidate;
                        break;
                    }
                }
            }

            Set(_allocated, index, true);
            AllocatedCount++;
            Version++;
            return true;
        }
    }

    /// <summary>Whether the status bit at <paramref name="index"/> is set (revoked / suspended).</summary>
    public bool IsSet(int index)
    {
        CheckIndex(index);
        lock (_lock)
        {
            return Get(_bits, index);
        }
    }

    /// <summary>Sets (revoke, suspend) or clears (reinstate) the status bit of an allocated index. Returns true when it changed.</summary>
    public bool SetStatus(int index, bool value)
    {
        CheckIndex(index);
        lock (_lock)
        {
            if (!Get(_allocated, index))
            {
                throw new InvalidOperationException($"Index {index} was never allocated in this list.");
            }

            if (Purpose == StatusPurpose.Revocation && !value && Get(_bits, index))
            {
                throw new InvalidOperationException("Revocation cannot be undone (Bitstring Status List §2.1); use a suspension list.");
            }

            if (Get(_bits, index) == value)
            {
                return false;
            }

            Set(_bits, index, value);
            Version++;
            return true;
        }
    }

    /// <summary>The encodedList value of the current bits (GZIP + multibase base64url).</summary>
    public string Encode()
    {
        lock (_lock)
        {
            return BitstringStatusList.Encode(_bits);
        }
    }

    /// <summary>A consistent copy of the bits, the allocation map and the version, for persistence.</summary>
    public StatusListSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new StatusListSnapshot([.. _bits], [.. _allocated], Version);
        }
    }

    /// <summary>
    /// The <c>credentialStatus</c> entry for <paramref name="index"/> (BitstringStatusListEntry, §2.1): id, type,
    /// statusPurpose, statusListIndex (a base-10 string) and statusListCredential.
    /// </summary>
    public JsonObject CreateEntry(int index)
    {
        CheckIndex(index);
        var text = index.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = ListCredentialId + "#" + text,
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = Purpose,
            ["statusListIndex"] = text,
            ["statusListCredential"] = ListCredentialId,
        };
    }

    private int RandomIndex()
    {
        Span<byte> buffer = stackalloc byte[4];
        var limit = uint.MaxValue - (uint.MaxValue % (uint)Length);
        while (true)
        {
            _random.GetBytes(buffer);
            var value = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            if (value < limit)
            {
                return (int)(value % (uint)Length);
            }
        }
    }

    private void CheckIndex(int index) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Length, nameof(index));

    private static int CheckLength(int length)
    {
        if (length < BitstringStatusList.MinimumLength || length % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"A status list has at least {BitstringStatusList.MinimumLength} entries, a multiple of 8.");
        }

        return length;
    }

    private static bool Get(byte[] bits, int index) => (bits[index >> 3] & (0x80 >> (index & 7))) != 0;

    private static void Set(byte[] bits, int index, bool value)
    {
        if (value)
        {
            bits[index >> 3] |= (byte)(0x80 >> (index & 7));
        }
        else
        {
            bits[index >> 3] &= (byte)~(0x80 >> (index & 7));
        }
    }
}

/// <summary>A saved <see cref="StatusListState"/>: status bits and allocation map (MSB-first) and the version.</summary>
public sealed record StatusListSnapshot(byte[] Bits, byte[] Allocated, long Version);
