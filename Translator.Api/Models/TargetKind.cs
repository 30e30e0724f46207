namespace Translator.Api.Models;

/// <summary>How a route's target answers: translated to an upstream model, or by Claude itself.</summary>
internal enum TargetKind
{
    Translated,
    Claude,
}
