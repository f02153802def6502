using Expertennetzwerk.Module.AspNetCore.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Operator;

/// <summary>The operator's pages: a request naming no handler of the page (a typed or stale <c>?handler=</c>) is the 404 page, not a half-loaded page.</summary>
internal abstract class OperatorPageModel : ModulePageModel
{
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null)
        {
            context.Result = StatusPage(StatusCodes.Status404NotFound);
        }
    }
}
