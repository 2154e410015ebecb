// Drives a Locus server with the official ollama npm client: chat, streamed generate, list, embed.
// Usage: node client-check.mjs <host> <chat model> <generate model> [<embed host> <embed model>]
// Prints one JSON object with what each call returned; exits non-zero on any error.
import { Ollama } from 'ollama';

const [host, chatModel, generateModel, embedHost, embedModel] = process.argv.slice(2);
const ollama = new Ollama({ host });
const options = { seed: 42, temperature: 0, num_predict: 8 };
const out = {};

const chat = await ollama.chat({ model: chatModel, messages: [{ role: 'user', content: 'why is the sky blue?' }], options });
out.chat = { role: chat.message.role, content: chat.message.content, done: chat.done, eval_count: chat.eval_count };

let streamed = '';
let last;
for await (const part of await ollama.generate({ model: generateModel, prompt: 'Once upon a time', stream: true, options })) {
  streamed += part.response;
  last = part;
}
out.generate = { text: streamed, done: last.done, done_reason: last.done_reason };

const list = await ollama.list();
out.list = list.models.map(m => ({ name: m.name, family: m.details.family, size: m.size }));

if (embedModel) {
  const embed = await new Ollama({ host: embedHost }).embed({ model: embedModel, input: ['a', 'b'] });
  out.embed = { count: embed.embeddings.length, dims: embed.embeddings[0].length };
}

try {
  await ollama.chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] });
  out.missing = 'no error';
} catch (e) {
  out.missing = { name: e.name, status: e.status_code, error: e.error };
}

console.log(JSON.stringify(out));
