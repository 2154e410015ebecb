namespace Locus.Grammar;

/// <summary>How closely a grammar follows llama.cpp's own rules for the JSON it allows.</summary>
public enum JsonGrammarStyle
{
    /// <summary>
    /// llama.cpp's rules exactly: between tokens nothing, a space, or one or two newlines and up to 20 spaces or tabs
    /// (a model that pretty-prints is not fought at every line); in strings any <c>\uXXXX</c> escape.
    /// </summary>
    LlamaCpp,

    /// <summary>
    /// What Locus serves: at most one space between tokens, so JSON stays short and a weak model that favours newlines
    /// cannot spend its tokens on indentation; and no <c>\u</c> escape of a UTF-16 surrogate, because a lone one makes
    /// text that strict JSON readers (System.Text.Json among them) refuse. Characters outside the BMP are written as
    /// themselves. Dates are real dates (llama.cpp's rule allows November 31st).
    /// </summary>
    Tight,
}
