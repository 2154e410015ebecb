using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>The read-answer loop: each line is a user turn; the answer streams as it is generated.</summary>
internal sealed class ChatSession(IChatBackend backend, ChatOptions options, string? system)
{
    private readonly List<ChatMessage> _history = system is null ? [] : [new ChatMessage(ChatRole.System, system)];

    public async Task<int> RunAsync(string? oneShot, CancellationToken cancellationToken)
    {
        if (oneShot is not null)
        {
            await AnswerAsync(oneShot, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var interactive = !Console.IsInputRedirected;
        if (interactive)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]Chatting with {backend.Name}. /reset clears the conversation, /exit or Ctrl+D quits.[/]");
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                AnsiConsole.Markup("[bold green]> [/]");
            }

            var line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() == "/exit")
            {
                return 0;
            }

            if (line.Trim() == "/reset")
            {
                _history.RemoveAll(m => m.Role != ChatRole.System);
                continue;
            }

            if (line.Trim().Length > 0)
            {
                await AnswerAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private async Task AnswerAsync(string question, CancellationToken cancellationToken)
    {
        _history.Add(new ChatMessage(ChatRole.User, question));
        var answer = new System.Text.StringBuilder();
        await foreach (var piece in backend.StreamAsync(_history, options, cancellationToken).ConfigureAwait(false))
        {
            answer.Append(piece);
            await Console.Out.WriteAsync(piece).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine();
        _history.Add(new ChatMessage(ChatRole.Assistant, answer.ToString()));
    }
}
