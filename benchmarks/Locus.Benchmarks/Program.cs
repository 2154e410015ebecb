using Locus.Benchmarks;

// Usage: decision [--iterations N] [--learned] | gateway [--seconds S] [--concurrency 1,64] | logprobs [--iterations N] | thermal [--runs N] | grammar [--models DIR] [--rounds R] [--tokens N]
return args.FirstOrDefault() switch
{
    "decision" => DecisionBenchmark.Run(Args.Int(args, "--iterations", 200_000), args.Contains("--learned")),
    "gateway" => await GatewayBenchmark.RunAsync(Args.Int(args, "--seconds", 10), Args.Ints(args, "--concurrency", [1, 64]), Args.Int(args, "--rounds", 3), !args.Contains("--no-ledger"), Args.Int(args, "--rate", 0)),
    "logprobs" => LogProbBenchmark.Run(Args.Int(args, "--iterations", 20_000)),
    "thermal" => ThermalBenchmark.Run(Args.Int(args, "--runs", 200)),
    "grammar" => await GrammarBenchmark.RunAsync(Args.String(args, "--models", "../shared/models"), Args.Int(args, "--rounds", 15), Args.Int(args, "--tokens", 96)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Locus.Benchmarks decision [--iterations N] [--learned] | gateway [--seconds S] [--concurrency 1,64] [--rounds R] [--no-ledger] [--rate REQ_PER_S] | logprobs [--iterations N] | thermal [--runs N] | grammar [--models DIR] [--rounds R] [--tokens N]");
    return 2;
}
