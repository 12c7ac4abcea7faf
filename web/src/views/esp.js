// ESP+ identification (大客户识别), for company-wide principals: the ranking by composite score
// with the change since each account's previous evaluation, its resource class and whether it
// is a key account (and whether by hand), the stored weights per industry and the key-account
// thresholds; an admin sets an industry's weights and threshold here, and sets or clears an
// account's manual key-account override.
import { api, seg } from "../api.js";
import { captureBar, redraw } from "../capture/bar.js";
import { captureForm, opener, openDialog, options, uid } from "../capture/form.js";
import { errorBox, h, loading, num, replace } from "../dom.js";
import { date, label as valueLabel, t } from "../i18n.js";
import { href } from "../route.js";

const FACTORS = ["sales", "potential", "demonstration", "winnable"];
const PAGE = 50;
const FALLBACK = { sales: 0.4, potential: 0.3, demonstration: 0.1, winnable: 0.2 };
// What POST /v1/accounts takes (AccountIn, app/ingestion/schemas.py). An upsert replaces the
// whole record, so the override is written with every other field as stored
// (tests/web/test_esp_admin.py keeps this list and the model together).
export const ACCOUNT_FIELDS = ["id", "name", "industry", "region", "focus", "esp_sales", "esp_potential",
  "esp_demonstration", "esp_winnable", "key_account_override", "note"];
const OVERRIDES = [["ranking", "esp.byRanking"], ["true", "esp.isKey"], ["false", "esp.notKey"]];

/** A score or a weight with up to two decimals; a change with its sign. */
const figure = (v) => (v === null || v === undefined ? "–" : num(Math.round(v * 100) / 100));
const signed = (v) => (v === null || v === undefined ? "–" : `${v > 0 ? "+" : ""}${figure(v)}`);
const industryName = (x) => (x ? valueLabel("industry", x) : t("esp.noIndustry"));

/** Rank change: negative is a climb. */
function rankMove(a) {
  if (a.rank_change === null || a.rank_change === undefined) return "–";
  if (a.rank_change === 0) return t("esp.rankSame");
  return h("span", { class: `delta ${a.rank_change < 0 ? "up" : "down"}` },
    a.rank_change < 0 ? t("esp.rankUp", { n: num(-a.rank_change) }) : t("esp.rankDown", { n: num(a.rank_change) }));
}

/** Whether the account is a key account, whether by hand, and an admin's button to change it. */
function keyAccount(a, edit) {
  const name = a.name || a.account_id;
  return [h("span", { "data-testid": "key-account" }, t(a.key_account ? "common.yes" : "common.no")),
    a.overridden ? [" ", h("span", { class: "badge key", title: t("esp.overrideHint") }, t("esp.override"))] : null,
    edit ? [" ", opener(t("esp.overrideSet"), () => edit(a), { "data-override": a.account_id,
      "aria-label": t("esp.overrideOpen", { name }) })] : null];
}

/** The account as stored with its `key_account_override` set (null: by the ranking), written
 *  only if nobody has changed the account since it was read here (else the API's 412). */
async function writeOverride(accountId, value) {
  const { data, etag } = await api(`/v1/accounts/${seg(accountId)}`, { tagged: true });
  const body = Object.fromEntries(ACCOUNT_FIELDS.filter((f) => data[f] !== undefined && data[f] !== null)
    .map((f) => [f, data[f]]));
  body.key_account_override = value;
  await api("/v1/accounts", { method: "POST", body, ifMatch: etag });
}

/** The admin's form: key account, not a key account, or by the ranking (no override). */
function overrideDialog(account, done) {
  const name = account.name || account.account_id;
  openDialog(t("esp.overrideTitle", { name }), (close) => {
    const now = account.overridden ? String(account.key_account) : "ranking";
    const radios = OVERRIDES.map(([value, key]) => h("input", { type: "radio", name: "key-account-override",
      value, id: uid("override"), checked: value === now }));
    const form = captureForm({
      id: "esp-override-form", submitLabel: t("common.save"), onCancel: close,
      onSubmit: async () => {
        const picked = radios.find((r) => r.checked)?.value || "ranking";
        await writeOverride(account.account_id, picked === "ranking" ? null : picked === "true");
        close();
        done(t("esp.overrideSaved", { name }));
      },
    });
    form.append(form.fieldset("key_account_override", t("esp.overrideLegend"),
      h("div", { class: "choices" }, radios.map((r, i) => h("div", { class: "choice" }, r,
        h("label", { for: r.id }, t(OVERRIDES[i][1]))))), { hint: t("esp.overrideHelp") }));
    return form.form;
  });
}

function rankingTable(ranking, offset, edit) {
  const heads = ["col.rank", "col.account", "esp.industry", ...FACTORS.map((f) => `esp.factor.${f}`),
    "esp.composite", "esp.change", "esp.rankChange", "esp.class", "esp.key"];
  const numeric = new Set(["col.rank", ...FACTORS.map((f) => `esp.factor.${f}`), "esp.composite", "esp.change"]);
  const pager = [];
  if (offset > 0) pager.push(h("a", { href: href("esp", null, { offset: Math.max(0, offset - PAGE) || null }), id: "esp-prev" }, t("esp.prev")));
  if (offset + ranking.accounts.length < ranking.total) {
    pager.push(h("a", { href: href("esp", null, { offset: offset + PAGE }), id: "esp-next" }, t("esp.next")));
  }
  return h("section", { class: "card", "aria-labelledby": "esp-ranking-title" },
    h("h2", { id: "esp-ranking-title" }, t("esp.ranking")),
    h("p", { class: "sub" }, t("esp.shown", { from: num(ranking.accounts.length ? offset + 1 : 0),
      to: num(offset + ranking.accounts.length), total: num(ranking.total) })),
    h("table", { id: "esp-ranking" },
      h("thead", {}, h("tr", {}, heads.map((k) => h("th", { scope: "col", class: numeric.has(k) ? "num" : "" }, t(k))))),
      h("tbody", {}, ranking.accounts.map((a) => h("tr", {},
        h("td", { class: "num" }, a.rank === null ? "–" : num(a.rank)),
        h("td", {}, h("a", { href: href("account", a.account_id), title: a.account_id }, a.name || a.account_id)),
        h("td", {}, industryName(a.industry)),
        FACTORS.map((f) => h("td", { class: "num" }, figure(a.scores[f]))),
        h("td", { class: "num", title: a.evaluated_at ? t("esp.evaluatedAt", { date: date(a.evaluated_at) }) : null,
          "data-testid": "composite" }, figure(a.composite)),
        h("td", { class: "num" }, signed(a.composite_change)),
        h("td", {}, rankMove(a)),
        h("td", { title: a.grid ? t("esp.cell", { c: t(`esp.level.${a.grid.contribution}`), p: t(`esp.level.${a.grid.potential}`) }) : null },
          t(`esp.resource.${a.resource_class}`)),
        h("td", {}, keyAccount(a, edit)))))),
    pager.length ? h("p", { class: "tools" }, pager) : null);
}

function methodCard(ranking, weights, thresholds, defaults, remove) {
  const cut = (pair) => (pair ? t("esp.cutPair", { low: figure(pair[0]), high: figure(pair[1]) }) : "–");
  return h("div", { class: "grid" },
    h("section", { class: "card", "aria-labelledby": "esp-weights-title" },
      h("h2", { id: "esp-weights-title" }, t("esp.weights")),
      h("p", { class: "sub" }, t("esp.formula")),
      weights.length ? h("div", { class: "scroll" }, h("table", { id: "esp-weights" },
        h("thead", {}, h("tr", {}, ["esp.industry", ...FACTORS.map((f) => `esp.factor.${f}`)]
          .map((k, i) => h("th", { scope: "col", class: i ? "num" : "" }, t(k))))),
        h("tbody", {}, weights.map((w) => h("tr", {}, h("td", {}, industryName(w.industry)),
          FACTORS.map((f) => h("td", { class: "num" }, figure(w[f]))))))))
        : h("p", {}, t("esp.noWeights")),
      h("p", { class: "sub", id: "esp-defaults" }, t("esp.defaults", { w: FACTORS.map((f) =>
        `${t(`esp.factor.${f}`)} ${figure(defaults[f])}`).join(" · ") }))),
    h("section", { class: "card", "aria-labelledby": "esp-thresholds-title" },
      h("h2", { id: "esp-thresholds-title" }, t("esp.thresholds")),
      thresholds.length ? h("div", { class: "scroll" }, h("table", { id: "esp-thresholds" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("esp.industry")), h("th", { scope: "col", class: "num" }, t("esp.topPercent")),
          remove ? h("th", { scope: "col" }, t("esp.actions")) : null)),
        h("tbody", {}, thresholds.map((x) => h("tr", { "data-industry": x.industry }, h("td", {}, industryName(x.industry)),
          h("td", { class: "num" }, t("esp.percent", { n: figure(x.top_percent) })),
          remove ? h("td", {}, opener(t("esp.thresholdRemove"), remove(x.industry), { "data-remove-threshold": x.industry,
            "aria-label": t("esp.thresholdRemoveOf", { industry: industryName(x.industry) }) })) : null)))))
        : h("p", {}, t("esp.noThresholds")),
      remove ? h("div", { id: "esp-threshold-message" }) : null,
      h("p", { class: "sub" }, t("esp.otherTop", { n: figure(ranking.top_percent) })),
      h("h3", {}, t("esp.grid")),
      h("p", {}, t("esp.gridHow")),
      h("dl", { class: "facts" },
        h("dt", {}, t("esp.factor.sales")), h("dd", {}, cut(ranking.cuts.contribution)),
        h("dt", {}, t("esp.factor.potential")), h("dd", {}, cut(ranking.cuts.potential))),
      h("ul", {}, ["A", "B", "C", "D"].map((c) => h("li", {}, t(`esp.resource.${c}`), " · ", t(`esp.classHow.${c}`))))));
}

/** The admin's form: an industry's four weights, which must sum to 1 (the API says so if not). */
function weightsDialog({ industries, current, done }) {
  openDialog(t("esp.setTitle"), (close) => {
    const industry = h("select", {}, options(industries.map((x) => [x, industryName(x)]), industries[0]));
    const inputs = Object.fromEntries(FACTORS.map((f) => [f, h("input", { type: "number", min: 0, max: 1, step: 0.01,
      inputmode: "decimal", required: true })]));
    const sum = h("p", { class: "hint", id: "esp-sum", "aria-live": "polite" });
    const total = () => {
      const s = FACTORS.reduce((acc, f) => acc + (Number(inputs[f].value) || 0), 0);
      sum.textContent = t("esp.sum", { n: figure(s) });
    };
    const fill = () => {
      const w = current(industry.value);
      for (const f of FACTORS) inputs[f].value = String(w[f]);
      total();
    };
    industry.addEventListener("change", fill);
    for (const f of FACTORS) inputs[f].addEventListener("input", total);
    const form = captureForm({
      id: "esp-weights-form", submitLabel: t("common.save"), onCancel: close,
      onSubmit: async () => {
        const body = Object.fromEntries(FACTORS.map((f) => [f, Number(inputs[f].value)]));
        await api(`/v1/esp/weights/${seg(industry.value)}`, { method: "PUT", body });
        close();
        done(t("esp.saved", { industry: industryName(industry.value) }));
      },
    });
    form.append(form.field("industry", t("esp.industry"), industry),
      h("div", { class: "field-row" }, FACTORS.map((f) => form.field(f, t(`esp.factor.${f}`), inputs[f]))), sum);
    fill();
    return form.form;
  });
}

/** The admin's form: an industry's own share of key accounts (the API's 422 beside the field). */
function thresholdDialog({ industries, current, fallback, done }) {
  openDialog(t("esp.thresholdTitle"), (close) => {
    const industry = h("select", {}, options(industries.map((x) => [x, industryName(x)]), industries[0]));
    const top = h("input", { type: "number", min: 0, max: 100, step: "any", inputmode: "decimal", required: true });
    const fill = () => { top.value = String(current(industry.value) ?? fallback); };
    industry.addEventListener("change", fill);
    const form = captureForm({
      id: "esp-threshold-form", submitLabel: t("common.save"), onCancel: close,
      onSubmit: async () => {
        const saved = await api(`/v1/esp/thresholds/${seg(industry.value)}`, { method: "PUT",
          body: { top_percent: Number(top.value) } });
        close();
        done(t("esp.thresholdSaved", { industry: industryName(saved.industry), n: figure(saved.top_percent) }));
      },
    });
    form.append(form.field("industry", t("esp.industry"), industry),
      form.field("top_percent", t("esp.topPercentField"), top, { hint: t("esp.topPercentHint") }));
    fill();
    return form.form;
  });
}

/** The admin's button on a threshold's row: remove it (the industry joins the default pool). */
const removeThreshold = (done) => (industry) => async (event) => {
  const button = event.currentTarget;
  const message = document.getElementById("esp-threshold-message");
  button.disabled = true;
  message?.replaceChildren();
  try {
    await api(`/v1/esp/thresholds/${seg(industry)}`, { method: "DELETE" });
    done(t("esp.thresholdRemoved", { industry: industryName(industry) }));
  } catch (err) {
    button.disabled = false;
    if (message) replace(message, errorBox(err));
  }
};

export async function renderEsp(main, { params, asOf, me, isCurrent, refresh }) {
  if (!me.company_wide) {
    replace(main, h("h1", {}, t("esp.title")), h("p", { class: "notice", id: "esp-not-for-you" }, t("esp.notForYou")));
    return;
  }
  replace(main, loading());
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const [ranking, weights, thresholds] = await Promise.all([
    api("/v1/esp/accounts", { params: { as_of: asOf, limit: PAGE, offset } }),
    api("/v1/esp/weights"),
    api("/v1/esp/thresholds"),
  ]);
  if (!isCurrent()) return;
  const stored = Object.fromEntries(weights.map((w) => [w.industry, w]));
  // The defaults are what an account of an industry without weights of its own is scored with.
  const defaults = ranking.accounts.find((a) => !(a.industry in stored))?.weights || FALLBACK;
  const industries = [...new Set([...ranking.accounts.map((a) => a.industry), ...weights.map((w) => w.industry),
    ...thresholds.map((x) => x.industry)].filter(Boolean))].sort();
  const done = redraw(refresh);
  // Weights, thresholds and overrides are company settings: admins alone change them.
  const admin = me.role === "admin";
  const own = Object.fromEntries(thresholds.map((x) => [x.industry, x.top_percent]));

  replace(main,
    h("h1", {}, t("esp.title")),
    h("p", { class: "sub" }, t("common.asOf", { date: date(ranking.as_of) })),
    admin && industries.length ? captureBar([
      [t("esp.setOpen"), () => weightsDialog({ industries, current: (x) => stored[x] || defaults, done }), { id: "open-esp-weights" }],
      [t("esp.thresholdOpen"), () => thresholdDialog({ industries, current: (x) => own[x], fallback: ranking.top_percent, done }),
        { id: "open-esp-threshold" }]]) : null,
    rankingTable(ranking, offset, admin ? (a) => overrideDialog(a, done) : null),
    methodCard(ranking, weights, thresholds, defaults, admin ? removeThreshold(done) : null));
}
