import { $, api, el, forgetSession, onSubmit, problemText, relative, say, session, staffSignIn, withRecentSignIn } from "/assets/lifeline.js";
import { drawHistory } from "/assets/ops-history.js";

const message = $("#message");
const percent = rate => (rate === null || rate === undefined ? "–" : Math.round(rate * 100) + " %");

function showDashboard() {
  $("#sign-in").classList.add("hidden");
  $("#dashboard").classList.remove("hidden");
  $("#sign-out").classList.remove("hidden");
  $("#who").textContent = "signed in as " + session("staff").username;
  refresh();
  drawHistory(text => say(message, text, true));
}

async function refresh() {
  const [health, queue, fraud] = await Promise.all([
    api("GET", "/api/ops/sms-health", undefined, "staff"),
    api("GET", "/api/ops/tickets", undefined, "staff"),
    api("GET", "/api/ops/sms-fraud", undefined, "staff"),
  ]);
  if (health.status !== 200) {
    say(message, problemText(health.body), true);
    return;
  }
  const h = health.body;
  $("#channel").textContent = h.channel;
  $("#channel").className = "state " + h.channel;
  $("#since").textContent = new Date(h.since).toLocaleString() + " (" + relative(h.since) + ")";
  $("#reason").textContent = h.reason;
  $("#judged").textContent = h.judged ? h.judged.state + " – " + h.judged.reason : "–";
  $("#delivery").textContent = percent(h.deliveryRate);
  $("#conversion").textContent = percent(h.conversionRate);
  $("#baseline").textContent = percent(h.baselineConversionRate);
  $("#updated").textContent = new Date().toLocaleTimeString();
  $("#override").classList.toggle("hidden", !h.override);
  if (h.override) {
    $("#override").textContent = "Override by " + h.override.by + ": " + h.override.state + " until "
      + new Date(h.override.until).toLocaleString() + " – " + h.override.reason;
  }
  $("#provider-rows").replaceChildren(...h.providers.map(p => el("tr", {},
    el("td", {}, p.name),
    el("td", {}, el("span", { class: "state circuit " + p.circuitState }, p.circuitState)),
    el("td", {}, percent(p.successRate)),
    el("td", {}, percent(p.deliveryRate)))));
  $("#country-rows").replaceChildren(...(h.countries || []).map(c => el("tr", {},
    el("td", {}, "+" + c.country),
    el("td", {}, String(c.sent)),
    el("td", {}, percent(c.deliveryRate)))));
  if (fraud.status === 200) showFraud(fraud.body);
  if (queue.status === 200) {
    $("#q-open").textContent = queue.body.open;
    $("#q-claimed").textContent = queue.body.claimed;
    $("#q-hold").textContent = queue.body.onHold;
    $("#q-overdue").textContent = queue.body.overdue;
  }
}

/** Texts and spend by country, the global budget, and blocked prefixes with a way to lift each. */
function showFraud(f) {
  $("#budget-used").textContent = f.budget.lastHour;
  $("#budget-hour").textContent = f.budget.limits.perHour;
  $("#budget-day-used").textContent = f.budget.lastDay;
  $("#budget-day").textContent = f.budget.limits.perDay;
  $("#budget-state").textContent = f.budget.exhausted ? "(used up: no SMS enrollments, sign-ins use other factors)" : "";
  $("#spend-rows").replaceChildren(...f.countries.map(c => el("tr", {},
    el("td", {}, c.country), el("td", {}, String(c.textsLastDay)), el("td", {}, c.estimatedSpendLastDay.toFixed(2)))));
  $("#block-rows").replaceChildren(...f.blockedPrefixes.map(b => el("tr", {},
    el("td", {}, b.prefix), el("td", {}, new Date(b.blockedAt).toLocaleString()),
    el("td", {}, b.active ? new Date(b.until).toLocaleString() : b.liftedBy ? "lifted by " + b.liftedBy : "ended " + new Date(b.until).toLocaleString()),
    el("td", {}, b.reason),
    el("td", {}, b.active ? el("button", { type: "button", class: "secondary", onclick: () => lift(b.prefix) }, "Lift") : ""))));
}

async function lift(prefix) {
  const answer = await withRecentSignIn(() => api("DELETE", "/api/ops/sms-fraud/blocks/" + encodeURIComponent(prefix.replace("+", "")),
    undefined, "staff"));
  say(message, answer.status === 204 ? "Texts to " + prefix + " go out again." : problemText(answer.body), answer.status !== 204);
  refresh();
}

onSubmit($("#override-form"), async values => {
  const answer = await withRecentSignIn(() => api("PUT", "/api/ops/sms-health/override",
    { state: values.state, reason: values.reason, minutes: Number(values.minutes) }, "staff"));
  say(message, answer.status === 200 ? "Override set." : problemText(answer.body), answer.status !== 200);
  refresh();
});

$("#end-override").addEventListener("click", async () => {
  const answer = await withRecentSignIn(() => api("DELETE", "/api/ops/sms-health/override", undefined, "staff"));
  say(message, answer.status === 200 ? "Override ended." : problemText(answer.body), answer.status !== 200);
  refresh();
});

$("#sign-out").addEventListener("click", async () => {
  await api("POST", "/api/logout", undefined, "staff");
  forgetSession("staff");
  location.reload();
});

staffSignIn($("#sign-in-form"), "ops", message, showDashboard);
if (session("staff")) showDashboard();
setInterval(() => session("staff") && !$("#dashboard").classList.contains("hidden") && refresh(), 2000);
// the history moves in 15-minute steps: every half minute is plenty
setInterval(() => session("staff") && !$("#dashboard").classList.contains("hidden") && drawHistory(text => say(message, text, true)), 30000);
