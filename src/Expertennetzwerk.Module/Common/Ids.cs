namespace Expertennetzwerk.Module.Common;

/// <summary>Creates identifiers: Guid version 7, created in code, so ids sort by creation time.</summary>
public static class Ids
{
    /// <summary>A new version 7 Guid stamped with <paramref name="time"/>'s current instant.</summary>
    public static Guid New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow());

    /// <summary>A new version 7 Guid stamped with the system clock.</summary>
    public static Guid New() => Guid.CreateVersion7();
}
