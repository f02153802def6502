using Expertennetzwerk.Module.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class PartyRegistrationConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<PartyRegistration>(options, "party_registrations")
{
    protected override void ConfigureEntity(EntityTypeBuilder<PartyRegistration> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Permission).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.RegisterNumber).HasMaxLength(32).IsRequired();
    }
}
