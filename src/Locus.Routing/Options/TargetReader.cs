using System.Text.RegularExpressions;
using Locus.Core.Configuration;

namespace Locus.Routing.Options;

/// <summary>Reads the <c>targets:</c> list.</summary>
internal static partial class TargetReader
{
    public static List<TargetOptions> ReadAll(ConfigDocument document) =>
    [
        .. (document.Root.MapList("targets", "expected a list of targets (each with name, kind, model)") ?? [])
            .Select(map => Read(map, document))
            .OfType<TargetOptions>(),
    ];

    private static TargetOptions? Read(ConfigMap map, ConfigDocument document)
    {
        var name = map.RequiredText("name");
        var kind = map.Enum<TargetKind>("kind");
        var peer = kind == TargetKind.Peer;
        // A peer's model defaults to its auto model: the peer routes among its own targets.
        var model = peer ? map.Text("model") ?? "auto" : map.RequiredText("model");
        if (!map.Has("kind"))
        {
            map.Fail("kind", "is required: llama, openai, anthropic or peer");
        }

        if (name is not null && !NamePattern().IsMatch(name))
        {
            map.Fail("name", $"\"{name}\" is not a usable target name: use letters, digits, '.', '_' or '-'");
        }

        var remote = kind is TargetKind.OpenAI or TargetKind.Anthropic;
        var baseUrl = map.Text("base_url");
        Uri? url = null;
        if (remote && baseUrl is null)
        {
            map.Fail("base_url", "is required for openai and anthropic targets (e.g. https://api.openai.com/v1)");
        }
        else if (peer && baseUrl is null)
        {
            map.Fail("base_url", "is required for a peer: the other node's OpenAI-compatible API (e.g. http://192.168.1.10:8080/v1)");
        }
        else if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            map.Fail("base_url", $"must be an absolute http(s) URL, got \"{baseUrl}\"");
        }

        var apiKeyEnv = map.Text("api_key_env");
        if (map.Has("api_key"))
        {
            map.Fail("api_key", "API keys are not written into config files; put the key in an environment variable and name it with api_key_env");
        }

        if (apiKeyEnv is not null && string.IsNullOrEmpty(document.Variable(apiKeyEnv)))
        {
            map.Fail("api_key_env", $"environment variable {apiKeyEnv} is not set (it should hold the API key for this target)");
        }

        var price = ReadPrice(map.Map("price"));
        var target = new TargetOptions
        {
            Name = name ?? "",
            Kind = kind ?? TargetKind.Llama,
            Model = model is not null && kind == TargetKind.Llama ? document.ResolvePath(model) : model ?? "",
            BaseUrl = url,
            ApiKeyEnv = apiKeyEnv,
            // A peer is one of this person's own devices, so private requests may use it unless config says otherwise.
            OnDevice = map.Bool("on_device") ?? !remote,
            ContextLength = map.Int("context_length", 16, 100_000_000),
            // Local models call tools and write schema-constrained JSON (template + grammar), and a peer routes to such
            // targets of its own: every kind can, unless config says a particular model cannot.
            SupportsTools = map.Bool("tools") ?? true,
            SupportsJsonSchema = map.Bool("json_schema") ?? true,
            Price = price,
            Watts = map.Number("watts", 0, 100_000),
            JoulesPerToken = map.Number("joules_per_token", 0, 100_000),
            Timeout = map.Millis("timeout_ms") ?? TimeSpan.FromSeconds(60),
            IdleTimeout = map.Millis("idle_timeout_ms") ?? TimeSpan.FromSeconds(30),
            // A peer on the LAN that refused once will refuse again; the local answer is waiting.
            MaxRetries = map.Int("max_retries", 0, 10) ?? (peer ? 1 : 2),
            BreakerFailures = map.Int("breaker_failures", 1, 1000) ?? 5,
            BreakDuration = map.Millis("break_ms") ?? TimeSpan.FromSeconds(30),
            Headers = map.TextMap("headers") ?? new Dictionary<string, string>(),
        };
        if (kind == TargetKind.Llama && model is not null && !File.Exists(target.Model))
        {
            map.Fail("model", $"model file {target.Model} does not exist");
        }

        map.RejectUnknown();
        return name is null || kind is null || model is null ? null : target;
    }

    private static PriceOptions ReadPrice(ConfigMap? map)
    {
        if (map is null)
        {
            return PriceOptions.Free;
        }

        var price = new PriceOptions(map.Money("input") ?? 0m, map.Money("output") ?? 0m, map.Money("cached_input"));
        map.RejectUnknown();
        return price;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
