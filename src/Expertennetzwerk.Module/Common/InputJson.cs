using System.Text.Json;

namespace Expertennetzwerk.Module.Common;

/// <summary>
/// Reads JSON a user sends (form data, a form definition, data categories, templates) so that whatever is accepted can
/// be read back later: not valid JSON or nested deeper than 64 levels → <c>malformed</c>; a name twice in one object,
/// at any depth → <c>duplicate_key</c> (<see cref="JsonDocument"/> accepts it, but every later read of the stored data
/// would throw); a name or string with a character <see cref="InputText"/> refuses → <c>invalid_character</c>.
/// </summary>
internal static class InputJson
{
    /// <summary>
    /// The parsed document (the caller disposes it), or null after adding the errors under <paramref name="field"/>.
    /// With <paramref name="errorsPerTopLevelKey"/> a bad string inside a top-level property is reported at
    /// <c>{field}.{key}</c> (a form field).
    /// </summary>
    public static JsonDocument? Parse(string json, string field, ICollection<FieldError> errors, bool errorsPerTopLevelKey = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (InputText.HasInvalidCharacter(json))
        {
            // Outside a string a control character is malformed JSON anyway; a lone surrogate would not even transcode.
            errors.Add(InputErrors.InvalidCharacter(field));
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            errors.Add(InputErrors.Malformed(field));
            return null;
        }

        var problems = new List<FieldError>();
        Walk(document.RootElement, field, field, errorsPerTopLevelKey ? field : null, problems);
        if (problems.Count == 0)
        {
            return document;
        }

        document.Dispose();
        foreach (var problem in problems.DistinctBy(p => (p.Field, p.Code)))
        {
            errors.Add(problem);
        }

        return null;
    }

    private static void Walk(JsonElement element, string root, string field, string? perKeyField, List<FieldError> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (ReadName(property) is not { } name)
                    {
                        problems.Add(InputErrors.InvalidCharacter(field));
                        continue;
                    }

                    if (!names.Add(name))
                    {
                        problems.Add(InputErrors.DuplicateKey(root));
                    }

                    // Only the top level's names become field keys; deeper down errors stay with that field.
                    var at = perKeyField is null ? field : perKeyField + "." + name;
                    Walk(property.Value, root, at, null, problems);
                }

                break;

            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, root, field, null, problems);
                }

                break;

            case JsonValueKind.String:
                if (ReadString(element) is not { } text || InputText.HasInvalidCharacter(text))
                {
                    problems.Add(InputErrors.InvalidCharacter(field));
                }

                break;
        }
    }

    // An escaped lone surrogate ("\ud800") parses, but reading it as a string throws.
    private static string? ReadName(JsonProperty property)
    {
        try
        {
            var name = property.Name;
            return InputText.HasInvalidCharacter(name) ? null : name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? ReadString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
