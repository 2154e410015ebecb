// The planner page: reads the inputs, asks GET /v1/thermal once per shown envelope (debounced), and draws the answers
// side by side on one shared temperature scale. API errors are shown where the chart would be.
import { renderChart, duration } from "/planner/chart.js";

const $ = id => document.getElementById(id);
const range = $("target-range"), number = $("target-number");
const cards = new Map(); // envelope id → { card, body, error, device }
let generation = 0, timer = 0, listing = null;

// The slider is logarithmic (1 to 1000 tokens/s): 5 and 20 tokens/s matter as much as 200 and 800.
const toTps = p => { const v = 10 ** (3 * p / 1000); return v < 10 ? Math.round(v * 10) / 10 : v < 100 ? Math.round(v) : Math.round(v / 5) * 5; };
const toPosition = tps => Math.round(1000 * Math.log10(Math.min(Math.max(tps, 1), 1000)) / 3);
range.min = 0; range.max = 1000; range.step = 1; range.value = toPosition(Number(number.value));

function syncSlider() { range.setAttribute("aria-valuetext", `${number.value} tokens/s`); }
range.addEventListener("input", () => { number.value = toTps(Number(range.value)); syncSlider(); schedule(); });
number.addEventListener("input", () => { if (Number(number.value) > 0) range.value = toPosition(Number(number.value)); syncSlider(); schedule(); });
for (const id of ["params", "quant", "minutes", "ambient", "api-key"]) $(id).addEventListener("input", schedule);
$("controls").addEventListener("submit", e => e.preventDefault());
syncSlider();

// body[data-busy] is "true" while an input waits for its answer, and data-updates counts finished redraws: a test (or
// anything else driving the page) waits on them instead of guessing at timings.
function schedule() {
  clearTimeout(timer);
  document.body.dataset.busy = "true";
  timer = setTimeout(() => { timer = 0; update(); }, 250);
}

function headers() {
  const key = $("api-key").value.trim();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

async function getJson(url) {
  let response;
  try { response = await fetch(url, { headers: headers() }); }
  catch (e) { throw new Error(`Could not reach Locus: ${e.message}`); }
  const body = await response.json().catch(() => null);
  if (response.status === 401) $("key-box").hidden = false;
  if (!response.ok) throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
  return body;
}

function status(text, isError = false) { $("status").textContent = text; $("status").classList.toggle("error", isError); }

/** Lists the envelopes as checkboxes and cards; false (with the reason shown) when the server would not say. */
async function loadEnvelopes() {
  let envelopes;
  try { envelopes = (await getJson("/v1/thermal/envelopes")).envelopes; }
  catch (e) { status(e.message, true); return false; }
  for (const env of envelopes) {
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" checked> <span></span>`;
    label.querySelector("span").textContent = env.name;
    const box = label.querySelector("input");
    box.value = env.id;
    box.addEventListener("change", () => { cards.get(env.id).card.hidden = !box.checked; schedule(); });
    $("envelope-picks").append(label);
    cards.set(env.id, makeCard(env));
  }
  return true;
}

function makeCard(env) {
  const card = document.createElement("article");
  card.className = "card";
  card.dataset.envelope = env.id;
  card.innerHTML = `<h2><span></span><small></small></h2><p class="error" role="alert" hidden></p><div class="body"></div>
    <dl><div><dt>Sustained</dt><dd data-field="sustained">…</dd></div><div><dt>Throttles</dt><dd data-field="throttle">…</dd></div>
    <div><dt>Binding limit</dt><dd data-field="binding">…</dd></div><div><dt>Energy</dt><dd data-field="energy">…</dd></div></dl>`;
  card.querySelector("h2 span").textContent = env.name;
  card.setAttribute("aria-label", env.name);
  $("cards").append(card);
  return { card, body: card.querySelector(".body"), error: card.querySelector(".error"), device: card.querySelector("h2 small") };
}

function query(id) {
  const p = new URLSearchParams({ envelope: id, params_b: $("params").value, quant: $("quant").value,
    target_tps: number.value, minutes: $("minutes").value, ambient_c: $("ambient").value });
  return `/v1/thermal?${p}`;
}

async function update() {
  const mine = ++generation;
  if (!cards.size && !await (listing ??= loadEnvelopes().finally(() => { listing = null; }))) return finish();
  const seconds = Number($("minutes").value) * 60;
  const shown = [...cards].filter(([, c]) => !c.card.hidden);
  shown.forEach(([, c]) => c.card.classList.add("busy"));
  status("Simulating…");
  const results = await Promise.all(shown.map(([id]) => getJson(query(id)).then(sim => ({ sim }), error => ({ error }))));
  if (mine !== generation) return; // a newer input superseded this one
  const sims = results.filter(r => r.sim).map(r => r.sim);
  const scale = sharedScale(sims, seconds);
  shown.forEach(([, c], i) => { c.card.classList.remove("busy"); show(c, results[i], scale); });
  const failed = results.find(r => r.error);
  status(failed ? failed.error.message : `${sims.length} envelope${sims.length === 1 ? "" : "s"} simulated.`, !!failed);
  finish();
}

function finish() {
  document.body.dataset.updates = Number(document.body.dataset.updates ?? 0) + 1;
  document.body.dataset.busy = String(timer !== 0);
}

/** One temperature axis for every card, from ambient to a little above the highest limit or peak. */
function sharedScale(sims, seconds) {
  const low = Math.min(...sims.map(s => Math.min(s.ambient_c, ...s.samples.map(p => p.junction_c))));
  const high = Math.max(...sims.map(s => Math.max(s.junction_limit_c, s.peak_junction_c)));
  // At least 8 °C above the limit: room for the throttle label over the line.
  return { temp: [Math.floor((low - 2) / 10) * 10, Math.ceil((high + 8) / 10) * 10], seconds };
}

function show(c, { sim, error }, scale) {
  c.error.hidden = !error;
  c.error.textContent = error ? error.message : "";
  c.body.replaceChildren(...(sim ? [renderChart(sim, scale, c.card.getAttribute("aria-label"))] : []));
  const field = name => c.card.querySelector(`[data-field=${name}]`);
  c.device.textContent = sim ? `${sim.device.name} · cap ${sim.power_cap_w} W` : "";
  field("sustained").textContent = sim ? `${fmt(sim.sustained_tokens_per_s)} tok/s` : "–";
  field("throttle").textContent = !sim ? "–" : sim.time_to_throttle_s == null ? "never" : duration(sim.time_to_throttle_s);
  field("binding").textContent = sim ? sim.binding_limit.replace("_", " ") : "–";
  field("energy").textContent = sim ? `${fmt(sim.joules_per_token)} J/token` : "–";
}

const fmt = v => v >= 100 ? Math.round(v).toString() : v >= 10 ? v.toFixed(1) : v.toFixed(2);

document.body.dataset.busy = "true";
update();
