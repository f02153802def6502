namespace Expertennetzwerk.SampleHost.Demo;

/// <summary>
/// Fixed ids of the demo network, its parties, users and services (version-7 layout), so a restart recognises what is
/// already seeded and the demo orders can name who acts. Categories, versions and registrations get fresh ids.
/// </summary>
public static class DemoIds
{
    public static readonly Guid Network = Id(0x001);

    public static readonly Guid OperatorParty = Id(0x101);
    public static readonly Guid BrokerMueller = Id(0x111);
    public static readonly Guid BrokerHartmann = Id(0x112);
    public static readonly Guid AdvisorSchneider = Id(0x113);
    public static readonly Guid ExpertFinanzKompass = Id(0x121);
    public static readonly Guid ExpertHartmannSpezial = Id(0x122);

    public static readonly Guid UserKoch = Id(0x201);
    public static readonly Guid UserMueller = Id(0x211);
    public static readonly Guid UserHartmann = Id(0x212);
    public static readonly Guid UserSchneider = Id(0x213);
    public static readonly Guid UserVogel = Id(0x221);
    public static readonly Guid UserKrause = Id(0x222);

    public static readonly Guid ServiceWeiteranlage = Id(0x301);
    public static readonly Guid ServiceKfzFlotte = Id(0x302);
    public static readonly Guid ServicePkvTarifwechsel = Id(0x303);
    public static readonly Guid ServiceBavAnalyse = Id(0x304);
    public static readonly Guid ServiceNettolohn = Id(0x305);
    public static readonly Guid ServiceBuVoranfrage = Id(0x306);

    private static Guid Id(int n) => new($"01970000-0000-7000-8000-{n:x12}");
}
