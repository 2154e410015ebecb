using System.Text;
using Locus.Routing.Policy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// Travels with one request through <c>ChatOptions.AdditionalProperties</c>: the caller puts in who is asking and under
/// which constraints; the router fills in what it decided and what actually served the request (a fallback or an
/// ensemble escalation can change the target after the decision). The server turns it into <c>x-locus-*</c> headers.
/// </summary>
public sealed class RouteTicket(RequestContext context)
{
    public const string OptionsKey = "locus.route";

    private readonly List<RouteReason> _events = [];

    public RequestContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    public RouteDecision? Decision { get; internal set; }

    /// <summary>The tier that served (or 0 when refused or failed before any target answered).</summary>
    public int Tier { get; internal set; }

    public string Target { get; internal set; } = "";

    public bool Degraded { get; internal set; }

    /// <summary>Values replaced by placeholders before the request left the device.</summary>
    public int Redactions { get; internal set; }

    /// <summary>The decision's reasons followed by what happened while serving (fallbacks, ensemble agreement).</summary>
    public IReadOnlyList<RouteReason> Reasons => [.. Decision?.Reasons ?? [], .. _events];

    public static RouteTicket? From(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(OptionsKey, out var value) == true ? value as RouteTicket : null;

    public void AttachTo(ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (options.AdditionalProperties ??= [])[OptionsKey] = this;
    }

    /// <summary>The reasons as one line of printable ASCII, for the <c>x-locus-reason</c> header.</summary>
    public string ReasonHeader(int maxLength = 1024)
    {
        var text = new StringBuilder();
        foreach (var reason in Reasons)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(reason.Signal).Append(": ").Append(reason.Detail);
        }

        return HeaderText.Ascii(text.ToString(), maxLength);
    }

    internal void Note(string signal, string detail) => _events.Add(new RouteReason(signal, detail));
}

/// <summary>Header values are ASCII: arrows and other symbols in explanations get plain spellings.</summary>
internal static class HeaderText
{
    public static string Ascii(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            var part = c switch
            {
                '→' => "->",
                '×' => "x",
                '≥' => ">=",
                '≤' => "<=",
                '…' => "...",
                '°' => "deg ",
                _ when c is >= ' ' and <= '~' => null,
                _ => "?",
            };
            if (part is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(part);
            }

            if (builder.Length >= maxLength)
            {
                return builder.ToString(0, maxLength - 3) + "...";
            }
        }

        return builder.ToString();
    }
}
