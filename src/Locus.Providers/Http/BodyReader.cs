namespace Locus.Providers.Http;

/// <summary>Reads a whole response body, within a size limit, under the idle timeout.</summary>
internal static class BodyReader
{
    /// <exception cref="InvalidDataException">The body is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="TimeoutException">The upstream went silent for longer than <paramref name="idle"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(
        HttpResponseMessage response, int maxBytes, TimeSpan idle, TimeProvider time, CancellationToken cancellationToken)
    {
        var expected = response.Content.Headers.ContentLength is { } length and > 0 and < int.MaxValue ? (int)length : 4096;
        using var buffer = new MemoryStream(Math.Min(expected, maxBytes));
        var body = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), idle, time, cancellationToken);
        await using var bodyLifetime = body.ConfigureAwait(false);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException($"the body is larger than {maxBytes / 1024} KiB");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
