using System.Text.Json;
using Translator.Api.Anthropic;

namespace Translator.Api.Forwarding;

/// <summary>What the call's operation records of a complete Anthropic answer passed on untranslated.</summary>
internal static class AnthropicAnswerFacts
{
    /// <summary>The model, stop reason and usage of a complete answer, read from its top level without building a tree of it.</summary>
    public static (string? Model, string? StopReason, Usage? Usage) Read(ReadOnlySpan<byte> answer)
    {
        string? model = null, stopReason = null;
        Usage? usage = null;
        try
        {
            var reader = new Utf8JsonReader(answer);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var (isModel, isStop, isUsage) = (reader.ValueTextEquals("model"u8), reader.ValueTextEquals("stop_reason"u8), reader.ValueTextEquals("usage"u8));
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    using var document = JsonDocument.ParseValue(ref reader);
                    usage = AnthropicStreamWatcher.Merge(document.RootElement, null);
                }
                else if (reader.TokenType == JsonTokenType.String && isModel)
                {
                    model = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && isStop)
                {
                    stopReason = reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The client gets the answer as it came; the operation goes without what it would have said.
        }

        return (model, stopReason, usage);
    }

}
