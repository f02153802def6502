using Expertennetzwerk.SampleHost.Mailbox;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Crm;

/// <summary>
/// The sample CRM's own context: its CRM tables (<c>crm_*</c>) and, through <c>ApplyExpertennetzwerkModel()</c>, the
/// module's tables (<c>enw_*</c>) in one model with one migration history. The migrations in <c>Migrations/</c> are
/// SQLite's; <see cref="SampleCrmPostgresDbContext"/> carries PostgreSQL's.
/// </summary>
public class SampleCrmDbContext : DbContext
{
    public SampleCrmDbContext(DbContextOptions<SampleCrmDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclass (<see cref="SampleCrmPostgresDbContext"/>).</summary>
    protected SampleCrmDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Customer> Customers => Set<Customer>();

    /// <summary>What happened to the customers' orders, from the module's host events.</summary>
    public DbSet<CustomerTimelineEntry> CustomerTimeline => Set<CustomerTimelineEntry>();

    /// <summary>The development mailbox: the mails the module would have sent (Development only, never sent).</summary>
    public DbSet<StoredMail> Mailbox => Set<StoredMail>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("crm_customers");
            customer.HasKey(c => new { c.BrokerPartyId, c.CustomerRef });
            customer.Property(c => c.CustomerRef).HasMaxLength(64);
            customer.Property(c => c.Title).HasMaxLength(40);
            customer.Property(c => c.FirstName).HasMaxLength(100).IsRequired();
            customer.Property(c => c.LastName).HasMaxLength(100).IsRequired();
            customer.Property(c => c.CompanyName).HasMaxLength(200);
            customer.Property(c => c.Email).HasMaxLength(254);
            customer.Property(c => c.Phone).HasMaxLength(40);
            customer.Property(c => c.Street).HasMaxLength(200);
            customer.Property(c => c.PostalCode).HasMaxLength(10);
            customer.Property(c => c.City).HasMaxLength(100);
            customer.Ignore(c => c.DisplayName);
            customer.HasIndex(c => new { c.NetworkId, c.BrokerPartyId, c.LastName });
        });

        modelBuilder.Entity<CustomerTimelineEntry>(entry =>
        {
            entry.ToTable("crm_customer_timeline");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.CustomerRef).HasMaxLength(128).IsRequired();
            entry.Property(e => e.IdempotencyKey).HasMaxLength(200).IsRequired();
            entry.Property(e => e.Kind).HasMaxLength(40).IsRequired();
            entry.Property(e => e.OrderNumber).HasMaxLength(32).IsRequired();
            entry.Property(e => e.Detail).HasMaxLength(100);
            entry.HasIndex(e => e.IdempotencyKey).IsUnique();
            entry.HasIndex(e => new { e.BrokerPartyId, e.CustomerRef, e.OccurredAtUtc });
        });

        modelBuilder.Entity<StoredMail>(mail =>
        {
            mail.ToTable("crm_dev_mailbox");
            mail.HasKey(m => m.Id);
            mail.Property(m => m.MessageId).HasMaxLength(400).IsRequired();
            mail.Property(m => m.ReadableMessageId).HasMaxLength(400).IsRequired();
            mail.Property(m => m.To).HasMaxLength(4000).IsRequired();
            mail.Property(m => m.Subject).HasMaxLength(1000).IsRequired();
            mail.Property(m => m.Text).IsRequired();

            // Instants as UTC ticks, as the module stores its own: sortable on both providers.
            mail.Property(m => m.PlannedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            mail.Property(m => m.ReceivedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
            mail.HasIndex(m => m.MessageId);
            mail.HasIndex(m => m.PlannedAt);
        });

        // The module's entities, keys and indexes (tables enw_*), in this context's model and migrations.
        modelBuilder.ApplyExpertennetzwerkModel();
    }
}
