using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Translator.Api.Configuration;

namespace Translator.Api.Security;

/// <summary>
/// The configured inbound keys, compared in constant time: both sides are hashed first, so
/// neither the content nor the length of a key leaks through timing.
/// </summary>
internal sealed class ApiKeySet
{
    private readonly byte[][] _hashes;

    public ApiKeySet(IOptions<TranslatorOptions> options)
    {
        _hashes = [.. options.Value.Auth.ApiKeys.Select(key => SHA256.HashData(Encoding.UTF8.GetBytes(key)))];
    }

    public bool IsEnabled => _hashes.Length > 0;

    public int Count => _hashes.Length;

    public bool Contains(string candidate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), hash);
        var found = false;
        foreach (var known in _hashes)
        {
            // No early exit: every key is compared.
            found |= CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return found;
    }
}
