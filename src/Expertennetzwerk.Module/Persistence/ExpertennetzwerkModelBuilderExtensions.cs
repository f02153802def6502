using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Configurations;
using Expertennetzwerk.Module.Persistence.Dialects;

// Lives where users of EF Core look for model helpers.
// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps the module's entities into any EF Core model.</summary>
public static class ExpertennetzwerkModelBuilderExtensions
{
    /// <summary>
    /// Adds the module's entities, keys and indexes to the host's model. Call it from the host context's
    /// <c>OnModelCreating</c>; the host's migrations then carry the module's tables (one migration history).
    /// </summary>
    /// <param name="modelBuilder">The host's model builder.</param>
    /// <param name="configure">Optional naming (table prefix, schema).</param>
    public static ModelBuilder ApplyExpertennetzwerkModel(this ModelBuilder modelBuilder, Action<ExpertennetzwerkModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new ExpertennetzwerkModelOptions();
        configure?.Invoke(options);

        modelBuilder.ApplyConfiguration(new ExpertNetworkConfiguration(options));
        modelBuilder.ApplyConfiguration(new PartyConfiguration(options));
        modelBuilder.ApplyConfiguration(new PartyRegistrationConfiguration(options));
        modelBuilder.ApplyConfiguration(new NetworkUserConfiguration(options));
        modelBuilder.ApplyConfiguration(new PartyMembershipConfiguration(options));
        modelBuilder.ApplyConfiguration(new ServiceCategoryConfiguration(options));
        modelBuilder.ApplyConfiguration(new ExpertServiceConfiguration(options));
        modelBuilder.ApplyConfiguration(new ExpertServiceVersionConfiguration(options));
        modelBuilder.ApplyConfiguration(new ExpertOrderConfiguration(options));
        modelBuilder.ApplyConfiguration(new OrderHistoryEntryConfiguration(options));
        modelBuilder.ApplyConfiguration(new OrderDocumentationConfiguration(options));
        modelBuilder.ApplyConfiguration(new OrderAttachmentConfiguration(options));
        modelBuilder.ApplyConfiguration(new OrderNumberCounterConfiguration(options));
        modelBuilder.ApplyConfiguration(new OrderStateCountConfiguration(options));
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration(options));
        modelBuilder.ApplyConfiguration(new StoredDocumentConfiguration(options));
        modelBuilder.ApplyConfiguration(new ConsentDeclarationConfiguration(options));
        modelBuilder.ApplyConfiguration(new DigitalMessageConfiguration(options));
        modelBuilder.ApplyConfiguration(new DigitalMessageAttachmentConfiguration(options));
        modelBuilder.ApplyConfiguration(new DigitalMessageReadMarkConfiguration(options));
        modelBuilder.ApplyConfiguration(new DigitalMessageThreadCountConfiguration(options));
        modelBuilder.ApplyConfiguration(new NotificationPreferenceConfiguration(options));
        modelBuilder.ApplyConfiguration(new IdempotencyRecordConfiguration(options));

        // Every instant of the module is stored as UTC ticks (see UtcInstantConverter).
        var moduleAssembly = typeof(ExpertennetzwerkModelOptions).Assembly;
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => t.ClrType.Assembly == moduleAssembly))
        {
            foreach (var property in entityType.GetProperties()
                         .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(UtcInstantConverter.Instance);
            }
        }

        KeysetFunctions.Register(modelBuilder);
        modelBuilder.Model.AddAnnotation(ModuleModel.MarkerAnnotation, options.TablePrefix);
        return modelBuilder;
    }
}
