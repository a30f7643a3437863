import { $, api, onSubmit, problemText, say } from "/assets/lifeline.js";

// the token comes in the fragment, which browsers never send to a server; keep it on this page only
const token = location.hash.slice(1);
history.replaceState(null, "", "/reset-password");
const message = $("#message");
if (!token) say(message, "This page needs the link from the email we sent to your account's address.", true);

onSubmit($("#reset-form"), async values => {
  const answer = await api("POST", "/api/password-resets", { token, newPassword: values.newPassword });
  if (answer.status !== 204) {
    say(message, problemText(answer.body), true);
    return;
  }
  say(message, "");
  $("#reset").classList.add("hidden");
  $("#done").classList.remove("hidden");
});
