using Locus.Privacy;
using Locus.Routing.Options;
using Locus.Routing.Requests;

namespace Locus.Routing.Policy;

/// <summary>
/// The sensitivity signal: secrets and personal data found by the detectors in any text the request carries (messages,
/// tool declarations and schemas, tool calls and results, stop sequences, author names, the response format), or the
/// request's own marking, put the client's privacy policy into force (keep local, redact-and-restore, or block).
/// </summary>
public sealed class PrivacySignal(ISensitivityScanner scanner)
{
    internal void Assess(DecisionState state)
    {
        if (state.Context.Privacy == PrivacyMarking.LocalOnly)
        {
            RoutingPolicy.Forbid(state, "sensitivity", "request marked local-only (x-locus-privacy)", RouteErrors.Denied(
                "This request is marked local-only (x-locus-privacy: local-only), so it cannot be sent to a remote target.", "privacy_local_only"));
            return;
        }

        var findings = scanner.Scan(state.Input.ScannedText);
        state.Findings = Summaries(findings);
        if (findings.Count == 0 && state.Context.Privacy != PrivacyMarking.Sensitive)
        {
            return;
        }

        var what = findings.Count > 0 ? $"found {string.Join(", ", state.Findings)}" : "marked sensitive (x-locus-privacy)";
        switch (state.Client.Privacy ?? state.Snapshot.Routing.Privacy)
        {
            case PrivacyAction.Block:
                state.BlockIfRemote = true;
                state.Add("sensitivity", $"{what}; policy blocks it from leaving the device");
                break;
            case PrivacyAction.Redact when findings.Count > 0 && state.Input.ToolNames.Length > 0 && scanner.ContainsAny(state.Input.ToolNames):
                // A tool name reaches the target verbatim (the model calls the tool by it), so no placeholder can stand in.
                RoutingPolicy.Forbid(state, "sensitivity", $"{what}, in a tool name, which cannot be redacted; policy keeps it on the device", RouteErrors.Denied(
                    $"This request carries private data ({what}) in a tool name, which cannot be replaced by a placeholder; it cannot go to a remote target.",
                    "private_data"));
                break;
            case PrivacyAction.Redact when findings.Count > 0:
                state.Redact = true;
                state.Add("sensitivity", $"{what}; redacted if it leaves the device, restored in the answer");
                break;
            default:
                // Policy "local", or a request marked sensitive with nothing specific to redact.
                RoutingPolicy.Forbid(state, "sensitivity", $"{what}; policy keeps it on the device", RouteErrors.Denied(
                    $"This request carries private data ({what}) that policy keeps on this device; it cannot go to a remote target.",
                    "private_data"));
                break;
        }
    }

    /// <summary>"email ×2", "card_number": detector ids with counts, in order of first appearance.</summary>
    private static IReadOnlyList<string> Summaries(IReadOnlyList<SensitiveFinding> findings)
    {
        if (findings.Count == 0)
        {
            return [];
        }

        return [.. findings.GroupBy(f => f.Detector, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}")];
    }
}
