using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>Checks <see cref="ExpertennetzwerkAspNetCoreOptions"/> at start-up and says what to fix.</summary>
internal sealed class ExpertennetzwerkAspNetCoreOptionsValidator : IValidateOptions<ExpertennetzwerkAspNetCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpertennetzwerkAspNetCoreOptions options) =>
        options.DefaultNetworkId == Guid.Empty
            ? ValidateOptionsResult.Fail("Expertennetzwerk (ASP.NET Core): DefaultNetworkId is the empty Guid; leave it unset or give the network's id.")
            : ValidateOptionsResult.Success;
}
