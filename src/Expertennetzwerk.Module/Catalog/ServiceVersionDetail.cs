namespace Expertennetzwerk.Module.Catalog;

/// <summary>The whole content of one service version, for its expert and the operator's review.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Summary">Number, state, title and review.</param>
/// <param name="Content">The content as saved (the same shape the expert saves).</param>
public sealed record ServiceVersionDetail(Guid ServiceId, ServiceVersionSummary Summary, ServiceVersionInput Content)
{
    internal static ServiceVersionDetail From(ExpertServiceVersion v) => new(
        v.ServiceId,
        ServiceAdministration.Summary(v),
        new ServiceVersionInput
        {
            Title = v.Title,
            Description = v.Description,
            RequiredPermission = v.RequiredPermission,
            PriceCents = v.PriceCents,
            RevenueShareCents = v.RevenueShareCents,
            FeeKind = v.FeeKind,
            FeeValue = v.FeeValue,
            AcceptWithinBusinessDays = v.AcceptWithinBusinessDays,
            CompleteWithinBusinessDays = v.CompleteWithinBusinessDays,
            ProgressSteps = v.ProgressSteps,
            FormDefinitionJson = v.FormDefinitionJson,
            DataCategoriesJson = v.DataCategoriesJson,
            TemplatesJson = v.TemplatesJson,
        });
}
