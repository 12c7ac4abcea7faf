// Hash routes: #/<view>/<encoded id>?as_of=YYYY-MM-DD&... ; the as-of date travels with every view.
import { seg } from "./api.js";

export function current() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = raw.split("?");
  const [view = "dashboard", ...rest] = path.split("/");
  const params = new URLSearchParams(search);
  return { view: view || "dashboard", id: rest.length ? decodeURIComponent(rest.join("/")) : null, params };
}

export function href(view, id, params = {}) {
  const keep = new URLSearchParams();
  const asOf = params.as_of === undefined ? current().params.get("as_of") : params.as_of;
  if (asOf) keep.set("as_of", asOf);
  for (const [k, v] of Object.entries(params)) {
    if (k !== "as_of" && v !== undefined && v !== null && v !== "") keep.set(k, v);
  }
  const text = keep.toString();
  return `#/${view}${id ? `/${seg(id)}` : ""}${text ? `?${text}` : ""}`;
}

export function go(view, id, params) {
  location.hash = href(view, id, params);
}

export function setParam(key, value) {
  const { view, id, params } = current();
  const next = Object.fromEntries(params.entries());
  if (value) next[key] = value; else delete next[key];
  location.hash = href(view, id, { ...next, as_of: next.as_of ?? null });
}
