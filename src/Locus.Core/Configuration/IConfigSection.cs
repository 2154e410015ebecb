namespace Locus.Core.Configuration;

/// <summary>
/// A part of the config file owned by the project that uses it: the top-level keys it reads. A
/// <see cref="ConfigSchema"/> made of sections reports every other top-level key as unknown.
/// </summary>
public interface IConfigSection
{
    /// <summary>
    /// The top-level keys this section reads (e.g. <c>mesh</c>), in the order suggestions prefer them. Implementations
    /// return a plain <c>string[]</c>: a collection expression typed as a list makes the compiler add a list type to
    /// the assembly, whose methods every command would then JIT at start-up just to check a config's top level.
    /// </summary>
    IReadOnlyList<string> Keys { get; }
}

/// <summary>A section that binds and validates its keys into <typeparamref name="T"/>, an immutable settings record.</summary>
public interface IConfigSection<out T> : IConfigSection
{
    /// <summary>
    /// Reads this section from <paramref name="document"/>, recording every problem there (with key path, file and
    /// line) instead of throwing, and returns the settings with defaults wherever a value was missing or wrong.
    /// </summary>
    T Bind(ConfigDocument document);
}
