using Expertennetzwerk.SampleHost.Crm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>The sample's database settings: SQLite by default, PostgreSQL by config, clear messages otherwise.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData(null, SampleDatabaseProvider.Sqlite)]
    [InlineData("", SampleDatabaseProvider.Sqlite)]
    [InlineData("Sqlite", SampleDatabaseProvider.Sqlite)]
    [InlineData("postgresql", SampleDatabaseProvider.PostgreSQL)]
    [InlineData(" PostgreSQL ", SampleDatabaseProvider.PostgreSQL)]
    public void Reads_the_provider(string? value, SampleDatabaseProvider expected)
    {
        SampleDatabase.ReadProvider(Configuration(("Database:Provider", value))).Should().Be(expected);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public void An_unknown_provider_says_what_is_allowed(string value)
    {
        var read = () => SampleDatabase.ReadProvider(Configuration(("Database:Provider", value)));
        read.Should().Throw<InvalidOperationException>().WithMessage("*Sqlite*PostgreSQL*");
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_says_what_to_set()
    {
        var add = () => new ServiceCollection().AddSampleCrmDatabase(Configuration(("Database:Provider", "PostgreSQL")), Path.GetTempPath());
        add.Should().Throw<InvalidOperationException>().WithMessage("*ConnectionStrings:PostgreSQL*");
    }

    [Fact]
    public void A_relative_sqlite_file_lives_under_the_content_root_and_its_folder_is_created()
    {
        var root = Path.Combine(Path.GetTempPath(), "enw-sample-root-" + Guid.NewGuid().ToString("N"));
        try
        {
            var connectionString = SampleDatabase.SqliteConnectionString(null, root);

            connectionString.Should().Contain(Path.Combine(root, "App_Data", "sample.db"));
            Directory.Exists(Path.Combine(root, "App_Data")).Should().BeTrue();
            SampleDatabase.SqliteConnectionString("Data Source=:memory:", root).Should().Be("Data Source=:memory:");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
