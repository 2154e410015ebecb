using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>A validated <c>POST /v1/completions</c> body.</summary>
internal sealed record CompletionRequest(string Model, string Prompt, ChatOptions Options, StreamSettings Stream)
{
    public static CompletionRequest Parse(JsonElement root)
    {
        var model = Fields.RequiredString(root, "model");
        var prompt = ParsePrompt(root);
        var options = SamplingParser.Parse(root, model, chat: false);
        var stream = StreamParser.Parse(root);
        UnsupportedFields.CheckCompletion(root);
        return new(model, prompt, options, stream);
    }

    // OpenAI also takes token arrays and batches of prompts; one string (bare or in a one-element array) is what
    // a single-sequence local engine can serve without surprising anyone.
    private static string ParsePrompt(JsonElement root)
    {
        if (!Fields.TryGet(root, "prompt", out var prompt))
        {
            throw Fields.Missing("prompt");
        }

        if (prompt.ValueKind == JsonValueKind.String)
        {
            return prompt.GetString()!;
        }

        if (prompt.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("prompt", "a string", prompt);
        }

        if (prompt.GetArrayLength() != 1)
        {
            throw Fields.Invalid("prompt", "unsupported_value", "'prompt' must be one string: batches of prompts are not supported.");
        }

        var only = prompt[0];
        return only.ValueKind == JsonValueKind.String
            ? only.GetString()!
            : throw Fields.Invalid("prompt", "unsupported_value", "'prompt' must be a string: token arrays are not supported.");
    }
}
