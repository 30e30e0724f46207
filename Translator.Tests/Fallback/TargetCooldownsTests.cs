using Microsoft.Extensions.Time.Testing;
using Translator.Api.Fallback;
using Translator.Tests.Infrastructure;

namespace Translator.Tests.Fallback;

/// <summary>A target that answered 429 with a reset rests until then, and only until then.</summary>
public sealed class TargetCooldownsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_target_rests_until_its_reset_then_serves_again()
    {
        var cooldowns = new TargetCooldowns(_clock);

        cooldowns.Cool("gpt-5.5", _clock.GetUtcNow().AddMinutes(10), "Codex usage limit reached (plan plus)");

        Assert.True(cooldowns.IsCooling("gpt-5.5", out var cooldown));
        Assert.Equal("Codex usage limit reached (plan plus)", cooldown.Headline);
        Assert.False(cooldowns.IsCooling("gpt-5.4", out _));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(cooldowns.IsCooling("gpt-5.5", out _));
    }

    [Fact]
    public void The_latest_reset_replaces_an_earlier_one()
    {
        var cooldowns = new TargetCooldowns(_clock);
        cooldowns.Cool("gpt-5.5", _clock.GetUtcNow().AddMinutes(1), "first");

        cooldowns.Cool("gpt-5.5", _clock.GetUtcNow().AddMinutes(30), "second");
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(cooldowns.IsCooling("gpt-5.5", out var cooldown));
        Assert.Equal("second", cooldown.Headline);
    }

    [Fact]
    public void The_registry_is_bounded_and_makes_room_from_ended_rests()
    {
        var cooldowns = new TargetCooldowns(_clock);
        for (var i = 0; i < TargetCooldowns.MaxTargets; i++)
        {
            Assert.True(cooldowns.Cool($"claude:model-{i}", _clock.GetUtcNow().AddMinutes(i < 10 ? 1 : 60), "limit"));
        }

        Assert.False(cooldowns.Cool("one-too-many", _clock.GetUtcNow().AddMinutes(5), "limit"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(cooldowns.Cool("one-too-many", _clock.GetUtcNow().AddMinutes(5), "limit"));
        Assert.True(cooldowns.IsCooling("one-too-many", out _));
    }

    [Fact]
    public void Asking_about_a_target_allocates_nothing()
    {
        var cooldowns = new TargetCooldowns(_clock);
        Assert.Equal(0, Allocations.Of(() => cooldowns.IsCooling("gpt-5.5", out _)));

        cooldowns.Cool("gpt-5.4", _clock.GetUtcNow().AddMinutes(5), "limit");
        Assert.Equal(0, Allocations.Of(() => cooldowns.IsCooling("gpt-5.5", out _)));
        Assert.Equal(0, Allocations.Of(() => cooldowns.IsCooling("gpt-5.4", out _)));
    }

    [Fact]
    public async Task Requests_on_many_threads_see_one_consistent_registry()
    {
        var cooldowns = new TargetCooldowns(_clock);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                cooldowns.Cool($"target-{i % 16}", _clock.GetUtcNow().AddMinutes(1), "limit");
                cooldowns.IsCooling($"target-{(i + t) % 16}", out _);
            }
        })));

        Assert.All(Enumerable.Range(0, 16), i => Assert.True(cooldowns.IsCooling($"target-{i}", out _)));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.All(Enumerable.Range(0, 16), i => Assert.False(cooldowns.IsCooling($"target-{i}", out _)));
    }
}
