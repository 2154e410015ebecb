using Locus.Server.Protocol.Responses;

namespace Locus.Server.Responses;

/// <summary>
/// Where <c>store: true</c> responses are kept for <c>previous_response_id</c> and <c>GET /v1/responses/{id}</c>.
/// Rows older than the retention are gone: never returned, and purged as new ones are saved.
/// </summary>
public interface IResponseStore : IDisposable
{
    void Save(StoredResponse response);

    /// <summary>The response, or null when there is none (never stored, deleted, or past retention).</summary>
    StoredResponse? Find(string id);

    /// <summary>True when a response was there to delete.</summary>
    bool Delete(string id);

    /// <summary>Deletes every response past retention; returns how many.</summary>
    int Purge();
}
