using System.Text.Json.Serialization.Metadata;
using Expertennetzwerk.Module.AspNetCore.Api.Administration;
using Expertennetzwerk.Module.AspNetCore.Api.Catalog;
using Expertennetzwerk.Module.AspNetCore.Api.DeadLetters;
using Expertennetzwerk.Module.AspNetCore.Api.Messages;
using Expertennetzwerk.Module.AspNetCore.Api.Notifications;
using Expertennetzwerk.Module.AspNetCore.Api.Orders;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>
/// The source-generated JSON contexts of the API's features (one internal context per feature, camelCase, enums as
/// strings), put in front of the host's HTTP JSON options by <c>AddAspNetCore()</c>. A new feature adds its context here.
/// </summary>
internal static class ApiJson
{
    public static IReadOnlyList<IJsonTypeInfoResolver> Contexts { get; } =
    [
        OrdersJsonContext.Default,
        CatalogJsonContext.Default,
        MessagesJsonContext.Default,
        NotificationsJsonContext.Default,
        AdministrationJsonContext.Default,
        DeadLettersJsonContext.Default,
    ];
}
