using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Expertennetzwerk.Module.AspNetCore.Api.Notifications;

/// <summary>The signed-in user's notification preferences: per kind an immediate mail or the daily digest.</summary>
internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var preferences = api.MapGroup("/notification-preferences").WithTags("Notification preferences");
        preferences.MapGet("/", GetAsync)
            .Produces<NotificationPreferencesResponse>();
        preferences.MapPut("/{kind}", SetAsync)
            .Produces<NotificationPreferencesResponse>();
    }

    private static async Task<IResult> GetAsync(HttpContext http, NotificationPreferences preferences)
    {
        var list = await preferences.GetAsync(ApiRequest.Actor(http), http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, list, items => Results.Ok(Response(items)));
    }

    private static async Task<IResult> SetAsync(string kind, NotificationPreferenceRequest body, HttpContext http, NotificationPreferences preferences)
    {
        // The kind by its name alone (Enum.TryParse would also take numbers and comma-joined names).
        if (Enum.GetNames<NotificationKind>().FirstOrDefault(n => n.Equals(kind, StringComparison.OrdinalIgnoreCase)) is not { } name)
        {
            return ApiOutcomes.Failure(http, Result.Invalid([InputErrors.Unknown("kind")]));
        }

        if (body.Delivery is not { } delivery)
        {
            return ApiOutcomes.Failure(http, Result.Invalid([InputErrors.Required("delivery")]));
        }

        var actor = ApiRequest.Actor(http);
        var set = await preferences.SetAsync(actor, actor.UserId, Enum.Parse<NotificationKind>(name), delivery, http.RequestAborted).ConfigureAwait(false);
        if (!set.IsOk)
        {
            return ApiOutcomes.Failure(http, set);
        }

        var list = await preferences.GetAsync(actor, http.RequestAborted).ConfigureAwait(false);
        return ApiOutcomes.Map(http, list, items => Results.Ok(Response(items)));
    }

    private static NotificationPreferencesResponse Response(IReadOnlyList<NotificationPreferenceView> items) =>
        new(items.Select(p => new NotificationPreferenceResponse(p.Kind, p.Delivery)).ToList());
}
