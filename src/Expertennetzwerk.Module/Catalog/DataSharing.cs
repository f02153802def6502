using System.Text.Json;
using System.Text.Json.Serialization;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>
/// What a service version shares with the expert: its <see cref="DataCategory"/>s. Stored as JSON with the version.
/// Only the customer fields the categories name are copied from the host CRM into an order (data minimisation).
/// </summary>
public sealed record DataSharing
{
    private static readonly JsonSerializerOptions JsonOptions = FormDefinition.JsonOptions;

    /// <summary>Nothing shared beyond the customer's name.</summary>
    public static DataSharing None { get; } = new();

    /// <summary>The categories.</summary>
    public IReadOnlyList<DataCategory> Categories { get; init; } = [];

    /// <summary>Every customer field key any category copies.</summary>
    public IReadOnlySet<string> CustomerFields => Categories.SelectMany(c => c.CustomerFields).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when any category's basis is consent (or explicit health consent).</summary>
    public bool NeedsConsent => Categories.Any(c => c.NeedsConsent);

    /// <summary>True when health data are shared (Art. 9 GDPR, § 203 StGB).</summary>
    public bool SharesHealthData => Categories.Any(c => c.LegalBasis == LegalBasis.ExplicitHealthConsent);

    /// <summary>The data subjects whose consent is needed.</summary>
    public IReadOnlySet<DataSubjectKind> SubjectsNeedingConsent =>
        Categories.Where(c => c.NeedsConsent).SelectMany(c => c.DataSubjects).ToHashSet();

    /// <summary>The categories as stored: a JSON array.</summary>
    public string ToJson() => JsonSerializer.Serialize(Categories, JsonOptions);

    /// <summary>Reads the stored JSON array; null with a field error (<c>dataCategories</c>) when it is not one.</summary>
    public static DataSharing? TryParse(string? json, out IReadOnlyList<FieldError> errors)
    {
        errors = [];
        if (string.IsNullOrWhiteSpace(json))
        {
            return None;
        }

        var checkErrors = new List<FieldError>();
        using (var checkedJson = InputJson.Parse(json, "dataCategories", checkErrors))
        {
            if (checkedJson is null)
            {
                errors = checkErrors;
                return null;
            }
        }

        try
        {
            var categories = JsonSerializer.Deserialize<List<DataCategory>>(json, JsonOptions);
            if (categories is null)
            {
                errors = [InputErrors.Malformed("dataCategories")];
                return null;
            }

            return new DataSharing { Categories = categories };
        }
        catch (JsonException)
        {
            errors = [InputErrors.Malformed("dataCategories")];
            return null;
        }
    }

    /// <summary>Every inconsistency: duplicate or empty keys, a missing German label, no data subject.</summary>
    public IReadOnlyList<FieldError> Check()
    {
        var errors = new List<FieldError>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Categories.Count; i++)
        {
            var category = Categories[i];
            var at = $"dataCategories[{i}]";
            if (string.IsNullOrWhiteSpace(category.Key) || !keys.Add(category.Key))
            {
                errors.Add(FormErrors.Definition(at + ".key", "duplicate_or_empty_key", "Kategorieschlüssel fehlt oder ist doppelt.", "Category key is missing or duplicated."));
            }

            if (category.Labels is null || !category.Labels.TryGetValue("de", out var label) || string.IsNullOrWhiteSpace(label))
            {
                errors.Add(FormErrors.Definition(at + ".labels", "label_missing", "Die deutsche Bezeichnung fehlt.", "The German label is missing."));
            }

            if (category.DataSubjects is null || category.DataSubjects.Count == 0)
            {
                errors.Add(FormErrors.Definition(at + ".dataSubjects", "data_subjects_missing", "Bitte die betroffenen Personen angeben.", "Please name the data subjects."));
            }
        }

        return errors;
    }
}
