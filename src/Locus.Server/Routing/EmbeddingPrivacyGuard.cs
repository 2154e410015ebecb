using Locus.Core.Errors;
using Locus.Privacy;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Server.Routing;

/// <summary>
/// The privacy check chat requests get, for embeddings bound for a remote target: a request marked local-only or
/// sensitive, or any input in which the detectors find secrets or personal data, is refused with a 403 before anything
/// leaves the device. Redaction is not offered: the vector of a redacted text is a different vector, silently, and
/// nothing in the answer could be restored.
/// </summary>
internal sealed class EmbeddingPrivacyGuard(
    IEmbeddingGenerator<string, Embedding<float>> inner, ISensitivityScanner scanner, PrivacyMarking marking, string target)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<string> ?? values.ToList();
        if (marking != PrivacyMarking.Normal)
        {
            throw Denied($"This request is marked {(marking == PrivacyMarking.LocalOnly ? "local-only" : "sensitive")} (x-locus-privacy), " +
                $"so its text cannot be sent to the remote target '{target}' to be embedded. Embed it with a local model.", "privacy_local_only");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var findings = scanner.Scan(inputs[i]);
            if (findings.Count > 0)
            {
                var what = string.Join(", ", findings.Select(f => f.Detector).Distinct(StringComparer.Ordinal));
                throw Denied($"input[{i}] carries private data ({what}) that cannot go to the remote target '{target}' to be embedded; " +
                    "embed it with a local model.", "private_data");
            }
        }

        return base.GenerateAsync(inputs, options, cancellationToken);
    }

    private static LocusException Denied(string message, string code) => new(new LocusError(LocusErrorKind.PolicyDenied, message, "input", code));
}
