namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>The web UI's texts (<c>Resources/Pages/PageTexts.resx</c>: German; <c>.en.resx</c>: English), read through <c>IStringLocalizer&lt;PageTexts&gt;</c>.</summary>
internal sealed class PageTexts
{
}
