using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>
/// The links mails carry, generated from the named routes (<see cref="ExpertennetzwerkEndpointNames"/>) under the
/// scheme, host and path base of <see cref="ExpertennetzwerkOptions.PublicBaseUrl"/>. A name no endpoint carries yet
/// falls back to the module's default link.
/// </summary>
internal sealed class RoutePublicLinks(LinkGenerator links, IOptions<ExpertennetzwerkOptions> options) : IPublicLinks
{
    private readonly OptionsPublicLinks _defaults = new(options);

    public Uri Order(Guid networkId, Guid orderId) =>
        Build(ExpertennetzwerkEndpointNames.OrderPage, new RouteValueDictionary { ["orderId"] = orderId.ToString("D") }) ?? _defaults.Order(networkId, orderId);

    public Uri Rating(Guid networkId, Guid orderId) =>
        Build(ExpertennetzwerkEndpointNames.RatingPage, new RouteValueDictionary { ["orderId"] = orderId.ToString("D") }) ?? _defaults.Rating(networkId, orderId);

    public Uri Consent(string token) =>
        Build(ExpertennetzwerkEndpointNames.ConsentPage, new RouteValueDictionary { ["token"] = token }) ?? _defaults.Consent(token);

    public Uri ConsentWithdrawal(string token) =>
        Build(ExpertennetzwerkEndpointNames.ConsentWithdrawalPage, new RouteValueDictionary { ["token"] = token }) ?? _defaults.ConsentWithdrawal(token);

    public Uri DeadLetters(Guid networkId) =>
        Build(ExpertennetzwerkEndpointNames.DeadLettersPage, new RouteValueDictionary()) ?? _defaults.DeadLetters(networkId);

    private Uri? Build(string name, RouteValueDictionary values)
    {
        var root = options.Value.PublicBaseUrl ?? throw new InvalidOperationException("Expertennetzwerk: PublicBaseUrl is not set.");
        var pathBase = root.AbsolutePath.TrimEnd('/');
        var path = links.GetPathByName(name, values, pathBase: new PathString(pathBase.Length == 0 ? null : pathBase));
        return path is null ? null : new Uri(root, path);
    }
}
