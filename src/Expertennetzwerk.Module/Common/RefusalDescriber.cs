using System.Collections.Frozen;
using System.Reflection;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;

namespace Expertennetzwerk.Module.Common;

/// <summary>
/// The German and English text of every refusal, by its stable code: the module's own (<see cref="OrderRefusals"/>,
/// <see cref="ConsentRefusals"/>, <see cref="MessageRefusals"/>, <see cref="CatalogRefusals"/>,
/// <see cref="NotificationRefusals"/>, <see cref="OutboxRefusals"/>) and those workflow extensions register with
/// <c>AddRefusal(...)</c>. Every refusal a use case answers passes through it, so a host changes a text by deriving
/// from this class, overriding <see cref="Text"/> and registering it with <c>UseRefusalDescriber&lt;T&gt;()</c>.
/// </summary>
public class RefusalDescriber
{
    private static readonly Type[] ModuleRefusals =
        [typeof(OrderRefusals), typeof(ConsentRefusals), typeof(MessageRefusals), typeof(CatalogRefusals), typeof(NotificationRefusals), typeof(OutboxRefusals)];

    private readonly FrozenDictionary<string, Refusal> _byCode;

    /// <summary>Creates the describer over the module's refusals and <paramref name="registered"/> ones (from <c>AddRefusal(...)</c>).</summary>
    /// <exception cref="ArgumentException">A registered code is one of the module's or is registered twice.</exception>
    public RefusalDescriber(IEnumerable<Refusal> registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var byCode = new Dictionary<string, Refusal>(StringComparer.Ordinal);
        foreach (var refusal in ModuleRefusals
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(p => p.PropertyType == typeof(Refusal))
            .Select(p => (Refusal)p.GetValue(null)!))
        {
            byCode[refusal.Code] = refusal; // OrderRefusals.ActorNotPermitted is shared by several features
        }

        foreach (var refusal in registered)
        {
            if (!byCode.TryAdd(refusal.Code, refusal))
            {
                throw new ArgumentException($"The refusal code '{refusal.Code}' is registered twice (or is one of the module's).", nameof(registered));
            }
        }

        _byCode = byCode.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every code known: the module's and the registered ones.</summary>
    public IReadOnlyCollection<string> Codes => _byCode.Keys;

    /// <summary>
    /// The German and English text for <paramref name="code"/>, or null when the code is unknown. Override to change
    /// texts; return <c>base.Text(code)</c> for the codes you keep.
    /// </summary>
    public virtual LocalizedText? Text(string code) => _byCode.TryGetValue(code, out var refusal) ? refusal.Text : null;

    /// <summary>The refusal with <paramref name="code"/> and its text (<see cref="Text"/>), or null when the code is unknown.</summary>
    public Refusal? Find(string code) => Text(code) is { } text ? new Refusal(code, text) : null;

    /// <summary>
    /// <paramref name="refusal"/> with this describer's text for its code; its own text when the describer does not
    /// know the code.
    /// </summary>
    public Refusal Describe(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Text(refusal.Code) is { } text && text != refusal.Text ? refusal with { Text = text } : refusal;
    }

    /// <summary><paramref name="result"/>, its refusal described (<see cref="Describe(Refusal)"/>).</summary>
    internal Result Describe(Result result) =>
        result is { Status: ResultStatus.Refused, Refusal: { } refusal } && Describe(refusal) is var described && !ReferenceEquals(described, refusal)
            ? Result.Refused(described)
            : result;

    /// <summary>A refusal result with the described <paramref name="refusal"/>.</summary>
    internal Result Refused(Refusal refusal) => Result.Refused(Describe(refusal));
}
