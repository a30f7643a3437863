import { $, api, onSubmit, problemText, relative, say } from "/assets/lifeline.js";

const message = $("#message");
const EXPLAINED = {
  OPEN: "waiting for support",
  CLAIMED: "an agent is checking it",
  ON_HOLD: "approved; the account's owner can still stop it until the hold ends",
  APPROVED: "approved; two-step sign-in is being turned off",
  COMPLETED: "done: sign in with your password and set up two-step sign-in again",
  CANCELLED: "stopped; nothing was changed",
  REJECTED: "support could not confirm it was you",
};
let following = null;

async function follow(ticketId, trackingCode) {
  const answer = await api("GET", "/api/recovery-tickets/" + encodeURIComponent(ticketId) + "?trackingCode=" + encodeURIComponent(trackingCode));
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  following = { ticketId, trackingCode };
  show(answer.body);
}

function show(p) {
  const withdrawn = p.request === "WITHDRAWN";
  $("#status").textContent = withdrawn ? "WITHDRAWN" : p.status;
  $("#status-detail").textContent = withdrawn ? "you withdrew this request"
    : EXPLAINED[p.status] + (p.holdUntil && p.status === "ON_HOLD" ? " (" + relative(p.holdUntil) + ")" : "");
  $("#withdraw-button").classList.toggle("hidden", withdrawn || !["OPEN", "CLAIMED", "ON_HOLD"].includes(p.status));
  $("#email-code-form").classList.toggle("hidden", withdrawn || !["OPEN", "CLAIMED"].includes(p.status));
}

$("#withdraw-button").addEventListener("click", async () => {
  const answer = await api("POST", "/api/recovery-tickets/" + encodeURIComponent(following.ticketId) + "/cancel",
    { trackingCode: following.trackingCode });
  say(message, answer.status === 200 ? "Your request is withdrawn." : problemText(answer.body), answer.status !== 200);
  if (answer.status === 200) show(answer.body);
});

onSubmit($("#open-form"), async values => {
  const answer = await api("POST", "/api/recovery-tickets", values);
  if (answer.status !== 202) {
    say(message, problemText(answer.body), true);
    return;
  }
  say(message, "");
  $("#opened").classList.remove("hidden");
  $("#tracking-code").textContent = answer.body.trackingCode;
  $("#ticket-id").value = answer.body.ticketId;
  $("#tracking").value = answer.body.trackingCode;
  await follow(answer.body.ticketId, answer.body.trackingCode);
});

onSubmit($("#email-code-form"), async values => {
  const answer = await api("POST", "/api/recovery-tickets/" + encodeURIComponent(following.ticketId) + "/email-code",
    { trackingCode: following.trackingCode, code: values.code.trim() });
  say(message, answer.status === 204 ? "Thank you: support sees that you read the account's email." : problemText(answer.body),
    answer.status !== 204);
  if (answer.status === 204) $("#email-code-form").reset();
});

onSubmit($("#follow-form"), values => follow(values.ticketId.trim(), values.trackingCode.trim()));

const link = new URLSearchParams(location.search);
if (link.get("ticket") && link.get("cancel")) {
  $("#cancel").classList.remove("hidden");
  // the token stays on this page only: the address bar loses it, and no other site sees it (no-referrer)
  history.replaceState(null, "", "/recover");
  $("#cancel-button").addEventListener("click", async () => {
    const answer = await api("POST", "/api/recovery-tickets/" + encodeURIComponent(link.get("ticket")) + "/cancel",
      { cancelToken: link.get("cancel") });
    say(message, answer.status === 200 ? "The recovery is cancelled; nothing on your account changed." : problemText(answer.body),
      answer.status !== 200);
    if (answer.status === 200) $("#cancel-button").disabled = true;
  });
}

setInterval(() => following && follow(following.ticketId, following.trackingCode), 5000);
