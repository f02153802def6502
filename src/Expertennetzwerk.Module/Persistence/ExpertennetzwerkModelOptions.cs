namespace Expertennetzwerk.Module.Persistence;

/// <summary>How the module's tables are named inside a host's model.</summary>
public sealed class ExpertennetzwerkModelOptions
{
    /// <summary>Prefix of every module table; default <c>enw_</c>.</summary>
    public string TablePrefix { get; set; } = "enw_";

    /// <summary>Optional database schema (PostgreSQL); null uses the default schema.</summary>
    public string? Schema { get; set; }
}
