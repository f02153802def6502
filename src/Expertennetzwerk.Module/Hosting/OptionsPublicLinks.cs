using Expertennetzwerk.Module.Ports;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>
/// The default <see cref="IPublicLinks"/>: the module's routes under <see cref="ExpertennetzwerkOptions.PublicBaseUrl"/>
/// (the ASP.NET Core package maps the same routes). Tokens are URL-safe Base64 and need no escaping.
/// </summary>
internal sealed class OptionsPublicLinks(IOptions<ExpertennetzwerkOptions> options) : IPublicLinks
{
    private Uri Base => options.Value.PublicBaseUrl ?? throw new InvalidOperationException("Expertennetzwerk: PublicBaseUrl is not set.");

    public Uri Order(Guid networkId, Guid orderId) => Build($"expertennetzwerk/orders/{orderId:D}");

    public Uri Rating(Guid networkId, Guid orderId) => Build($"expertennetzwerk/orders/{orderId:D}/rating");

    public Uri Consent(string token) => Build($"expertennetzwerk/consent/{Uri.EscapeDataString(token)}");

    public Uri ConsentWithdrawal(string token) => Build($"expertennetzwerk/consent/withdraw/{Uri.EscapeDataString(token)}");

    public Uri DeadLetters(Guid networkId) => Build("expertennetzwerk/operator/dead-letters");

    private Uri Build(string relative)
    {
        var root = Base.AbsoluteUri.EndsWith('/') ? Base : new Uri(Base.AbsoluteUri + "/");
        return new Uri(root, relative);
    }
}
