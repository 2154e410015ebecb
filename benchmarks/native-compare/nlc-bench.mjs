#!/usr/bin/env node
// node-llama-cpp 3.22.1 reference benchmark for benchmarks/native-compare (see README.md).
//
// usage: node nlc-bench.mjs <model.gguf> <P> <N> <threads> <reps>
//
// Needs node-llama-cpp installed (run.sh does `npm install` of package.json into a temp dir);
// the directory holding node_modules/ is taken from $LOCUS_NLC_DIR (default: this script's folder).
//
// Per rep: clear the sequence, evaluate a P-token prompt and sample the first token greedily
// (timed: pp), then decode+sample N more tokens one at a time (timed: tg), ignoring end-of-generation
// tokens, so the N timed decodes start at context depth P (like `llama-bench -d P`).
// One untimed warm-up rep runs first. Prints one JSON line per timed rep on stdout.
import {existsSync, readFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const [modelPath, pArg, nArg, tArg, rArg] = process.argv.slice(2);
if (!modelPath) {
    console.error("usage: node nlc-bench.mjs <model.gguf> <P> <N> <threads> <reps>");
    process.exit(2);
}
const P = Number(pArg ?? 256);
const N = Number(nArg ?? 128);
const threads = Number(tArg ?? 2);
const reps = Number(rArg ?? 3);
const warmup = Number(process.env.LOCUS_BENCH_WARMUP ?? 1);

const nlcDir = process.env.LOCUS_NLC_DIR ?? dirname(fileURLToPath(import.meta.url));
const entry = join(nlcDir, "node_modules", "node-llama-cpp", "dist", "index.js");
if (!existsSync(entry)) {
    console.error(`node-llama-cpp not found at ${entry}; set LOCUS_NLC_DIR to the folder of its node_modules`);
    process.exit(2);
}
const {getLlama, LlamaLogLevel} = await import(pathToFileURL(entry).href);

// Prebuilt CPU binaries only: never build, never download.
const llama = await getLlama({
    gpu: false,
    build: "never",
    skipDownload: true,
    usePrebuiltBinaries: true,
    maxThreads: threads,
    logLevel: LlamaLogLevel.error,
    progressLogs: false
});
const model = await llama.loadModel({modelPath, gpuLayers: 0});

// Which libggml-cpu-<variant>.so did ggml's loader pick in this process?
const cpuVariant = (readFileSync("/proc/self/maps", "utf8").match(/libggml-cpu-([\w-]+)\.so/) ?? [])[1] ?? null;

const context = await model.createContext({
    contextSize: P + N + 8,
    batchSize: 512,
    sequences: 1,
    threads: {ideal: threads, min: threads},
    flashAttention: "auto" // llama.cpp's default (LLAMA_FLASH_ATTN_TYPE_AUTO), what llama-bench -fa auto and Locus use
});
const sequence = context.getSequence();

// Deterministic P-token prompt: BOS (if the model adds one) + a fixed English text, repeated.
const text = "Once upon a time, there was a little girl named Lily. She liked to play in the park with her dog. ";
const textTokens = model.tokenize(text.repeat(8));
const prompt = [];
if (model.tokens.bos != null && model.tokens.shouldPrependBosToken)
    prompt.push(model.tokens.bos);
while (prompt.length < P) {
    prompt.push(...textTokens.slice(0, P - prompt.length));
}

async function runOnce() {
    await sequence.clearHistory();
    const gen = sequence.evaluate(prompt, {temperature: 0, yieldEogToken: true});
    const t0 = process.hrtime.bigint();
    let r = await gen.next(); // P-token prompt decode + first greedy sample
    const t1 = process.hrtime.bigint();
    if (r.done) throw new Error("generation ended early");
    for (let i = 0; i < N; i++) { // N single-token decodes (+ greedy sample), depth P .. P+N-1
        r = await gen.next();
        if (r.done) throw new Error(`generation ended after ${i} tokens`);
    }
    const t2 = process.hrtime.bigint();
    await gen.return();
    return {ppSec: Number(t1 - t0) / 1e9, tgSec: Number(t2 - t1) / 1e9};
}

for (let i = 0; i < warmup; i++) await runOnce();
for (let rep = 0; rep < reps; rep++) {
    const {ppSec, tgSec} = await runOnce();
    console.log(JSON.stringify({
        impl: "node-llama-cpp",
        model: basename(modelPath),
        pp_tokens: P,
        pp_tps: +(P / ppSec).toFixed(2),
        tg_tokens: N,
        tg_tps: +(N / tgSec).toFixed(2),
        threads,
        rep,
        cpu_variant: cpuVariant
    }));
}

await context.dispose();
await model.dispose();
await llama.dispose();
