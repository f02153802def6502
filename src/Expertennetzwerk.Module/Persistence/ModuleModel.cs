using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>Facts about the module's part of a (possibly host-owned) EF Core model.</summary>
internal static class ModuleModel
{
    public const string MarkerAnnotation = "Expertennetzwerk:TablePrefix";

    public static bool IsApplied(DbContext context) =>
        context.Model.FindEntityType(typeof(ExpertOrder)) is not null;
}
