import { $, api, createPasskey, el, forgetSession, keepSession, onSubmit, passkeysSupported, problemText, say, session, usePasskey } from "/assets/lifeline.js";

const message = $("#message");
let shownCodes = [];

async function load() {
  const current = session();
  if (!current) {
    $("#signed-out").classList.remove("hidden");
    return;
  }
  const emailLink = location.hash.match(/^#verify-email=([0-9]{6})$/);
  const notices = $("#notices");
  notices.replaceChildren(...(current.notices || []).map(text => el("li", {}, text)));
  const me = await api("GET", "/api/me", undefined, "user");
  if (me.status !== 200) {
    $("#signed-out").classList.remove("hidden");
    return;
  }
  const factors = me.body.twoFactor;
  const enrollmentOnly = !factors.sms.enabled && !factors.totp.enabled && factors.passkeys.registered === 0
    && current.status === "ENROLLMENT_REQUIRED";
  $("#enroll-banner").classList.toggle("hidden", !enrollmentOnly);
  $("#profile").classList.remove("hidden");
  $("#me-username").textContent = me.body.username;
  $("#me-email").textContent = me.body.email;
  $("#email-state").textContent = me.body.emailVerified ? "✓ confirmed" : "please confirm it";
  $("#email-form").classList.toggle("hidden", me.body.emailVerified);
  if (emailLink) {
    // the link from the confirmation email carries its code: confirm, then forget it
    history.replaceState(null, "", location.pathname);
    if (!me.body.emailVerified) await verifyEmail(emailLink[1]);
  }
  $("#factors").classList.remove("hidden");
  const sms = me.body.twoFactor.sms;
  $("#sms-status").textContent = sms.enabled ? "on, codes go to " + sms.maskedPhone : "off";
  $("#enroll-form").classList.toggle("hidden", sms.enabled);
  const totp = me.body.twoFactor.totp;
  $("#totp-status").textContent = totp.enabled ? "on" : "off";
  $("#totp-start").classList.toggle("hidden", totp.enabled);
  $("#totp-nudge").classList.toggle("hidden", !sms.enabled || totp.enabled || factors.passkeys.registered > 0);
  $("#passkey-status").textContent = factors.passkeys.registered === 0 ? "none" : factors.passkeys.registered + " registered";
  $("#passkey-form").classList.toggle("hidden", !passkeysSupported());
  $("#step-up-passkey").classList.toggle("hidden", factors.passkeys.registered === 0);
  if (enrollmentOnly) {
    $("#phone").focus();
    return;
  }
  await loadRecoveries();
  await loadBackupCodes();
  await loadPasskeys();
  await loadSessions();
}

/** Recoveries of this account that someone asked for: the owner, signed in, can stop them. */
async function loadRecoveries() {
  const answer = await api("GET", "/api/me/recovery-tickets", undefined, "user");
  const open = answer.status === 200 ? answer.body : [];
  $("#recoveries").classList.toggle("hidden", open.length === 0);
  $("#recovery-list").replaceChildren(...open.map(t => el("li", {},
    "Asked " + new Date(t.openedAt).toLocaleString() + (t.status === "ON_HOLD" ? ", approved; it happens " + new Date(t.holdUntil).toLocaleString() : "") + " ",
    el("button", { type: "button", class: "danger", id: "stop-recovery-" + t.id, onclick: async () => {
      const stopped = await api("POST", "/api/me/recovery-tickets/" + t.id + "/cancel", undefined, "user");
      say(message, stopped.status === 200 ? "The recovery is stopped; nothing on your account changed." : problemText(stopped.body),
        stopped.status !== 200);
      loadRecoveries();
    } }, "This wasn't me: stop it"))));
}

async function loadPasskeys() {
  const answer = await api("GET", "/api/me/2fa/passkeys", undefined, "user");
  if (answer.status !== 200) return;
  $("#passkey-list").replaceChildren(...answer.body.map(p => el("li", {}, p.name + ", added " + new Date(p.createdAt).toLocaleDateString()
    + (p.lastUsedAt ? ", last used " + new Date(p.lastUsedAt).toLocaleString() : ", not used yet") + " ",
    el("button", { type: "button", class: "danger", "aria-label": "Remove the passkey " + p.name, onclick: () => removePasskey(p) }, "Remove"))));
}

async function removePasskey(p) {
  const removed = await api("DELETE", "/api/me/2fa/passkeys/" + p.id, undefined, "user");
  if (removed.status === 204) {
    say(message, "The passkey " + p.name + " is removed.");
    load();
  } else if (removed.body && removed.body.code === "reauthentication_required") {
    askToStepUp("For your safety, confirm it is you before removing a passkey.", () => removePasskey(p));
  } else {
    say(message, problemText(removed.body), true);
  }
}

onSubmit($("#passkey-form"), async values => {
  const options = await api("POST", "/api/me/2fa/passkeys/options", undefined, "user");
  if (options.status !== 200) {
    say(message, problemText(options.body), true);
    return;
  }
  let credential;
  try {
    credential = await createPasskey(options.body);
  } catch (e) {
    say(message, "The passkey prompt was closed or failed; nothing was added.", true);
    return;
  }
  const answer = await api("POST", "/api/me/2fa/passkeys", { name: values.name || null, credential }, "user");
  if (answer.status !== 201) {
    say(message, problemText(answer.body), true);
    return;
  }
  $("#passkey-form").reset();
  await factorTurnedOn(answer, null);
  say(message, "Your passkey is added: use it at your next sign-in.");
});

async function loadBackupCodes() {
  const answer = await api("GET", "/api/me/backup-codes", undefined, "user");
  $("#backup-codes").classList.remove("hidden");
  if (answer.status === 200) {
    const b = answer.body;
    $("#codes-status").textContent = b.total ? b.remaining + " of " + b.total + " codes left." : "You have no backup codes yet.";
  } else {
    $("#codes-status").textContent = problemText(answer.body);
  }
}

async function loadSessions() {
  const answer = await api("GET", "/api/me/sessions", undefined, "user");
  if (answer.status !== 200) return;
  $("#sessions").classList.remove("hidden");
  $("#session-rows").replaceChildren(...answer.body.map(s => el("tr", {},
    el("td", {}, new Date(s.createdAt).toLocaleString(), s.current ? " (this browser)" : ""),
    el("td", {}, new Date(s.lastUsedAt).toLocaleString()),
    el("td", {}, s.current ? "" : el("button", {
      type: "button", class: "danger", "aria-label": "Sign out the session from " + new Date(s.createdAt).toLocaleString(),
      onclick: async () => {
        const revoked = await api("DELETE", "/api/me/sessions/" + s.id, undefined, "user");
        say(message, revoked.status === 204 ? "That session is signed out." : problemText(revoked.body), revoked.status !== 204);
        loadSessions();
      },
    }, "Sign out")))));
}

function showCodes(codes) {
  shownCodes = codes;
  $("#code-list").replaceChildren(...codes.map(code => el("li", {}, code)));
  $("#new-codes").classList.remove("hidden");
  $("#backup-codes").classList.remove("hidden");
  $("#copy-codes").focus();
}

async function verifyEmail(code) {
  const answer = await api("POST", "/api/me/email/verify", { code }, "user");
  say(message, answer.status === 204 ? "Your email address is confirmed." : problemText(answer.body), answer.status !== 204);
  if (answer.status === 204) load();
}

onSubmit($("#email-form"), values => verifyEmail(values.code.trim()));

async function changeEmail(email) {
  const answer = await api("PUT", "/api/me/email", { email }, "user");
  if (answer.status === 204) {
    say(message, "We sent a code to " + email + " to confirm it, and told your old address.");
    $("#email-change-form").reset();
    load();
  } else if (answer.body && answer.body.code === "reauthentication_required") {
    askToStepUp("For your safety, confirm it is you before changing your email address.", () => changeEmail(email));
  } else {
    say(message, problemText(answer.body), true);
  }
}

onSubmit($("#email-change-form"), values => changeEmail(values.email.trim()));

$("#email-resend").addEventListener("click", async () => {
  const answer = await api("POST", "/api/me/email/verification", undefined, "user");
  say(message, answer.status === 202 ? "We sent a new code." : problemText(answer.body), answer.status !== 202);
});

onSubmit($("#enroll-form"), async values => {
  const answer = await api("POST", "/api/me/2fa/sms", { phone: values.phone }, "user");
  if (answer.status !== 202) {
    say(message, problemText(answer.body), true);
    return;
  }
  say(message, "We sent a code to " + answer.body.maskedPhone + ".");
  $("#confirm-form").classList.remove("hidden");
  $("#enroll-code").focus();
});

/** A factor was turned on: fresh tokens (a recovered account gets its full ones back), then the page again. */
async function factorTurnedOn(answer, form) {
  const current = session();
  const refreshed = await api("POST", "/api/token/refresh", { refreshToken: current.refreshToken });
  if (refreshed.status === 200) keepSession(refreshed.body.tokens, "user", { username: current.username });
  if (form) form.classList.add("hidden");
  $("#enroll-banner").classList.add("hidden");
  say(message, "Two-step sign-in is on.");
  await load();
  if (answer.body.backupCodes.length > 0) showCodes(answer.body.backupCodes);
}

onSubmit($("#confirm-form"), async values => {
  const answer = await api("POST", "/api/me/2fa/sms/confirm", { code: values.code.trim() }, "user");
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  await factorTurnedOn(answer, $("#confirm-form"));
});

$("#totp-start").addEventListener("click", async () => {
  const answer = await api("POST", "/api/me/2fa/totp", undefined, "user");
  if (answer.status !== 201) {
    say(message, problemText(answer.body), true);
    return;
  }
  const svg = new DOMParser().parseFromString(answer.body.qrSvg, "image/svg+xml").documentElement;
  $("#totp-qr").replaceChildren(document.importNode(svg, true));
  $("#totp-secret").textContent = answer.body.secret.replace(/(.{4})/g, "$1 ").trim();
  $("#totp-setup").classList.remove("hidden");
  $("#totp-start").classList.add("hidden");
  $("#totp-confirm-code").focus();
});

onSubmit($("#totp-confirm-form"), async values => {
  const answer = await api("POST", "/api/me/2fa/totp/confirm", { code: values.code.trim() }, "user");
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  await factorTurnedOn(answer, $("#totp-setup"));
});

$("#regenerate").addEventListener("click", async () => {
  const answer = await api("POST", "/api/me/backup-codes", undefined, "user");
  if (answer.status === 201) {
    showCodes(answer.body.codes);
    loadBackupCodes();
  } else if (answer.body && answer.body.code === "reauthentication_required") {
    askToStepUp("For your safety, confirm it is you before making new codes.", () => $("#regenerate").click());
  } else {
    say(message, problemText(answer.body), true);
  }
});

/** What to do once the person has confirmed it is them. */
let afterStepUp = null;

function askToStepUp(text, then) {
  afterStepUp = then;
  say(message, text, true);
  $("#backup-codes").classList.remove("hidden");
  $("#step-up-form").classList.remove("hidden");
  $("#step-up-password").focus();
}

onSubmit($("#step-up-form"), async values => {
  const code = values.code.trim();
  const proof = { password: values.password };
  if (code) {
    proof.code = code;
    proof.method = /^[0-9]{6}$/.test(code) ? "totp" : "backup_code";
  }
  await stepUp(proof);
});

$("#step-up-passkey").addEventListener("click", async () => {
  const password = $("#step-up-password").value;
  if (!password) {
    say(message, "Type your password first, then confirm with your passkey.", true);
    $("#step-up-password").focus();
    return;
  }
  const options = await api("POST", "/api/me/step-up/passkey", undefined, "user");
  if (options.status !== 200) {
    say(message, problemText(options.body), true);
    return;
  }
  try {
    await stepUp({ password, method: "passkey", credential: await usePasskey(options.body) });
  } catch (e) {
    say(message, "The passkey prompt was closed or failed; try again.", true);
  }
});

/** Proves it is the owner again; the new access token carries a fresh sign-in time (the refresh token stays). */
async function stepUp(proof) {
  const answer = await api("POST", "/api/me/step-up", proof, "user");
  if (answer.status !== 200) {
    say(message, problemText(answer.body), true);
    return;
  }
  const current = session();
  keepSession({ ...current, accessToken: answer.body.tokens.accessToken }, "user");
  $("#step-up-form").classList.add("hidden");
  $("#step-up-form").reset();
  say(message, "Confirmed.");
  const then = afterStepUp;
  afterStepUp = null;
  if (then) await then();
}

$("#copy-codes").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(shownCodes.join("\n"));
    say(message, "Copied.");
  } catch (e) {
    say(message, "Copying is not allowed here; select the codes and copy them.", true);
  }
});

$("#download-codes").addEventListener("click", () => {
  const text = "Lifeline backup codes (each works once)\n\n" + shownCodes.join("\n") + "\n";
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/plain" })), download: "lifeline-backup-codes.txt" });
  document.body.append(link);
  link.click();
  link.remove();
});

$("#print-codes").addEventListener("click", () => window.print());
$("#codes-saved").addEventListener("click", () => {
  shownCodes = [];
  $("#code-list").replaceChildren();
  $("#new-codes").classList.add("hidden");
});

$("#sign-out").addEventListener("click", async () => {
  await api("POST", "/api/logout", undefined, "user");
  forgetSession();
  location.assign("/");
});

load();
