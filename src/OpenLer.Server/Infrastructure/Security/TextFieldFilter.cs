using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Server-side length limits for every form field of every Razor page (issue 9 hardening: "a length limit on every
/// text field"). A handler parameter or bound property with <see cref="TextFieldAttribute"/> is held to its limit and
/// cleaned (<see cref="UserText.Clean"/>); any other form field to <see cref="TextLimits.Undeclared"/>. A value over
/// its limit answers 400 with a page that says a field is too long; the handler does not run.
/// </summary>
public sealed class TextFieldFilter : IAsyncPageFilter
{
    private const string AntiforgeryField = "__RequestVerificationToken";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // An error page shown for a refused request (413, 429...) must not read that request's form again.
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            await next();
            return;
        }

        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var withinLimits = true;

        foreach (var parameter in context.HandlerMethod?.Parameters ?? [])
        {
            if (parameter.ParameterInfo.GetCustomAttribute<TextFieldAttribute>() is not { } field)
            {
                continue;
            }

            declared.Add(parameter.Name);
            if (context.HandlerArguments.TryGetValue(parameter.Name, out var value))
            {
                withinLimits &= Apply(field, value, cleaned => context.HandlerArguments[parameter.Name] = cleaned);
            }
        }

        foreach (var property in context.HandlerInstance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<TextFieldAttribute>() is { } field && property.CanWrite)
            {
                declared.Add(property.Name);
                withinLimits &= Apply(field, property.GetValue(context.HandlerInstance), cleaned => property.SetValue(context.HandlerInstance, cleaned));
            }
        }

        if (withinLimits && context.HttpContext.Request.HasFormContentType)
        {
            var form = await context.HttpContext.Request.ReadFormAsync(context.HttpContext.RequestAborted);
            withinLimits = form.All(f => f.Key == AntiforgeryField || declared.Contains(f.Key) || f.Value.All(v => (v?.Length ?? 0) <= TextLimits.Undeclared));
        }

        if (!withinLimits)
        {
            StatusReason.Set(context.HttpContext, StatusReason.TextTooLong);
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }

        await next();
    }

    /// <summary>Checks a string or string array against the limit and stores the cleaned value; false when too long.</summary>
    private static bool Apply(TextFieldAttribute field, object? value, Action<object?> store)
    {
        switch (value)
        {
            case string text when text.Length > field.MaxLength:
                return false;
            case string text when field.Clean:
                store(UserText.Clean(text));
                return true;
            case string[] texts when texts.Any(t => t?.Length > field.MaxLength):
                return false;
            case string[] texts when field.Clean:
                store(texts.Select(UserText.Clean).ToArray());
                return true;
            default:
                return true;
        }
    }
}
