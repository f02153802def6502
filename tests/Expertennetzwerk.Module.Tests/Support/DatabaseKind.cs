namespace Expertennetzwerk.Module.Tests.Support;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
