using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>Checks <see cref="ExpertennetzwerkAspNetCoreOptions"/> at start-up and says what to fix.</summary>
internal sealed class ExpertennetzwerkAspNetCoreOptionsValidator : IValidateOptions<ExpertennetzwerkAspNetCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpertennetzwerkAspNetCoreOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultNetworkId == Guid.Empty)
        {
            failures.Add("Expertennetzwerk (ASP.NET Core): DefaultNetworkId is the empty Guid; leave it unset or give the network's id.");
        }

        CheckLink(nameof(options.CustomersUrl), options.CustomersUrl, failures);
        CheckLink(nameof(options.SignInUrl), options.SignInUrl, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A link the pages render as <c>href</c>: a path of the host ("/crm/customers") or an absolute http(s) address.</summary>
    internal static bool IsLink(string value) =>
        (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.StartsWith("/\\", StringComparison.Ordinal)
            && !value.Any(char.IsWhiteSpace) && !value.Any(char.IsControl))
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    private static void CheckLink(string option, string? value, List<string> failures)
    {
        if (value is not null && !IsLink(value))
        {
            failures.Add($"Expertennetzwerk (ASP.NET Core): {option} must be a path of the host starting with one \"/\" (e.g. \"/crm/customers\") or an absolute http(s) address; leave it unset for no link.");
        }
    }
}
