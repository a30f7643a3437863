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
    return { status: response.status, body: json };
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

/** Staff pages: sign in as agent or ops, with the role checked before the page shows. */
export async function staffSignIn(form, role, message, onReady) {
  onSubmit(form, async values => {
    const answer = await api("POST", "/api/login", { username: values.username, password: values.password });
    if (answer.status !== 200 || answer.body.status !== "AUTHENTICATED") {
      say(message, answer.status === 200 ? "Staff accounts sign in with a password only here." : problemText(answer.body), true);
      return;
    }
    const roles = JSON.parse(atob(answer.body.tokens.accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).groups || [];
    if (!roles.includes(role)) {
      say(message, "This account does not have the " + role + " role.", true);
      return;
    }
    keepSession(answer.body.tokens, "staff", { username: values.username });
    say(message, "");
    onReady();
  });
}
