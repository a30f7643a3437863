import { $, api, keepSession, onSubmit, passkeysSupported, problemText, say, usePasskey } from "/assets/lifeline.js";

const message = $("#message");
let challenge = null;
let username = null;

async function signIn(name, password) {
  const answer = await api("POST", "/api/login", { username: name, password });
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  username = name;
  if (answer.body.status === "SECOND_FACTOR_REQUIRED") {
    showChallenge(answer.body.challenge);
  } else {
    done(answer.body);
  }
}

function showChallenge(c) {
  challenge = c;
  say(message, "");
  $("#sign-in").classList.add("hidden");
  $("#sign-up").classList.add("hidden");
  $("#challenge").classList.remove("hidden");
  const names = { passkey: "your passkey", totp: "your authenticator app", sms: "a code by text message", backup_code: "a backup code" };
  $("#recommended").textContent = names[c.recommended];
  const sms = c.methods.find(m => m.method === "sms");
  const backup = c.methods.find(m => m.method === "backup_code");
  const totp = c.methods.find(m => m.method === "totp");
  const passkey = c.methods.find(m => m.method === "passkey");
  $("#method-passkey").classList.toggle("hidden", !passkey || !passkey.available || !passkeysSupported());
  $("#method-passkey").classList.toggle("recommended", c.recommended === "passkey");
  $("#method-totp").classList.toggle("hidden", !totp || !totp.available);
  $("#method-totp").classList.toggle("recommended", c.recommended === "totp");
  const banner = $("#degraded-banner");
  banner.classList.toggle("hidden", c.smsChannel === "HEALTHY");
  banner.textContent = sms && !sms.available ? sms.reason : "Text messages are delayed right now: use a backup code.";
  $("#sms-state").textContent = sms.available ? "We will text " + sms.maskedPhone + "." : sms.reason;
  $("#send-sms").disabled = !sms.available;
  $("#backup-state").textContent = backup.available ? "Each code works once." : backup.reason;
  $("#method-sms").classList.toggle("recommended", c.recommended === "sms");
  $("#method-backup").classList.toggle("recommended", c.recommended === "backup_code");
  ({ passkey: $("#use-passkey"), totp: $("#totp-code"), sms: $("#send-sms"), backup_code: $("#backup-code") })[c.recommended].focus();
}

async function verify(method, code) {
  await submitAnswer({ method, code: code.trim() });
}

async function submitAnswer(body) {
  const answer = await api("POST", "/api/login/challenges/" + challenge.id + "/verify", body);
  if (answer.status !== 200) {
    const left = answer.body && answer.body.attemptsLeft !== undefined ? " Attempts left: " + answer.body.attemptsLeft + "." : "";
    say(message, problemText(answer.body) + left, true);
    return;
  }
  done(answer.body);
}

function done(outcome) {
  const notices = (outcome.notices || []).map(n => n.message);
  keepSession(outcome.tokens, "user", { username, status: outcome.status, notices });
  location.assign("/account");
}

onSubmit($("#sign-in-form"), values => signIn(values.username, values.password));
onSubmit($("#sms-form"), values => verify("sms", values.code));
onSubmit($("#totp-form"), values => verify("totp", values.code));
onSubmit($("#backup-form"), values => verify("backup_code", values.code));

$("#use-passkey").addEventListener("click", async () => {
  const options = await api("POST", "/api/login/challenges/" + challenge.id + "/passkey");
  if (options.status !== 200) {
    say(message, problemText(options.body), true);
    return;
  }
  try {
    await submitAnswer({ method: "passkey", credential: await usePasskey(options.body) });
  } catch (e) {
    say(message, "The passkey prompt was closed or failed; try again, or use another way below.", true);
  }
});

$("#send-sms").addEventListener("click", async () => {
  const answer = await api("POST", "/api/login/challenges/" + challenge.id + "/sms");
  if (answer.status === 202) {
    say(message, "We sent a code to " + answer.body.maskedPhone + ".");
    $("#sms-code").focus();
    watchText();
  } else {
    say(message, problemText(answer.body), true);
    if (answer.body && answer.body.code === "sms_degraded") {
      $("#degraded-banner").classList.remove("hidden");
      $("#backup-code").focus();
    }
  }
});

// While a text is on its way, ask every few seconds what became of it: if it cannot be delivered,
// the person hears so at once and is pointed to another factor, instead of waiting for nothing.
let watching = null;
function watchText() {
  clearTimeout(watching);
  watching = setTimeout(async () => {
    const answer = await api("GET", "/api/login/challenges/" + challenge.id);
    if (answer.status !== 200) return; // done or expired: nothing left to watch
    const text = answer.body.lastText;
    if (text && text.status === "FAILED") {
      showChallenge(answer.body);
      $("#sms-state").textContent = text.message;
      say(message, text.message, true);
    } else if (!text || text.status === "PENDING") {
      watchText();
    }
  }, 3000);
}

onSubmit($("#sign-up-form"), async values => {
  const answer = await api("POST", "/api/accounts", values);
  if (answer.status !== 201) {
    say(message, problemText(answer.body), true);
    return;
  }
  await signIn(values.username, values.password);
});
