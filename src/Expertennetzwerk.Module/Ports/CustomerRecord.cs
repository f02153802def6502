namespace Expertennetzwerk.Module.Ports;

/// <summary>A customer as the host CRM knows it.</summary>
/// <param name="CustomerRef">The host's key.</param>
/// <param name="DisplayName">Name shown in lists and searched, e.g. "Dr. Anna Schmidt".</param>
/// <param name="Fields">Further fields by key (e.g. <c>birthDate</c>, <c>email</c>, <c>street</c>) a service may need.</param>
public sealed record CustomerRecord(string CustomerRef, string DisplayName, IReadOnlyDictionary<string, string?> Fields);
