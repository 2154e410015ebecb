namespace Locus.Testing;

/// <summary>Config files shared by the tests of the projects that own their sections.</summary>
public static class ConfigSamples
{
    /// <summary>
    /// Every routing section (a local, an OpenAI and an Anthropic target; ensemble, complexity, privacy, latency and
    /// budget settings; a client) with the flat <c>server</c> and the <c>ledger</c> sections beside it. Relative
    /// paths (<c>small.gguf</c>, <c>usage.db</c>) resolve against the file's folder; the keys are read from
    /// <c>CLOUD_API_KEY</c> and <c>ALICE_KEY</c>.
    /// </summary>
    public const string Full = """
        server:
          port: 1234
        targets:
          - name: local
            kind: llama
            model: small.gguf
          - name: cloud
            kind: openai
            base_url: https://example.invalid/v1
            model: frontier-model
            api_key_env: CLOUD_API_KEY
            price: { input: 3, output: 15, cached_input: 0.3 }
            timeout_ms: 20000
          - name: claude
            kind: anthropic
            base_url: https://example.invalid/anthropic/v1
            model: claude-x
        routing:
          ensemble: { targets: [local], samples: 3, agreement: 0.5, measure: vote }
          complexity: { fast_below: 0.3, cloud_from: 0.7 }
          privacy: local
          latency_budget_ms: 400
          over_budget: refuse
        clients:
          - name: alice
            api_key_env: ALICE_KEY
            daily_budget_usd: 1.50
            allow_cloud: false
        ledger:
          path: usage.db
          store_prompts: true
        """;
}
