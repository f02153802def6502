using Expertennetzwerk.Module.Consent;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class ConsentDeclarationConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<ConsentDeclaration>(options, "consent_declarations")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ConsentDeclaration> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.DataSubject).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.DataSubjectName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.DataSubjectEmail).HasMaxLength(254);
        builder.Property(x => x.Culture).HasMaxLength(16).IsRequired();
        builder.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.WithdrawalChannel).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Text).IsRequired();
        builder.Property(x => x.Html).IsRequired();
        builder.Property(x => x.TemplateId).HasMaxLength(200).IsRequired();
        builder.Property(x => x.CanonicalData).IsRequired();
        builder.Property(x => x.DataHash).HasMaxLength(64).IsRequired();
        builder.Property(x => x.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(x => x.TokenHash).HasMaxLength(64);
        builder.Property(x => x.WithdrawalTokenHash).HasMaxLength(64);
        builder.Property(x => x.Note).HasMaxLength(2_000);
        builder.HasIndex(x => new { x.NetworkId, x.OrderId });
        // Link lookups by the token's hash; a used or superseded link has none.
        builder.HasIndex(x => x.TokenHash).IsUnique();
        builder.HasIndex(x => x.WithdrawalTokenHash).IsUnique();
    }
}
