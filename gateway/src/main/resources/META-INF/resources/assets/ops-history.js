// The /ops page's charts of the last 24 hours, from the history each service keeps (not from this
// browser's memory): the SMS channel's state with why it changed, delivery and codes used per provider,
// sign-ins by factor and people routed away from SMS, the recovery queue and its SLA. Drawn with uPlot.
import { api, el } from "/assets/lifeline.js";

const STATES = { HEALTHY: 0, DEGRADED: 1, DOWN: 2 };
const COLOURS = ["#1b7f3b", "#b35900", "#b00020", "#1f5fbf", "#6b3fa0", "#00798c", "#7a7a7a"];
const charts = {};
let window24 = null; // [from, to] of the histories, in seconds: every chart spans the same day

/** Draws every chart; returns false when a history could not be had (shown in the page's message). */
export async function drawHistory(say) {
  const [sms, signIns, queue] = await Promise.all([
    api("GET", "/api/ops/sms-health/history?hours=24", undefined, "staff"),
    api("GET", "/api/ops/sign-ins/history?hours=24", undefined, "staff"),
    api("GET", "/api/ops/tickets/history?hours=24", undefined, "staff"),
  ]);
  const failed = [sms, signIns, queue].find(answer => answer.status !== 200);
  if (failed) {
    say("The history could not be loaded (" + failed.status + ").");
    return false;
  }
  const step = sms.body.intervalSeconds;
  window24 = [at(sms.body.from), at(sms.body.to)];
  const times = steps(sms.body.from, sms.body.to, step);
  drawChannel(sms.body.states, sms.body.to);
  drawProviders(times, sms.body.providers, step);
  drawSignIns(times, signIns.body.intervals, step);
  drawQueue(queue.body.points);
  document.querySelector("#history-updated").textContent = new Date().toLocaleTimeString();
  document.querySelector("#history").dataset.drawn = "true";
  return true;
}

/** The state as it changed (a step at each change, up to now), and the list of changes with their reasons. */
function drawChannel(periods, to) {
  const times = periods.map(p => at(p.from));
  const state = periods.map(p => STATES[p.state]);
  if (periods.length) {
    times.push(Math.max(at(to), times[times.length - 1] + 1));
    state.push(state[state.length - 1]);
  }
  chart("chart-channel", times, [
    { label: "state", stroke: COLOURS[2], width: 2, paths: uPlot.paths.stepped({ align: 1 }), value: (u, v) => stateName(v) },
  ], [state], { y: { range: [0, 2.2] }, yValues: (u, ticks) => ticks.map(v => stateName(v)), yIncrs: [1] });
  document.querySelector("#channel-changes").replaceChildren(...periods.slice().reverse().map(p => el("li", {},
    el("span", { class: "state " + p.state }, p.state), new Date(p.from).toLocaleString() + " – " + p.reason)));
}

function drawProviders(times, intervals, step) {
  const providers = [...new Set(intervals.map(i => i.provider))].sort();
  const series = [];
  const data = [];
  providers.forEach((provider, n) => {
    const mine = intervals.filter(i => i.provider === provider);
    series.push({ label: provider + " delivered", stroke: COLOURS[n % COLOURS.length], width: 2, value: percentOf });
    data.push(perStep(times, step, mine, i => i.texts ? i.delivered / i.texts : null));
    series.push({ label: provider + " codes used", stroke: COLOURS[n % COLOURS.length], dash: [6, 4], width: 2, value: percentOf });
    data.push(perStep(times, step, mine, i => i.texts ? i.codesUsed / i.texts : null));
  });
  chart("chart-providers", times, series, data, { y: { range: [0, 1] }, yValues: (u, ticks) => ticks.map(v => percentOf(u, v)) });
}

function drawSignIns(times, intervals, step) {
  const series = [];
  const data = [];
  const kinds = [...new Set(intervals.map(i => i.kind + " " + i.factor))].sort();
  kinds.forEach((kind, n) => {
    const [what, factor] = kind.split(" ");
    const mine = intervals.filter(i => i.kind === what && i.factor === factor);
    series.push({ label: (what === "ROUTED" ? "routed to " : "signed in with ") + factor, stroke: COLOURS[n % COLOURS.length],
      dash: what === "ROUTED" ? [6, 4] : undefined, width: 2 });
    data.push(perStep(times, step, mine, i => i.count, 0));
  });
  chart("chart-sign-ins", times, series, data, {});
}

function drawQueue(points) {
  const times = points.map(p => at(p.at));
  chart("chart-queue", times, [
    { label: "open", stroke: COLOURS[3], width: 2 },
    { label: "past SLA", stroke: COLOURS[2], width: 2 },
  ], [points.map(p => p.open), points.map(p => p.pastSla)], {});
}

/** One uPlot chart in its element, made once and given new data after. */
function chart(id, times, series, data, options) {
  const element = document.getElementById(id);
  if (charts[id] && charts[id].series.length === series.length + 1) {
    charts[id].setData([times, ...data]);
    return;
  }
  if (charts[id]) charts[id].destroy();
  charts[id] = new uPlot({
    width: Math.max(320, element.clientWidth || 640),
    height: 180,
    // sparse intervals show as points, not only as lines between neighbours
    series: [{}, ...series.map(one => ({ points: { show: true, size: 5 }, spanGaps: false, ...one }))],
    scales: { x: { time: true, range: (u, min, max) => window24 || [min, max] }, y: options.y || {} },
    axes: [{}, { values: options.yValues, incrs: options.yIncrs, size: 80 }],
  }, [times, ...data], element);
}

function perStep(times, step, intervals, value, missing = null) {
  const byStart = new Map(intervals.map(i => [Math.floor(at(i.start) / step) * step, i]));
  return times.map(t => {
    const found = byStart.get(Math.floor(t / step) * step);
    return found ? value(found) : missing;
  });
}

function steps(from, to, step) {
  const first = Math.ceil(at(from) / step) * step;
  const out = [];
  for (let t = first; t <= at(to); t += step) out.push(t);
  return out;
}

const at = iso => Date.parse(iso) / 1000;
const percentOf = (u, v) => (v === null || v === undefined ? "–" : Math.round(v * 100) + " %");
const stateName = v => (v === null || v === undefined ? "–" : ["healthy", "degraded", "down"][Math.round(v)] ?? "");
