using System.Text.Json;

namespace Locus.Server.Protocol;

/// <summary>
/// A validated <c>POST /v1/embeddings</c> body. Exactly one of <see cref="Texts"/> and <see cref="Tokens"/> is set:
/// <c>input</c> as a string or strings, or as token ids (one array, or an array of arrays).
/// </summary>
internal sealed record EmbeddingsRequest(string Model, IReadOnlyList<string>? Texts, IReadOnlyList<IReadOnlyList<int>>? Tokens, bool Base64,
    int? Dimensions, string? User)
{
    /// <summary>Inputs one request may carry, as OpenAI allows.</summary>
    public const int MaxInputs = 2048;

    private static readonly HashSet<string> Known = ["model", "input", "encoding_format", "dimensions", "user"];

    public int Count => Texts?.Count ?? Tokens!.Count;

    public static EmbeddingsRequest Parse(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                throw Fields.Invalid(property.Name, "unknown_parameter",
                    $"Unrecognized request argument supplied: '{property.Name}'. /v1/embeddings takes model, input, encoding_format, dimensions and user.");
            }
        }

        var model = Fields.RequiredString(root, "model");
        var (texts, tokens) = ParseInput(root);
        var format = Fields.OptionalString(root, "encoding_format", "encoding_format");
        if (format is not (null or "float" or "base64"))
        {
            throw Fields.Invalid("encoding_format", "invalid_value", $"'encoding_format' must be 'float' or 'base64', not '{format}'.");
        }

        var dimensions = (int?)Fields.Integer(root, "dimensions", 1, int.MaxValue);
        var user = Fields.OptionalString(root, "user", "user");
        return new(model, texts, tokens, format == "base64", dimensions, user);
    }

    private static (IReadOnlyList<string>? Texts, IReadOnlyList<IReadOnlyList<int>>? Tokens) ParseInput(JsonElement root)
    {
        if (!Fields.TryGet(root, "input", out var input))
        {
            throw Fields.Missing("input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return ([Text(input, "input")], null);
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("input", "a string, an array of strings, an array of token ids or an array of token-id arrays", input);
        }

        var count = input.GetArrayLength();
        if (count == 0)
        {
            throw Fields.Invalid("input", "empty_array", "'input' must not be an empty array.");
        }

        if (count > MaxInputs)
        {
            throw Fields.Invalid("input", "too_many_inputs", $"'input' holds {count} items; at most {MaxInputs} may be embedded per request.");
        }

        // The first item decides the shape; every other item must have the same one.
        return input[0].ValueKind switch
        {
            JsonValueKind.String => (Strings(input), null),
            JsonValueKind.Number => (null, [TokenIds(input, "input")]),
            JsonValueKind.Array => (null, TokenLists(input)),
            _ => throw Fields.WrongType("input[0]", "a string, a token id or an array of token ids", input[0]),
        };
    }

    private static List<string> Strings(JsonElement input)
    {
        var texts = new List<string>(input.GetArrayLength());
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            var param = $"input[{i++}]";
            texts.Add(item.ValueKind == JsonValueKind.String ? Text(item, param) : throw Fields.WrongType(param, "a string, like input[0]", item));
        }

        return texts;
    }

    private static List<IReadOnlyList<int>> TokenLists(JsonElement input)
    {
        var lists = new List<IReadOnlyList<int>>(input.GetArrayLength());
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            var param = $"input[{i++}]";
            lists.Add(item.ValueKind == JsonValueKind.Array ? TokenIds(item, param) : throw Fields.WrongType(param, "an array of token ids, like input[0]", item));
        }

        return lists;
    }

    private static int[] TokenIds(JsonElement array, string param)
    {
        var count = array.GetArrayLength();
        if (count == 0)
        {
            throw Fields.Invalid(param, "empty_array", $"'{param}' must hold at least one token id.");
        }

        var ids = new int[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var where = $"{param}[{i}]";
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id))
            {
                throw item.ValueKind == JsonValueKind.Number
                    ? Fields.Invalid(where, "invalid_value", $"'{where}' must be a whole token id, not {item.GetRawText()}.")
                    : Fields.WrongType(where, "a token id (an integer)", item);
            }

            if (id < 0)
            {
                throw Fields.Invalid(where, "invalid_value", $"'{where}' is {id}: token ids are not negative.");
            }

            ids[i++] = id;
        }

        return ids;
    }

    /// <summary>A non-empty string (a lone surrogate escape never gets here: the request body refuses it).</summary>
    private static string Text(JsonElement item, string param)
    {
        var text = item.GetString()!;
        return text.Length > 0 ? text : throw Fields.Invalid(param, "invalid_value", $"'{param}' must not be an empty string.");
    }
}
