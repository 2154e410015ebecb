using Locus.Llama.Chat;
using Locus.Llama.Engine;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Engine;

/// <summary>Grammars in the engine itself: what they allow is all that comes out, and one that allows nothing more ends the generation.</summary>
public sealed class GrammarGenerationTests
{
    [ModelFact]
    public async Task Run_GrammarOfDigits_OnlyDigitsComeOut()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var text = new System.Text.StringBuilder();

        var result = await RunAsync(loaded, """root ::= [0-9]{5}""", text);

        Assert.Matches("^[0-9]{5}$", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, result.FinishReason);
    }

    [ModelFact]
    public async Task Run_GrammarThatNoTokenCanContinue_EndsWithLengthNotAHang()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var text = new System.Text.StringBuilder();

        // After "a" only a NUL byte would do, and no token's text may start with one: nothing can follow.
        var result = await RunAsync(loaded, """root ::= "a" "\x00" """, text);

        Assert.Equal("a", text.ToString());
        Assert.Equal(ChatFinishReason.Length, result.FinishReason);
        Assert.Equal(1, result.CompletionTokens);
    }

    [ModelFact]
    public async Task Run_GrammarRejectingTheModelsPicks_ResamplesAndCountsThem()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var text = new System.Text.StringBuilder();

        // A story model does not write braces of its own accord: its picks get rejected, and the grammar's win.
        var result = await RunAsync(loaded, """root ::= "{" "}" """, text);

        Assert.Equal("{}", text.ToString());
        Assert.True(result.GrammarResamples >= 1, $"resamples: {result.GrammarResamples}");
        Assert.True(result.SamplingTime > TimeSpan.Zero);
    }

    private static async Task<GenerationResult> RunAsync(LoadedModel loaded, string grammar, System.Text.StringBuilder text)
    {
        var request = new GenerationRequest(loaded.Model.Tokenize("Once upon a time"), new SamplingSettings(Temperature: 0), 32, [],
            piece => text.Append(piece), Grammar: new GrammarConstraint(grammar));
        using var lease = await loaded.Model.Scheduler.AcquireAsync(CancellationToken.None);
        return await loaded.Model.Engine.RunAsync(request, CancellationToken.None);
    }
}
