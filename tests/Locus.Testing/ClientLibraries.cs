using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Locus.Testing;

/// <summary>
/// The official JavaScript client libraries (OpenAI, Anthropic, Ollama, Vercel AI SDK, LangChain) installed in
/// tests/clients-js by <c>npm ci</c> (.ci/run does it), driven by its clients.mjs against a real server.
/// </summary>
public static class ClientLibraries
{
    public const string MissingReason =
        "tests/clients-js/node_modules or node is absent; run `npm ci --prefix tests/clients-js` (.ci/run does) to test the client libraries";

    public static string? Folder { get; } = Locate();

    /// <summary>Runs one scenario of clients.mjs against <paramref name="root"/> and returns what the library returned.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">The library failed; the message is what it said.</exception>
    public static async Task<JsonElement> RunAsync(string scenario, Uri root, string model, string? embeddingModel = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder ?? throw new InvalidOperationException(MissingReason),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "clients.mjs", scenario, root.GetLeftPart(UriPartial.Authority), model, embeddingModel ?? model })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"{scenario}: the client library failed (exit {process.ExitCode}): {await error}");
        }

        using var document = JsonDocument.Parse(await output);
        return document.RootElement.Clone();
    }

    private static string? Locate()
    {
        var folder = RepositoryRoot.Path is { } root ? System.IO.Path.Combine(root, "tests", "clients-js") : null;
        return folder is not null && Directory.Exists(System.IO.Path.Combine(folder, "node_modules", "openai")) && NodeInstalled() ? folder : null;
    }

    private static bool NodeInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(System.IO.Path.Combine(dir, "node")));
}

/// <summary>A fact that drives the JavaScript client libraries; skipped with <see cref="ClientLibraries.MissingReason"/> without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClientLibraryFactAttribute : FactAttribute
{
    public ClientLibraryFactAttribute()
    {
        if (!SharedModels.Available)
        {
            Skip = SharedModels.MissingReason;
        }
        else if (ClientLibraries.Folder is null)
        {
            Skip = ClientLibraries.MissingReason;
        }
    }
}
