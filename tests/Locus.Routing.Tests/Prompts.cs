namespace Locus.Routing.Tests;

/// <summary>Prompts of known character for policy tests.</summary>
internal static class Prompts
{
    public const string Simple = "What is the capital of France?";

    public const string Medium = "Explain why the sky is blue, and compare it with why sunsets are red.";

    public static string Hard { get; } = """
        Refactor the session handling across these files; analyze the race condition between the cache and the store,
        design a fix and explain the trade-off. Step by step, please.

        src/Session/Cache.cs:
        ```csharp
        public sealed class Cache { private readonly Dictionary<string, Session> _items = new(); public Session Get(string id) => _items[id]; }
        ```
        src/Session/Store.cs:
        ```csharp
        public sealed class Store { public async Task SaveAsync(Session s) { await _db.WriteAsync(s); } }
        ```
        src/Session/Handler.cs:
        ```csharp
        public sealed class Handler { public async Task HandleAsync(string id) { var s = _cache.Get(id); await _store.SaveAsync(s); } }
        ```
        """;
}
