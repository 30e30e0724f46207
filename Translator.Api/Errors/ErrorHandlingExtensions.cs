using Microsoft.AspNetCore.Diagnostics;
using Translator.Api.Anthropic;

namespace Translator.Api.Errors;

/// <summary>
/// The last line of defence: whatever fails outside the handlers' own error paths still answers
/// in the Anthropic envelope, never with a stack trace or an empty body.
/// </summary>
internal static partial class ErrorHandlingExtensions
{
    public static IApplicationBuilder UseAnthropicErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Translator.Api.Errors");
                if (exception is BadHttpRequestException badRequest)
                {
                    return ApiErrorResult.WriteAsync(context, ApiError.ForStatus(badRequest.StatusCode, $"The request could not be read: {badRequest.Message}"));
                }

                Log.Unhandled(logger, exception);
                return ApiErrorResult.WriteAsync(context, ApiError.Internal("The translator failed while handling this request; see its log for the request id."));
            },
        });

        // Unknown routes and wrong methods get an envelope too.
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            var message = status switch
            {
                404 => $"No route for {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.",
                405 => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                _ => $"The request failed with status {status}.",
            };
            return ApiErrorResult.WriteAsync(context.HttpContext, ApiError.ForStatus(status, message));
        });

        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Unhandled exception")]
        public static partial void Unhandled(ILogger logger, Exception? exception);
    }
}
