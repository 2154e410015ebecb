namespace Locus.Server.Protocol.Responses;

/// <summary>
/// One stored response: the response object's JSON as the client got it, and the conversation it ends as a JSON array of
/// Responses input items (every earlier turn, this request's input, then this response's output), which is what a
/// request naming it as <c>previous_response_id</c> continues.
/// </summary>
public sealed record StoredResponse(string Id, DateTimeOffset CreatedAt, string ResponseJson, string ItemsJson);
