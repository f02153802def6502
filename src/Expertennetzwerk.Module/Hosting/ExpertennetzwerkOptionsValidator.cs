using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Hosting;

/// <summary>Checks <see cref="ExpertennetzwerkOptions"/> at start-up and says what to fix.</summary>
internal sealed class ExpertennetzwerkOptionsValidator : IValidateOptions<ExpertennetzwerkOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpertennetzwerkOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAttachmentBytes is < 1 or > 512L * 1024 * 1024)
        {
            failures.Add($"Expertennetzwerk: MaxAttachmentBytes must be between 1 byte and 512 MiB (is {options.MaxAttachmentBytes}).");
        }

        if (options.AllowedAttachmentContentTypes.Count == 0)
        {
            failures.Add("Expertennetzwerk: AllowedAttachmentContentTypes is empty; allow at least one MIME type, e.g. application/pdf.");
        }

        if (options.MaxFormDataLength is < 1_024 or > 16 * 1024 * 1024)
        {
            failures.Add($"Expertennetzwerk: MaxFormDataLength must be between 1 KiB and 16 MiB (is {options.MaxFormDataLength}).");
        }

        if (options.PublicBaseUrl is { } baseUrl && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"Expertennetzwerk: PublicBaseUrl must be an absolute http(s) address such as https://crm.example.org/ (is {baseUrl}).");
        }

        if (options.ConsentLinkLifetime < TimeSpan.FromHours(1) || options.ConsentLinkLifetime > TimeSpan.FromDays(90))
        {
            failures.Add($"Expertennetzwerk: ConsentLinkLifetime must be between 1 hour and 90 days (is {options.ConsentLinkLifetime}).");
        }

        if (options.NotificationDigestHour is < 0 or > 23)
        {
            failures.Add($"Expertennetzwerk: NotificationDigestHour must be an hour between 0 and 23 (is {options.NotificationDigestHour}).");
        }

        if (options.CursorProtectionKey is { } key)
        {
            byte[]? bytes = null;
            try
            {
                bytes = Convert.FromBase64String(key);
            }
            catch (FormatException)
            {
                // reported below
            }

            if (bytes is null || bytes.Length < 32)
            {
                failures.Add("Expertennetzwerk: CursorProtectionKey must be Base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
            }
        }

        failures.AddRange(options.Outbox.Validate());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
