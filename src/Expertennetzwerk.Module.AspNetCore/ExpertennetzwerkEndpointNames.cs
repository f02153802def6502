namespace Expertennetzwerk.Module.AspNetCore;

/// <summary>
/// The names of the module's endpoints that mails link to. The links (<c>IPublicLinks</c>) are generated from the
/// routes carrying these names, so a host that maps the pages under another prefix keeps every mailed link working;
/// a page maps its route with <c>.WithName(…)</c> of its constant. Names not mapped fall back to the module's default
/// links (<c>ExpertennetzwerkOptions.PublicBaseUrl</c> + the default path).
/// </summary>
public static class ExpertennetzwerkEndpointNames
{
    /// <summary>The consent page (<c>GET …/{token}</c>), mapped by <c>MapExpertennetzwerkConsentPages()</c>.</summary>
    public const string ConsentPage = "Expertennetzwerk.ConsentPage";

    /// <summary>The withdrawal page (<c>GET …/withdraw/{token}</c>), mapped by <c>MapExpertennetzwerkConsentPages()</c>.</summary>
    public const string ConsentWithdrawalPage = "Expertennetzwerk.ConsentWithdrawalPage";

    /// <summary>The web UI's start page (<c>MapExpertennetzwerkPages()</c>).</summary>
    public const string StartPage = "Expertennetzwerk.StartPage";

    /// <summary>The catalogue page (query <c>category</c>, <c>q</c>).</summary>
    public const string CatalogPage = "Expertennetzwerk.CatalogPage";

    /// <summary>A service's page in the catalogue (route value <c>serviceId</c>).</summary>
    public const string ServicePage = "Expertennetzwerk.ServicePage";

    /// <summary>
    /// The order list page (query <c>state</c> (repeatable), <c>q</c>, <c>service</c>, <c>category</c>, <c>customer</c>,
    /// <c>from</c>/<c>to</c> (created) and <c>updatedFrom</c>/<c>updatedTo</c> as days <c>yyyy-MM-dd</c> of the network's zone, <c>cursor</c>).
    /// </summary>
    public const string OrderListPage = "Expertennetzwerk.OrderListPage";

    /// <summary>The order's page (route value <c>orderId</c>), mapped by <c>MapExpertennetzwerkPages()</c>.</summary>
    public const string OrderPage = "Expertennetzwerk.OrderPage";

    /// <summary>
    /// The new-order page (query <c>serviceId</c>, optional <c>customerRef</c>): the service's order form; posting it
    /// creates the draft. A host CRM links here from a customer ("neue Experten-Dienstleistung").
    /// </summary>
    public const string NewOrderPage = "Expertennetzwerk.NewOrderPage";

    /// <summary>The order description preview ("Auftragsbeschreibung anzeigen", route value <c>orderId</c>).</summary>
    public const string OrderDescriptionPage = "Expertennetzwerk.OrderDescriptionPage";

    /// <summary>The inbox page: the digital messages and notices the user's party received (query <c>unread</c>, <c>cursor</c>).</summary>
    public const string InboxPage = "Expertennetzwerk.InboxPage";

    /// <summary>The signed-in user's notification preferences page.</summary>
    public const string NotificationPreferencesPage = "Expertennetzwerk.NotificationPreferencesPage";

    /// <summary>The page where the broker rates a completed order (route value <c>orderId</c>).</summary>
    public const string RatingPage = "Expertennetzwerk.RatingPage";

    /// <summary>The operator's dead letters page (query <c>cursor</c>), with re-queue.</summary>
    public const string DeadLettersPage = "Expertennetzwerk.DeadLettersPage";

    /// <summary>The operator's dashboard: orders per state, open disputes, dead letters, versions awaiting review.</summary>
    public const string OperatorDashboardPage = "Expertennetzwerk.OperatorDashboardPage";

    /// <summary>The operator's queue of service versions awaiting review.</summary>
    public const string ReviewQueuePage = "Expertennetzwerk.ReviewQueuePage";

    /// <summary>The operator's review of one service version beside the published one (route value <c>versionId</c>).</summary>
    public const string ReviewPage = "Expertennetzwerk.ReviewPage";

    /// <summary>The operator's list of open disputes (metadata only; query <c>cursor</c>).</summary>
    public const string DisputeListPage = "Expertennetzwerk.DisputeListPage";

    /// <summary>
    /// The operator's view of an order (route value <c>orderId</c>): metadata, and after a recorded purpose its history's
    /// texts, documentation and thread; resolves a dispute.
    /// </summary>
    public const string DisputePage = "Expertennetzwerk.DisputePage";
}
