import { $, api, el, forgetSession, onSubmit, problemText, relative, say, session, staffSignIn, withRecentSignIn } from "/assets/lifeline.js";

const message = $("#message");
let current = null;

function showConsole() {
  const staff = session("staff");
  $("#sign-in").classList.add("hidden");
  $("#queue").classList.remove("hidden");
  $("#sign-out").classList.remove("hidden");
  $("#who").textContent = "signed in as " + staff.username;
  loadQueue();
}

let nextPage = null;
let pagesShown = 1;

/** The first page of the queue (again); with a search, only the tickets it finds. */
async function loadQueue() {
  const search = $("#queue-search").value.trim();
  const answer = await api("GET", "/api/agent/tickets" + (search ? "?q=" + encodeURIComponent(search) : ""), undefined, "staff");
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  pagesShown = 1;
  showPage(answer, false);
}

async function loadMore() {
  const answer = await api("GET", nextPage, undefined, "staff");
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  pagesShown++;
  showPage(answer, true);
}

function showPage(answer, append) {
  const rows = answer.body.map(t => el("tr", {},
    el("td", {}, el("a", { href: "#" + t.id, onclick: event => { event.preventDefault(); openTicket(t.id); } }, t.username)),
    el("td", {}, el("span", { class: "state " + t.status }, t.status)),
    el("td", {}, String(t.priority)),
    el("td", { class: t.overdue ? "overdue" : "" }, relative(t.dueBy), t.overdue ? " (overdue)" : ""),
    el("td", {}, t.claimedBy || "–"),
    el("td", {}, t.approvals + " of 2")));
  if (append) $("#queue-rows").append(...rows);
  else $("#queue-rows").replaceChildren(...rows);
  nextPage = answer.next;
  $("#queue-more").classList.toggle("hidden", !nextPage);
}

async function openTicket(id) {
  const answer = await api("GET", "/api/agent/tickets/" + id, undefined, "staff");
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  render(answer.body);
  $("#ticket").classList.remove("hidden");
  $("#ticket-title").focus();
}

function render(t) {
  current = t;
  $("#ticket-title").textContent = "Ticket for " + t.username;
  $("#ticket-title").setAttribute("tabindex", "-1");
  $("#ticket-status").textContent = t.status;
  $("#ticket-status").className = "state " + t.status;
  $("#ticket-due").textContent = "due " + relative(t.dueBy) + (t.overdue ? " (overdue)" : "");
  $("#ticket-claim").textContent = t.claimedBy ? "claimed by " + t.claimedBy + " until " + new Date(t.claimExpiresAt).toLocaleTimeString()
    : t.holdUntil ? "on hold until " + new Date(t.holdUntil).toLocaleString() : "";
  $("#requests").replaceChildren(...t.requests.map(r => el("li", { class: r.withdrawn ? "muted" : "" },
    r.contactEmail + ", " + new Date(r.requestedAt).toLocaleString() + (r.withdrawn ? " (withdrawn by the requester)" : "") + ": ",
    el("q", {}, r.details))));
  const e = t.evidence;
  $("#evidence").replaceChildren(...(e.accountExists ? [
    el("li", {}, "Account exists since " + new Date(e.registeredAt).toLocaleDateString() + "; its email: " + e.accountEmail
      + (e.accountEmailVerified ? " (verified by its owner)" : " (never verified)")),
    el("li", {}, "SMS two-step sign-in: " + (e.smsTwoFactor ? "on" : "off")),
    el("li", {}, "Last successful sign-in: " + (e.lastSuccessfulSignIn ? new Date(e.lastSuccessfulSignIn).toLocaleString() + " by " + e.lastSignInMethod : "never")),
    el("li", {}, "Failed sign-ins, last 30 days: " + e.recentFailedSignIns),
    el("li", {}, "Changes, last 30 days: " + (e.recentChanges.length ? e.recentChanges.map(c => c.kind + " " + relative(c.at)).join("; ") : "none")),
  ] : [el("li", { class: "overdue" }, "No account has this username.")]));
  $("#check-rows").replaceChildren(...t.checks.map(c => el("tr", {},
    el("td", {}, el("strong", {}, c.name), el("br"), el("span", { class: "muted" }, c.description)),
    el("td", {}, c.passed === null ? "not done" : c.passed ? "passed" : "failed", c.note ? " – " + c.note : ""),
    el("td", {}, c.by ? c.by + ", " + new Date(c.at).toLocaleTimeString() : ""),
    el("td", {},
      el("button", { type: "button", class: "secondary", "data-check": c.name, "data-passed": "true",
        "aria-label": "Mark " + c.name + " passed", onclick: () => check(c.name, true) }, "Passed"),
      el("button", { type: "button", class: "danger", "aria-label": "Mark " + c.name + " failed",
        onclick: () => check(c.name, false) }, "Failed")))));
  $("#other-checks").replaceChildren(...(t.otherAgentsChecks.length
    ? t.otherAgentsChecks.map(c => el("li", {}, c.by + ": " + c.name + " " + (c.passed ? "passed" : "failed") + (c.note ? " – " + c.note : "")))
    : [el("li", {}, "none")]));
  $("#approvals").replaceChildren(...(t.approvals.length ? t.approvals.map(a => el("li", {}, a.agent + ", " + new Date(a.at).toLocaleString() + (a.note ? ": " + a.note : ""))) : [el("li", {}, "none yet")]));
  $("#audit-rows").replaceChildren(...t.audit.map(a => el("tr", {},
    el("td", {}, new Date(a.at).toLocaleString()), el("td", {}, a.actor), el("td", {}, a.action), el("td", {}, a.detail || ""))));
}

async function act(path, body, done) {
  const answer = await withRecentSignIn(() => api("POST", "/api/agent/tickets/" + current.id + path, body, "staff"));
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  say(message, done);
  render(answer.body);
  loadQueue();
}

const check = (name, passed) => act("/checks", { name, passed, note: passed ? "confirmed" : "did not match" }, name + ": " + (passed ? "passed" : "failed"));
$("#claim").addEventListener("click", () => act("/claim", undefined, "Claimed."));
$("#send-email-code").addEventListener("click", async () => {
  const answer = await api("POST", "/api/agent/tickets/" + current.id + "/email-code", undefined, "staff");
  say(message, answer.status === 202
    ? "A code went to " + answer.body.sentTo + ". When the requester types it on their request's page, your email check passes."
    : problemText(answer.body), answer.status !== 202);
});
onSubmit($("#approve-form"), values => act("/approve", { note: values.note || null }, "Approved."));
onSubmit($("#reject-form"), values => act("/reject", { reason: values.reason }, "Rejected."));

$("#sign-out").addEventListener("click", async () => {
  await api("POST", "/api/logout", undefined, "staff");
  forgetSession("staff");
  location.reload();
});

staffSignIn($("#sign-in-form"), "agent", message, showConsole);
if (session("staff")) showConsole();
onSubmit($("#queue-search-form"), () => loadQueue());
$("#queue-more").addEventListener("click", loadMore);
// the first page refreshes itself; once more pages are shown, the agent refreshes by searching again
setInterval(() => session("staff") && pagesShown === 1 && loadQueue(), 5000);
