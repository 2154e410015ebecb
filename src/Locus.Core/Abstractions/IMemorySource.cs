namespace Locus.Core.Abstractions;

/// <summary>Where a memory document may be sent.</summary>
public enum MemoryScope
{
    /// <summary>Never leaves the person's own devices (this node, its on-device targets and peers). The default.</summary>
    Devices,

    /// <summary>May also be sent to cloud providers.</summary>
    Cloud,
}

/// <summary>One memory document: a named text the person keeps for the models to know (notes, a profile, a project).</summary>
/// <param name="Id">Stable identifier; requests and config select documents by it (or by name).</param>
/// <param name="Name">Human-readable name, shown in routing reasons (the text never is).</param>
/// <param name="Text">The content injected as context.</param>
/// <param name="Scope">How far it may travel; <see cref="MemoryScope.Devices"/> unless the person said otherwise.</param>
public sealed record MemoryDocument(string Id, string Name, string Text, MemoryScope Scope = MemoryScope.Devices);

/// <summary>
/// The node's memory documents as of now. The mesh implements it over its replicated documents; the router reads one
/// snapshot per request, so a document edited mid-request does not change what that request's steps see.
/// </summary>
public interface IMemorySource
{
    /// <summary>Every document, in a stable order (the order selection and truncation follow for "all").</summary>
    IReadOnlyList<MemoryDocument> Snapshot();
}
