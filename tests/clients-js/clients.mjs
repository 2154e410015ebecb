// The client libraries our users point at Locus, each configured the way docs/clients.md says.
// Usage: node clients.mjs <scenario> <server root, e.g. http://127.0.0.1:5000> <model> [embedding model]
// Prints one JSON object of what the library returned; tests/Locus.Server.Tests/Clients asserts on it.
// A library error exits 1 with its message on stderr, so the test shows what the library said.
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import { generateText, streamText, embed, embedMany } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';

const [scenario, root, model, embeddingModel = model] = process.argv.slice(2);
const v1 = `${root}/v1`;
const apiKey = 'locus-local';
const prompt = 'Once upon a time';

async function collect(iterable, pick) {
  let text = '';
  for await (const part of iterable) text += pick(part) ?? '';
  return text;
}

const scenarios = {
  async 'openai-chat'() {
    const client = new OpenAI({ baseURL: v1, apiKey });
    const args = { model, messages: [{ role: 'user', content: prompt }], max_tokens: 24, temperature: 0 };
    const whole = await client.chat.completions.create(args);
    const streamed = await collect(await client.chat.completions.create({ ...args, stream: true }), c => c.choices[0]?.delta?.content);
    return { text: whole.choices[0].message.content, streamed, finish: whole.choices[0].finish_reason };
  },

  async 'openai-responses'() {
    const client = new OpenAI({ baseURL: v1, apiKey });
    const args = { model, input: prompt, max_output_tokens: 24, temperature: 0 };
    const whole = await client.responses.create(args);
    const events = [];
    const streamed = await collect(await client.responses.create({ ...args, stream: true }), e => {
      events.push(e.type);
      return e.type === 'response.output_text.delta' ? e.delta : '';
    });
    const again = await client.responses.retrieve(whole.id);
    return { text: whole.output_text, streamed, status: whole.status, retrieved: again.id === whole.id, events: [...new Set(events)] };
  },

  async 'openai-embeddings'() {
    const client = new OpenAI({ baseURL: v1, apiKey });
    const result = await client.embeddings.create({ model: embeddingModel, input: ['a cat', 'a dog'] });
    return { count: result.data.length, dims: result.data.map(d => d.embedding.length), norm: norm(result.data[0].embedding), usage: result.usage };
  },

  async 'anthropic-messages'() {
    const client = new Anthropic({ baseURL: root, apiKey });
    const args = { model, max_tokens: 24, temperature: 0, messages: [{ role: 'user', content: prompt }] };
    const whole = await client.messages.create(args);
    const streamed = (await client.messages.stream(args).finalMessage()).content.map(b => b.text ?? '').join('');
    const counted = await client.messages.countTokens({ model, messages: args.messages });
    return { text: whole.content.map(b => b.text ?? '').join(''), streamed, stop: whole.stop_reason, inputTokens: counted.input_tokens };
  },

  async 'ai-sdk'() {
    const openai = createOpenAI({ baseURL: v1, apiKey });
    const settings = { prompt, maxOutputTokens: 24, temperature: 0 };
    // openai(model) speaks the Responses API; openai.chat(model) speaks chat completions.
    const responses = await generateText({ model: openai(model), ...settings });
    const chat = await generateText({ model: openai.chat(model), ...settings });
    const streamed = await collect(streamText({ model: openai(model), ...settings }).textStream, t => t);
    const anthropic = createAnthropic({ baseURL: v1, apiKey });
    const messages = await generateText({ model: anthropic(model), ...settings });
    return { responses: responses.text, chat: chat.text, streamed, messages: messages.text, finish: responses.finishReason };
  },

  async 'ai-sdk-embed'() {
    const openai = createOpenAI({ baseURL: v1, apiKey });
    const one = await embed({ model: openai.embedding(embeddingModel), value: 'a cat' });
    const many = await embedMany({ model: openai.embedding(embeddingModel), values: ['a cat', 'a dog'] });
    return { dim: one.embedding.length, norm: norm(one.embedding), count: many.embeddings.length, same: close(one.embedding, many.embeddings[0]) };
  },

  async langchain() {
    const configuration = { baseURL: v1 };
    const settings = { model, apiKey, configuration, temperature: 0, maxTokens: 24 };
    const chat = await new ChatOpenAI(settings).invoke(prompt);
    const responses = await new ChatOpenAI({ ...settings, useResponsesApi: true }).invoke(prompt);
    const vector = await new OpenAIEmbeddings({ model: embeddingModel, apiKey, configuration }).embedQuery('a cat');
    return { chat: text(chat.content), responses: text(responses.content), dim: vector.length, norm: norm(vector) };
  },

  async ollama() {
    const ollama = new Ollama({ host: root });
    const options = { temperature: 0, num_predict: 24, seed: 1 };
    const chat = await ollama.chat({ model, messages: [{ role: 'user', content: prompt }], options });
    const streamed = await collect(await ollama.chat({ model, messages: [{ role: 'user', content: prompt }], options, stream: true }),
      c => c.message?.content);
    const generated = await collect(await ollama.generate({ model, prompt, options, stream: true }), c => c.response);
    const list = await ollama.list();
    const embedded = await ollama.embed({ model: embeddingModel, input: ['a cat', 'a dog'] });
    let missing;
    try {
      await ollama.chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] });
    } catch (e) {
      missing = { message: e.message, status: e.status_code };
    }
    return {
      chat: chat.message.content, streamed, generated, done: chat.done_reason, models: list.models.map(m => m.name),
      embeddings: embedded.embeddings.length, dim: embedded.embeddings[0].length, missing,
    };
  },
};

function norm(v) { return Math.sqrt(v.reduce((s, x) => s + x * x, 0)); }
function close(a, b) { return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1e-5); }
function text(content) { return typeof content === 'string' ? content : content.map(p => p.text ?? '').join(''); }

const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario '${scenario}'; one of: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}

try {
  console.log(JSON.stringify(await run()));
} catch (e) {
  console.error(`${e.constructor?.name}: ${e.message}`);
  if (e.cause) console.error(`cause: ${e.cause.message ?? e.cause}`);
  if (e.responseBody) console.error(`body: ${e.responseBody}`);
  process.exit(1);
}
