using System.Net;
using System.Net.Sockets;
using Locus.Core.Errors;

namespace Locus.Core.Models;

/// <summary>The sentences a user sees when getting the model fails; each one says what to do next.</summary>
internal static class DownloadErrors
{
    public static LocusException Unreachable(Uri url, string target, string reason, Exception inner) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"Locus could not reach {url.Authority} to download the default model ({reason}). Check the network " +
            $"connection and any proxy settings, or download {url} yourself to {target} or pass --model /path/to/model.gguf.",
            Code: "model_download_failed"),
        inner);

    public static LocusException Interrupted(Uri url, string target, long done, long? total, Exception inner) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"The download from {url.Authority} kept breaking off; {done} of {total?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} " +
            $"bytes are saved in {target}.partial. Run Locus again to resume, or download {url} yourself to {target} " +
            "or pass --model /path/to/model.gguf.",
            Code: "model_download_failed"),
        inner);

    public static LocusException BadStatus(Uri url, string target, HttpStatusCode status, string? reason) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"The server {url.Authority} answered {(int)status} {reason} for {url}. Check models.default.url, or download " +
            $"the model yourself to {target} or pass --model /path/to/model.gguf.",
            Code: "model_download_failed"));

    public static LocusException HashMismatch(Uri url, string expected, string actual) => new(
        new LocusError(
            LocusErrorKind.InvalidRequest,
            $"The file downloaded from {url} has SHA-256 {actual}, but {expected} was expected, so it was deleted. " +
            "The file on the server may have changed: check models.default.url and models.default.sha256.",
            Code: "model_hash_mismatch"));

    public static LocusException ExistingMismatch(string target, string expected, string actual) => new(
        new LocusError(
            LocusErrorKind.InvalidRequest,
            $"{target} exists but its SHA-256 is {actual}, not the expected {expected}. Delete it to download it " +
            $"again, or pass --model {target} to use it as it is.",
            Code: "model_hash_mismatch"));

    public static LocusException NoUrl(string target) => new(
        new LocusError(
            LocusErrorKind.ModelNotFound,
            $"The default model is not at {target} and models.default.url is not set, so it cannot be downloaded. " +
            "Put the file there, set models.default.url, or pass --model /path/to/model.gguf.",
            Code: "model_not_found"));

    public static LocusException Busy(string partial, Exception inner) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"Another process is already downloading to {partial}. Wait for it to finish, then run Locus again.",
            Code: "model_download_busy"),
        inner);

    /// <summary>Names the network failure in plain words; the raw exception text is often cryptic.</summary>
    public static string Reason(Exception ex) => ex switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "its name could not be resolved",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } =>
            "the connection was refused",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
            "a secure connection could not be established",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "the connection failed",
        TaskCanceledException or TimeoutException => "the connection timed out",
        _ => ex.Message,
    };
}
