import { api } from "../api.js";
import { badges, h, loading, replace } from "../dom.js";
import { label, t } from "../i18n.js";
import { href } from "../route.js";

const VIEW_OF = { Contact: "person", Account: "account", Opportunity: "deal", Employee: "dashboard" };

export async function renderSearch(main, { params, isCurrent }) {
  const q = params.get("q") || "";
  document.getElementById("search-q").value = q;
  replace(main, loading());
  const found = await api("/v1/search", { params: { q, limit: 50 } });
  if (!isCurrent()) return;
  const target = (hit) => (hit.kind === "Employee"
    ? href("dashboard", null, { scope: `employee:${hit.id}` })
    : href(VIEW_OF[hit.kind], hit.id));
  replace(main,
    h("h1", {}, t("search.results", { q })),
    found.hits.length === 0 ? h("p", {}, t("search.none")) :
      h("ul", { class: "card plain", "aria-label": t("search.list") }, found.hits.map((hit) =>
        h("li", {},
          h("span", { class: "chip att-unknown" }, label("kind", hit.kind)), " ",
          h("a", { href: target(hit), title: hit.id }, hit.name || hit.id),
          hit.title ? ` · ${hit.title}` : "",
          hit.account_id && hit.kind !== "Account" ? ` · ${hit.account_name || hit.account_id}` : "",
          badges(hit)))));
}
