import { api } from "../api.js";
import { badges, h, loading, replace } from "../dom.js";
import { href } from "../route.js";

const VIEW_OF = { Contact: "person", Account: "account", Opportunity: "deal", Employee: "dashboard" };

export async function renderSearch(main, { params, isCurrent }) {
  const q = params.get("q") || "";
  document.getElementById("search-q").value = q;
  replace(main, loading("results"));
  const found = await api("/v1/search", { params: { q, limit: 50 } });
  if (!isCurrent()) return;
  const target = (hit) => (hit.kind === "Employee"
    ? href("dashboard", null, { scope: `employee:${hit.id}` })
    : href(VIEW_OF[hit.kind], hit.id));
  replace(main,
    h("h1", {}, `Results for “${q}”`),
    found.hits.length === 0 ? h("p", {}, "Nothing found within your perspective.") :
      h("ul", { class: "card plain", "aria-label": "Search results" }, found.hits.map((hit) =>
        h("li", {},
          h("span", { class: "chip att-unknown" }, hit.kind), " ",
          h("a", { href: target(hit) }, hit.name || hit.id),
          hit.title ? ` · ${hit.title}` : "", hit.account_id && hit.kind !== "Account" ? ` · ${hit.account_id}` : "",
          badges(hit)))));
}
