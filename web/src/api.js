// The API client: same origin, a session cookie or a bearer token from the sign-in screen,
// problem+json errors.
const TOKEN_KEY = "brm.token";
// Signed in with a username and password, the browser holds an HttpOnly session cookie and a
// readable cookie with its CSRF token, which every write sends: each tab of the app finds it
// there. (The tab's own copy is for a session started before the server set that cookie.)
const CSRF_KEY = "brm.csrf";
const CSRF_COOKIE = "brm_csrf";

function cookie(name) {
  const found = document.cookie.split("; ").find((pair) => pair.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

export class ApiError extends Error {
  /** `read`: the request was a read (GET), which saves nothing whatever its answer. */
  constructor(status, problem, { read = false } = {}) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.read = read;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  get csrf() { return cookie(CSRF_COOKIE) || sessionStorage.getItem(CSRF_KEY); },
  set csrf(value) {
    if (value) sessionStorage.setItem(CSRF_KEY, value);
    else {
      sessionStorage.removeItem(CSRF_KEY);
      // A session the server no longer knows (revoked, expired) would sign every tab in again.
      document.cookie = `${CSRF_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`;
    }
  },
  get signedIn() { return Boolean(this.token || this.csrf); },
  forget() { this.token = null; this.csrf = null; this.me = null; },
  me: null,
};

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === "") continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

function credentials(method, token, accept = "application/json") {
  const headers = { Accept: accept };
  const bearer = token ?? session.token;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  else if (session.csrf && method !== "GET") headers["X-CSRF-Token"] = session.csrf;
  // The server records where each write came from.
  if (method !== "GET") headers["X-BRM-Source"] = "web";
  return headers;
}

async function send(path, init) {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError(0, null); // the server cannot be reached
  }
}

async function problem(response) {
  const type = response.headers.get("Content-Type") || "";
  return response.status !== 204 && type.includes("json") ? response.json() : null;
}

/** `body` is sent as JSON; `file` (a File or Blob) as it is, in its own media type `fileType`
 *  (a calendar export, a mailbox, a spreadsheet); `ifMatch` an ETag the write must still match
 *  (else 412); `once` an Idempotency-Key (the same write sent twice makes one record).
 *  `tagged` answers `{ data, etag }`. */
export async function api(path, { params, method = "GET", body, token, file, fileType, ifMatch, once, tagged = false } = {}) {
  const headers = credentials(method, token);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (file !== undefined) headers["Content-Type"] = fileType;
  if (ifMatch) headers["If-Match"] = ifMatch;
  if (once) headers["Idempotency-Key"] = once;
  const response = await send(path + query(params), {
    method, headers, body: file !== undefined ? file : body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await problem(response);
  if (!response.ok) throw new ApiError(response.status, data, { read: method === "GET" });
  return tagged ? { data, etag: response.headers.get("ETag") } : data;
}

/** A file the API answers with (a spreadsheet, a template) and the name it gives it. */
export async function fetchFile(path, { params } = {}) {
  const response = await send(path + query(params), { headers: credentials("GET", null, "*/*") });
  if (!response.ok) throw new ApiError(response.status, await problem(response), { read: true });
  const disposition = response.headers.get("Content-Disposition") || "";
  const rows = response.headers.get("X-BRM-Rows");
  // The name in the reader's words (RFC 6266 filename*) where the server gives one.
  const said = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = said ? decodeURIComponent(said) : /filename="([^"]+)"/.exec(disposition)?.[1];
  return { blob: await response.blob(), name: name || "download",
    truncated: response.headers.get("X-BRM-Truncated") === "true", rows: rows === null ? null : Number(rows) };
}

// Ids may hold "/", "%" and other characters: every id in a URL, the API's paths and the
// app's own hash routes alike, goes through this, as one path segment.
export const seg = (id) => encodeURIComponent(id);

// A write (POST with a JSON body); its problem+json errors come back as an ApiError.
export const write = (path, body) => api(path, { method: "POST", body });

// An upload: the file's bytes as the request body, in `fileType` (POST).
export const upload = (path, file, fileType, params) =>
  api(path, { method: "POST", file, fileType, params });
