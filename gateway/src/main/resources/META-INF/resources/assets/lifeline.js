// Lifeline reference pages: the little every page shares. Calls go to /api/... on this origin only.
// Sessions live in sessionStorage: a closed tab forgets them.

const KEYS = { user: "lifeline.session", staff: "lifeline.staff" };

export function session(kind = "user") {
  const raw = sessionStorage.getItem(KEYS[kind]);
  return raw ? JSON.parse(raw) : null;
}

export function keepSession(tokens, kind = "user", extra = {}) {
  sessionStorage.setItem(KEYS[kind], JSON.stringify({ ...tokens, ...extra }));
}

export function forgetSession(kind = "user") {
  sessionStorage.removeItem(KEYS[kind]);
}

/** JSON over HTTP; answers {status, body}. With a session it signs the call and refreshes once on 401. */
export async function api(method, path, body, kind) {
  const call = async () => {
    const headers = { Accept: "application/json, application/problem+json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const current = kind ? session(kind) : null;
    if (current) headers.Authorization = "Bearer " + current.accessToken;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
    return { status: response.status, body: json, next: nextLink(response.headers.get("Link")) };
  };
  let answer = await call();
  const current = kind ? session(kind) : null;
  if (answer.status === 401 && current && current.refreshToken) {
    const refreshed = await fetch("/api/token/refresh", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (refreshed.ok) {
      keepSession((await refreshed.json()).tokens, kind, { username: current.username });
      answer = await call();
    } else {
      forgetSession(kind);
    }
  }
  return answer;
}

/** The target of a Link header's rel="next" (a paged list's next page), or null. */
function nextLink(header) {
  const match = header && header.match(/<([^>]+)>\s*;\s*rel="next"/);
  if (!match) return null;
  const next = new URL(match[1], location.href);
  return next.pathname + next.search;
}

/** What a problem+json answer says, for a person. */
export function problemText(body) {
  if (!body) return "Something went wrong; try again.";
  const fields = (body.violations || []).map(v => v.field + " " + v.message).join("; ");
  return [body.detail || body.title, fields].filter(Boolean).join(" ");
}

/** Shows text in a live region (screen readers announce it). */
export function say(element, text, isError = false) {
  element.textContent = text || "";
  element.classList.toggle("error", Boolean(isError));
}

/** A DOM element with attributes and children; text children are escaped by the DOM. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function $(selector) {
  return document.querySelector(selector);
}

export function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

/** Runs the form's handler on submit, with the submit button disabled meanwhile. */
export function onSubmit(form, handler) {
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const buttons = form.querySelectorAll("button");
    buttons.forEach(b => (b.disabled = true));
    try { await handler(formValues(form), form); } finally { buttons.forEach(b => (b.disabled = false)); }
  });
}

/** "in 3 h 12 min" / "5 min ago" */
export function relative(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  const minutes = Math.round(Math.abs(ms) / 60000);
  const text = minutes >= 60 ? Math.floor(minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
  return ms >= 0 ? "in " + text : text + " ago";
}

/** Whether this browser can use passkeys with the JSON forms the API speaks (every current browser). */
export function passkeysSupported() {
  return Boolean(window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON);
}

/** Registers a new passkey: the server's creation options in, the browser's answer (JSON) out. */
export async function createPasskey(options) {
  const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
  return credential.toJSON();
}

/** Answers a passkey prompt: the server's request options in, the browser's signed answer (JSON) out. */
export async function usePasskey(options) {
  const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
  return credential.toJSON();
}

function roles(tokens) {
  return JSON.parse(atob(tokens.accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).groups || [];
}

/**
 * Staff pages: sign in as agent or ops with the password and the code of the authenticator app
 * (staff must have one), with the role checked before the page shows.
 */
export async function staffSignIn(form, role, message, onReady) {
  onSubmit(form, async values => {
    let answer = await api("POST", "/api/login", { username: values.username, password: values.password });
    if (answer.status === 200 && answer.body.status === "SECOND_FACTOR_REQUIRED") {
      answer = await api("POST", "/api/login/challenges/" + answer.body.challenge.id + "/verify",
        { method: "totp", code: (values.code || "").trim() });
    }
    if (answer.status !== 200 || answer.body.status !== "AUTHENTICATED") {
      say(message, problemText(answer.body), true);
      return;
    }
    if (!roles(answer.body.tokens).includes(role)) {
      const notice = (answer.body.notices || []).find(n => n.type === "staff_second_factor_required");
      say(message, notice ? notice.message : "This account does not have the " + role + " role.", true);
      return;
    }
    keepSession(answer.body.tokens, "staff", { username: values.username });
    say(message, "");
    onReady();
  });
}

/**
 * Runs a staff action that needs a recent sign-in (approve, reject, the SMS override). When the
 * answer is reauthentication_required, asks for the password and the app's code, steps up
 * (POST /api/me/step-up) and runs the action once more.
 */
export async function withRecentSignIn(action) {
  const answer = await action();
  if (answer.status !== 403 || !answer.body || answer.body.code !== "reauthentication_required") return answer;
  const proof = await askForProof();
  if (!proof) return answer;
  const steppedUp = await api("POST", "/api/me/step-up", { password: proof.password, method: "totp", code: proof.code.trim() }, "staff");
  if (steppedUp.status !== 200) return steppedUp;
  keepSession({ ...session("staff"), accessToken: steppedUp.body.tokens.accessToken }, "staff");
  return action();
}

/** A small dialog: "confirm it is you" with password and app code; resolves to them, or null when cancelled. */
function askForProof() {
  return new Promise(resolve => {
    const dialog = el("dialog", { id: "step-up-dialog", "aria-labelledby": "step-up-title" },
      el("form", { method: "dialog", id: "step-up-dialog-form" },
        el("h2", { id: "step-up-title" }, "Confirm it is you"),
        el("p", { class: "muted" }, "This action needs a sign-in from the last five minutes."),
        el("label", { for: "step-up-dialog-password" }, "Password"),
        el("input", { id: "step-up-dialog-password", name: "password", type: "password", autocomplete: "current-password", required: true }),
        el("label", { for: "step-up-dialog-code" }, "Code from your authenticator app"),
        el("input", { id: "step-up-dialog-code", name: "code", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "6", required: true }),
        el("button", { type: "submit", id: "step-up-dialog-confirm", value: "confirm" }, "Confirm"),
        el("button", { type: "button", class: "secondary", onclick: () => dialog.close("cancel") }, "Cancel")));
    dialog.addEventListener("close", () => {
      const values = formValues(dialog.querySelector("form"));
      dialog.remove();
      resolve(dialog.returnValue === "confirm" ? values : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
