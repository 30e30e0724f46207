using System.Collections.Concurrent;

namespace Translator.Api.Fallback;

/// <summary>
/// The targets resting after a 429 that said when the limit resets, by target name
/// (<c>CallTarget.Name</c>), so that the turns of a session do not each pay a refused call before
/// the next target serves them. One for the application, shared by every request.
/// </summary>
/// <remarks>
/// Only a rate limit with a reset rests a target. A missing or expired login does not: CLIProxyAPI
/// answers it at once without calling the provider (a refused login rests there for 30 minutes and
/// is answered <c>auth_unavailable</c> locally), so trying it costs a millisecond, and a user who has
/// just logged in gets the first target back at the next request rather than after a rest. A 5xx
/// is passing by nature, and says no time. A route of one target does not skip it (see
/// <c>MessagesHandler</c>): there is no other target to spare a refused call for.
/// The hot path (nothing resting, the usual case) reads one integer; a lookup reads the
/// dictionary without locks or allocation. Names on the Claude route carry the client's model
/// name, so the registry is bounded: when full, ended rests are dropped, and if none has ended a
/// new one is not kept (that target is simply tried again).
/// </remarks>
internal sealed class TargetCooldowns(TimeProvider time)
{
    public const int MaxTargets = 256;

    private readonly ConcurrentDictionary<string, Cooldown> _cooling = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Whether <paramref name="target"/> is resting now, and until when.</summary>
    public bool IsCooling(string target, out Cooldown cooldown)
    {
        cooldown = default;
        if (Volatile.Read(ref _count) == 0 || !_cooling.TryGetValue(target, out cooldown))
        {
            return false;
        }

        if (cooldown.Until > time.GetUtcNow())
        {
            return true;
        }

        Forget(target, cooldown);
        cooldown = default;
        return false;
    }

    /// <summary>Rests <paramref name="target"/> until <paramref name="until"/> (the latest word replaces an earlier one).</summary>
    /// <returns>Whether the rest is kept: false when the registry is full of rests still running.</returns>
    public bool Cool(string target, DateTimeOffset until, string headline)
    {
        var cooldown = new Cooldown(until, headline);
        if (_cooling.ContainsKey(target))
        {
            _cooling[target] = cooldown;
            return true;
        }

        if (Volatile.Read(ref _count) >= MaxTargets)
        {
            DropEnded();
            if (Volatile.Read(ref _count) >= MaxTargets)
            {
                return false;
            }
        }

        if (_cooling.TryAdd(target, cooldown))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _cooling[target] = cooldown;
        }

        return true;
    }

    private void DropEnded()
    {
        var now = time.GetUtcNow();
        foreach (var (target, cooldown) in _cooling)
        {
            if (cooldown.Until <= now)
            {
                Forget(target, cooldown);
            }
        }
    }

    /// <summary>Removes the rest if it is still this one (a newer one written meanwhile stays).</summary>
    private void Forget(string target, Cooldown cooldown)
    {
        if (_cooling.TryRemove(KeyValuePair.Create(target, cooldown)))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
