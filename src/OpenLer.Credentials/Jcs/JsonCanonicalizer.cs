using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Jcs;

/// <summary>
/// JSON Canonicalization Scheme (RFC 8785): members sorted by UTF-16 code units (§3.2.3), strings with the minimal
/// escapes of §3.2.2.2, numbers as ECMAScript prints them (§3.2.2.3), no whitespace, UTF-8 output.
/// </summary>
public static class JsonCanonicalizer
{
    public static byte[] Canonicalize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string CanonicalizeToString(JsonNode? node) =>
        System.Text.Encoding.UTF8.GetString(Canonicalize(node));

    public static void Write(JsonNode? node, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (node)
        {
            case null:
                WriteAscii(output, "null");
                break;
            case JsonObject obj:
                WriteObject(obj, output, []);
                break;
            case JsonArray array:
                WriteAscii(output, "[");
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteAscii(output, ",");
                    }

                    Write(array[i], output);
                }

                WriteAscii(output, "]");
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
        }
    }

    /// <summary>
    /// Canonicalizes <paramref name="obj"/> with some top-level members removed or replaced (added when absent), without
    /// copying the object. Data Integrity uses this to hash a document without its proof (or with only the proofs a chained
    /// proof covers), and a proof without its proofValue and with the document's @context.
    /// </summary>
    public static byte[] CanonicalizeObject(JsonObject obj, params ReadOnlySpan<MemberOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteObject(obj, buffer, overrides);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteObject(JsonObject obj, IBufferWriter<byte> output, ReadOnlySpan<MemberOverride> overrides)
    {
        var members = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(obj.Count + overrides.Length);
        var count = 0;
        Span<bool> used = overrides.Length <= 16 ? stackalloc bool[overrides.Length] : new bool[overrides.Length];
        try
        {
            var i = 0;
            foreach (var member in obj)
            {
                var overridden = false;
                for (var o = 0; o < overrides.Length; o++)
                {
                    if (overrides[o].Name == member.Key)
                    {
                        used[o] = true;
                        overridden = true;
                        if (!overrides[o].Remove)
                        {
                            members[i++] = new(member.Key, overrides[o].Value);
                        }

                        break;
                    }
                }

                if (!overridden)
                {
                    members[i++] = member;
                }
            }

            for (var o = 0; o < overrides.Length; o++)
            {
                if (!used[o] && !overrides[o].Remove)
                {
                    members[i++] = new(overrides[o].Name, overrides[o].Value);
                }
            }

            count = i;

            // §3.2.3: sort by the UTF-16 code units of the names (ordinal comparison of .NET strings).
            Array.Sort(members, 0, count, MemberComparer.Instance);
            WriteAscii(output, "{");
            for (i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    WriteAscii(output, ",");
                }

                WriteString(members[i].Key, output);
                WriteAscii(output, ":");
                Write(members[i].Value, output);
            }

            WriteAscii(output, "}");
        }
        finally
        {
            Array.Clear(members, 0, count);
            ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(members);
        }
    }

    private static void WriteValue(JsonValue value, IBufferWriter<byte> output)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(value.GetValue<string>(), output);
                break;
            case JsonValueKind.Number:
                WriteAscii(output, EcmaScriptNumber.Format(value.GetValue<double>()));
                break;
            case JsonValueKind.True:
                WriteAscii(output, "true");
                break;
            case JsonValueKind.False:
                WriteAscii(output, "false");
                break;
            default:
                WriteAscii(output, "null");
                break;
        }
    }

    /// <summary>RFC 8785 §3.2.2.2: escape only '"', '\\' and controls; \b \t \n \f \r short forms; others \u00xx.</summary>
    private static void WriteString(string s, IBufferWriter<byte> output)
    {
        var max = (s.Length * 6) + 2;
        var span = output.GetSpan(max);
        var n = 0;
        span[n++] = (byte)'"';
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < 0x80)
            {
                switch (c)
                {
                    case '"': span[n++] = (byte)'\\'; span[n++] = (byte)'"'; break;
                    case '\\': span[n++] = (byte)'\\'; span[n++] = (byte)'\\'; break;
                    case '\b': span[n++] = (byte)'\\'; span[n++] = (byte)'b'; break;
                    case '\t': span[n++] = (byte)'\\'; span[n++] = (byte)'t'; break;
                    case '\n': span[n++] = (byte)'\\'; span[n++] = (byte)'n'; break;
                    case '\f': span[n++] = (byte)'\\'; span[n++] = (byte)'f'; break;
                    case '\r': span[n++] = (byte)'\\'; span[n++] = (byte)'r'; break;
                    default:
                        if (c < 0x20)
                        {
                            span[n++] = (byte)'\\';
                            span[n++] = (byte)'u';
                            span[n++] = (byte)'0';
                            span[n++] = (byte)'0';
                            span[n++] = (byte)"0123456789abcdef"[c >> 4];
                            span[n++] = (byte)"0123456789abcdef"[c & 0xf];
                        }
                        else
                        {
                            span[n++] = (byte)c;
                        }

                        break;
                }
            }
            else
            {
                // Non-ASCII: UTF-8 as is. Lone surrogates cannot reach here (StrictJson refuses them); encode as U+FFFD if they do.
                var run = i;
                while (run < s.Length && s[run] >= 0x80)
                {
                    run++;
                }

                n += System.Text.Encoding.UTF8.GetBytes(s.AsSpan(i, run - i), span[n..]);
                i = run - 1;
            }
        }

        span[n++] = (byte)'"';
        output.Advance(n);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string s)
    {
        var span = output.GetSpan(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            span[i] = (byte)s[i];
        }

        output.Advance(s.Length);
    }

    private sealed class MemberComparer : IComparer<KeyValuePair<string, JsonNode?>>
    {
        public static readonly MemberComparer Instance = new();

        public int Compare(KeyValuePair<string, JsonNode?> x, KeyValuePair<string, JsonNode?> y) =>
            string.CompareOrdinal(x.Key, y.Key);
    }
}
