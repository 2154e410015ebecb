using System.Net.Http.Headers;
using System.Text;

namespace Locus.Server.Tests.Infrastructure;

internal static class Requests
{
    public static HttpRequestMessage Post(string path, string json, string? contentType = "application/json") =>
        Create(HttpMethod.Post, path, Encoding.UTF8.GetBytes(json), contentType);

    public static HttpRequestMessage Create(HttpMethod method, string path, byte[]? body, string? contentType)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is null)
        {
            return request;
        }

        request.Content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }
}
