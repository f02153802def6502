using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Http;

namespace Expertennetzwerk.Module.AspNetCore.Api.Http;

/// <summary>401/403 for a request without an actor (<see cref="ActorResolution"/>) or one the module does not verify.</summary>
internal static class ApiActorProblems
{
    public const string AnonymousCode = "actor.anonymous";
    public const string ForbiddenCode = "actor.forbidden";

    public static readonly LocalizedText AnonymousText = new("Bitte melden Sie sich an.", "Please sign in.");

    public static IResult For(HttpContext http, ActorResolutionStatus status) => status switch
    {
        ActorResolutionStatus.Anonymous => ApiProblems.Problem(http, StatusCodes.Status401Unauthorized, AnonymousCode, AnonymousText),
        ActorResolutionStatus.UnknownUser => ApiProblems.Problem(http, StatusCodes.Status403Forbidden, "actor.unknown_user",
            new LocalizedText("Ihr Benutzerkonto nennt keinen gültigen Benutzer oder kein Netzwerk.", "Your account names no valid user or network.")),
        ActorResolutionStatus.NoParty => ApiProblems.Problem(http, StatusCodes.Status403Forbidden, "actor.no_party",
            new LocalizedText("Ihr Benutzerkonto kann für keine Partei handeln.", "Your account cannot act for any party.")),
        ActorResolutionStatus.PartyNotChosen => ApiProblems.Problem(http, StatusCodes.Status403Forbidden, "actor.party_not_chosen",
            new LocalizedText(
                $"Sie können für mehrere Parteien handeln: bitte nennen Sie die Partei im Header {ExpertennetzwerkClaimTypes.ActingPartyHeader}.",
                $"You can act for several parties: please name one in the {ExpertennetzwerkClaimTypes.ActingPartyHeader} header.")),
        ActorResolutionStatus.PartyNotAllowed => ApiProblems.Problem(http, StatusCodes.Status403Forbidden, "actor.party_not_allowed",
            new LocalizedText(
                $"Für die Partei im Header {ExpertennetzwerkClaimTypes.ActingPartyHeader} können Sie nicht handeln.",
                $"You cannot act for the party named in the {ExpertennetzwerkClaimTypes.ActingPartyHeader} header.")),
        _ => Forbidden(http),
    };

    /// <summary>The module did not verify the actor (<see cref="ResultStatus.Forbidden"/>).</summary>
    public static IResult Forbidden(HttpContext http) =>
        ApiProblems.Problem(http, StatusCodes.Status403Forbidden, ForbiddenCode, ApiProblems.ForbiddenText);
}
