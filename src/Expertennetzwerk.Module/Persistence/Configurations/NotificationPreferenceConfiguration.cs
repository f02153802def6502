using Expertennetzwerk.Module.Notifications;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class NotificationPreferenceConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<NotificationPreference>(options, "notification_preferences")
{
    protected override void ConfigureEntity(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(x => new { x.NetworkId, x.UserId, x.Kind });
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(16);
    }
}
