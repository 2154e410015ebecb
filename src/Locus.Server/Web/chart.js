// Draws one envelope's simulation as an SVG: junction (and heatsink) temperature over time with the junction limit and
// the throttle point, and below it the delivered tokens/s against the target. Plain SVG, no library: the page is offline.
const NS = "http://www.w3.org/2000/svg";
const W = 480, LEFT = 38, RIGHT = 470;
const TEMP_TOP = 8, TEMP_BOTTOM = 176, TPS_TOP = 198, TPS_BOTTOM = 256, H = 278;

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "6 min 52 s", "42 s", "1 h 05 min". */
export function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")} min`;
}

function niceStep(span, count) {
  const raw = span / count, mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw) ?? 10 * mag;
}

function path(points) {
  return points.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join("");
}

/** Junction temperature at time t, read off the samples (linear between them). */
function junctionAt(samples, t) {
  const i = samples.findIndex(s => s.t_s >= t);
  if (i <= 0) return samples[i < 0 ? samples.length - 1 : 0].junction_c;
  const a = samples[i - 1], b = samples[i], f = (t - a.t_s) / (b.t_s - a.t_s || 1);
  return a.junction_c + f * (b.junction_c - a.junction_c);
}

/**
 * Renders `sim` (one /v1/thermal answer) into a new SVG. `scale.temp` = [min, max] °C shared by every card so the
 * envelopes compare at a glance; `scale.seconds` is the simulated duration.
 */
export function renderChart(sim, scale) {
  const [tMin, tMax] = scale.temp, seconds = scale.seconds;
  const x = t => LEFT + (RIGHT - LEFT) * t / seconds;
  const yTemp = c => TEMP_BOTTOM - (TEMP_BOTTOM - TEMP_TOP) * (c - tMin) / (tMax - tMin);
  const samples = sim.samples;
  const tpsPeak = Math.max(sim.target_tokens_per_s, ...samples.map(s => s.tokens_per_s)) * 1.1 || 1;
  const tpsMax = Math.ceil(tpsPeak / niceStep(tpsPeak, 4)) * niceStep(tpsPeak, 4);
  const yTps = v => TPS_BOTTOM - (TPS_BOTTOM - TPS_TOP) * v / tpsMax;
  const throttle = sim.time_to_throttle_s;

  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  svg.setAttribute("aria-label", `${sim.envelope}: junction temperature over ${duration(seconds)}, ` +
    (throttle == null ? "never throttles" : `throttles at ${duration(throttle)}`));

  // Grid and axes: temperature ticks on the left, minutes along the bottom.
  const tempStep = niceStep(tMax - tMin, 6);
  for (let c = Math.ceil(tMin / tempStep) * tempStep; c <= tMax; c += tempStep) {
    svg.append(el("line", { class: "grid", x1: LEFT, x2: RIGHT, y1: yTemp(c), y2: yTemp(c) }));
    svg.append(el("text", { x: LEFT - 4, y: yTemp(c) + 4, "text-anchor": "end" }, `${c}°`));
  }
  const minuteStep = niceStep(seconds / 60, 6);
  for (let m = 0; m <= seconds / 60 + 1e-9; m += minuteStep) {
    svg.append(el("line", { class: "grid", x1: x(m * 60), x2: x(m * 60), y1: TEMP_TOP, y2: TPS_BOTTOM }));
    svg.append(el("text", { x: x(m * 60), y: H - 8, "text-anchor": "middle" }, m === 0 ? "0 min" : `${m}`));
  }
  svg.append(el("line", { class: "axis", x1: LEFT, x2: RIGHT, y1: TEMP_BOTTOM, y2: TEMP_BOTTOM }));
  svg.append(el("line", { class: "axis", x1: LEFT, x2: RIGHT, y1: TPS_BOTTOM, y2: TPS_BOTTOM }));

  // Junction limit, labelled above the line at the end away from the throttle label (see throttleMarker).
  const yLimit = yTemp(sim.junction_limit_c);
  const labelLeft = throttle != null && flips(x(throttle));
  svg.append(el("line", { class: "limit", x1: LEFT, x2: RIGHT, y1: yLimit, y2: yLimit }));
  svg.append(el("text", { class: "limit-label", x: labelLeft ? LEFT + 4 : RIGHT - 2, y: yLimit - 4, "text-anchor": labelLeft ? "start" : "end" },
    `limit ${sim.junction_limit_c} °C`));

  svg.append(el("path", { class: "heatsink", d: path(samples.map(s => [x(s.t_s), yTemp(s.heatsink_c)])) }));
  svg.append(el("path", { class: "junction", d: path(samples.map(s => [x(s.t_s), yTemp(s.junction_c)])) }));

  // Delivered tokens/s below, with the target dashed.
  const tpsPoints = samples.map(s => [x(s.t_s), yTps(s.tokens_per_s)]);
  svg.append(el("path", { class: "tps-area", d: `${path(tpsPoints)}L${RIGHT},${TPS_BOTTOM}L${LEFT},${TPS_BOTTOM}Z` }));
  svg.append(el("line", { class: "target", x1: LEFT, x2: RIGHT, y1: yTps(sim.target_tokens_per_s), y2: yTps(sim.target_tokens_per_s) }));
  svg.append(el("path", { class: "tps", d: path(tpsPoints) }));
  svg.append(el("text", { x: LEFT - 4, y: TPS_TOP + 8, "text-anchor": "end" }, `${Math.round(tpsMax)}`));
  svg.append(el("text", { x: LEFT - 4, y: TPS_BOTTOM + 4, "text-anchor": "end" }, "0"));
  svg.append(el("text", { x: RIGHT, y: TPS_TOP - 3, "text-anchor": "end" }, "tokens/s"));

  if (throttle != null) svg.append(throttleMarker(x(throttle), yTemp(junctionAt(samples, throttle)), yLimit, throttle));
  return svg;
}

const flips = px => px > LEFT + 0.6 * (RIGHT - LEFT);

function throttleMarker(px, py, yLimit, seconds) {
  const g = el("g", { class: "throttle" });
  g.append(el("line", { x1: px, x2: px, y1: TEMP_TOP, y2: TPS_BOTTOM }));
  g.append(el("circle", { cx: px, cy: py, r: 4.5 }));
  // Right of the marker and under the limit line the curve has flattened, so the label sits there; near the right
  // edge it flips to the left, above the line, where the rising curve has not reached yet.
  g.append(el("text", flips(px)
    ? { x: px - 8, y: yLimit - 6, "text-anchor": "end" }
    : { x: px + 8, y: yLimit + 17, "text-anchor": "start" }, `throttles at ${duration(seconds)}`));
  return g;
}
