using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// A form of the area posted without a valid antiforgery token (stale page, tampered token) gets the module's friendly
/// 400 page (<c>Status/BadRequest.cshtml</c>; the consent pages' <c>Consent/BadRequest.cshtml</c>) instead of an empty 400,
/// in Development too (no developer exception page).
/// </summary>
internal sealed class AntiforgeryFailurePage : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            var viewData = new ViewDataDictionary(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState);
            // The data subject's pages have their own: no navigation, and the way back is the mailed link.
            var view = context.ActionDescriptor is PageActionDescriptor { ViewEnginePath: ConsentPages.DecidePage or ConsentPages.WithdrawPage }
                ? "/Areas/Expertennetzwerk/Pages/Consent/BadRequest.cshtml"
                : ModulePageModel.StatusFolder + "BadRequest.cshtml";
            context.Result = new ViewResult { ViewName = view, ViewData = viewData, StatusCode = StatusCodes.Status400BadRequest };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
