namespace Translator.Api.Anthropic;

/// <summary>A model's <c>capabilities</c> in <c>GET /v1/models</c>: what a client may ask of it here.</summary>
internal sealed record ModelCapabilities(
    Capability Batch,
    Capability Citations,
    Capability CodeExecution,
    ContextManagementCapability ContextManagement,
    EffortCapability Effort,
    Capability ImageInput,
    Capability PdfInput,
    ServerToolsCapability ServerTools,
    Capability StructuredOutputs,
    ThinkingCapability Thinking);
