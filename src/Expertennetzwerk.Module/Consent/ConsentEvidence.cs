using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.Module.Consent;

/// <summary>
/// The evidence a consent keeps (docs/design.md, "Consent and personal data"): the data it covers in a canonical form (the order's shared customer
/// fields and its form data, keys sorted, no whitespace) and SHA-256 hashes. A consent is stale when the order's
/// current data hash differs from the one it was given for; Place forwards exactly the data the hash covers.
/// </summary>
internal static class ConsentEvidence
{
    private const char Separator = '\u001e'; // record separator: cannot occur in the JSON

    private static readonly JsonSerializerOptions CanonicalJson = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The canonical form of the data an order shares: <c>{"customer":{…},"form":{…}}</c> with sorted keys.</summary>
    public static string CanonicalData(ExpertOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return CanonicalData(order.CustomerSnapshotJson, order.FormDataJson);
    }

    /// <summary>The canonical form of a customer snapshot and form data.</summary>
    public static string CanonicalData(string customerSnapshotJson, string formDataJson)
    {
        var root = new JsonObject
        {
            ["customer"] = Sort(JsonNode.Parse(string.IsNullOrWhiteSpace(customerSnapshotJson) ? "{}" : customerSnapshotJson)),
            ["form"] = Sort(JsonNode.Parse(string.IsNullOrWhiteSpace(formDataJson) ? "{}" : formDataJson)),
        };
        return root.ToJsonString(CanonicalJson);
    }

    /// <summary>SHA-256 (lower-case hex) of the canonical data alone: what staleness compares.</summary>
    public static string DataHash(string canonicalData) => Sha256(canonicalData);

    /// <summary>SHA-256 (lower-case hex) over the consent text and the canonical data together: the evidence hash.</summary>
    public static string ContentHash(string text, string canonicalData) => Sha256(text + Separator + canonicalData);

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(item => Sort(item?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
