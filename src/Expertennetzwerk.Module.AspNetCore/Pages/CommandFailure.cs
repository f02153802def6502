using Expertennetzwerk.Module.Common;
using Microsoft.AspNetCore.Mvc;

namespace Expertennetzwerk.Module.AspNetCore.Pages;

/// <summary>
/// How a page shows a command the core did not carry out (<see cref="ModulePageModel.Explain"/>): either a status page to
/// answer with instead (<see cref="Answer"/>: the order or service is not there for the actor, or the actor is not
/// verifiable), or the page again with <see cref="StatusCode"/> (400 for field errors, 409 for a refusal or a lost race),
/// the line above the form (<see cref="Problem"/>) and the field errors for the page to place at its fields.
/// </summary>
internal readonly record struct CommandFailure(IActionResult? Answer, int StatusCode, string? Problem, IReadOnlyList<FieldError> FieldErrors);
