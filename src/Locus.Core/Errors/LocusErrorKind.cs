namespace Locus.Core.Errors;

/// <summary>The expected ways a request can fail; each maps to one HTTP status and OpenAI error type.</summary>
public enum LocusErrorKind
{
    /// <summary>The request is malformed or asks for something impossible (400).</summary>
    InvalidRequest,

    /// <summary>The prompt plus requested output does not fit the model's context window (400, code context_length_exceeded).</summary>
    ContextOverflow,

    /// <summary>The named model is not served here (404, code model_not_found).</summary>
    ModelNotFound,

    /// <summary>Missing or wrong API key (401).</summary>
    Unauthorized,

    /// <summary>The model's queue is full; retry later (429 with Retry-After).</summary>
    Overloaded,

    /// <summary>The backend cannot serve right now, e.g. the model failed to load (503).</summary>
    Unavailable,

    /// <summary>The request body is too large (413).</summary>
    PayloadTooLarge,

    /// <summary>An upstream (cloud) backend failed: a 5xx after retries, a malformed answer, a stream cut short (502).</summary>
    UpstreamFailed,

    /// <summary>An upstream backend did not answer in time (504).</summary>
    UpstreamTimeout,

    /// <summary>Policy forbids this request: e.g. private data that may not leave the device, or a spent budget (403).</summary>
    PolicyDenied,
}
