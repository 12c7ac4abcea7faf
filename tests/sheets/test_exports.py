"""Spreadsheets out: the list and table reads (the customer line's account list, the key-person
line's lists, the influence list, tracked actions, the change feed) answer `?format=xlsx|csv`
with the JSON's rows, column for column; text that looks like a formula stays text; and a
rep's file holds nothing the rep's JSON does not."""

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pydantic import BaseModel

from app.changes.schemas import ChangeEvent
from app.kpis.schemas import AccountRow
from app.main import create_app
from app.sheets.words import Lang, change_detail, colleague_tag, translator
from app.sheets.writing import table
from tests.auth.conftest import create, org
from tests.conftest import AUTH, TEST_ZONE, ready, settings_for
from tests.servers import Server

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = '=HYPERLINK("http://x","y")'
PERIOD = {"since": "2026-03-01", "until": "2026-03-10"}


def flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A JSON row as a sheet holds it: nested objects by path, lists joined by "; "."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            out[prefix + key] = "; ".join(map(str, value)) or None
        else:
            out[prefix + key] = value
    return out


def key_person_rows(line: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"degree": d, "bucket": b, **p} for d, buckets in line["lists"].items()
            for b, people in buckets.items() for p in people] + [
        {"degree": None, "bucket": "not_insighted", **p} for p in line["not_insighted_list"]]


# Each export: its route, the JSON rows it must hold, a hostile text's column, the file name.
EXPORTS: dict[str, tuple[str, Callable[[dict[str, Any]], list[dict[str, Any]]], str, str]] = {
    "accounts": ("/v1/kpis/customers", lambda j: j["account_list"], "name", "accounts-"),
    "key_persons": ("/v1/kpis/key-persons", key_person_rows, "name", "key-persons-"),
    "influence_list": ("/v1/kpis/influence", lambda j: j["influence_list"], "department",
                       "influence-list-"),
    "actions": ("/v1/actions", lambda j: j["actions"], "note", "actions-"),
    "changes": ("/v1/changes", lambda j: j["events"], "detail", "changes-"),
}


@pytest.fixture
def rep(client: TestClient) -> dict[str, str]:
    """org() with a hostile text in every export: account a3 and contact c3 (a key person at
    a1 who leaves it on 03-08, so that a change event's detail starts with the name), c1's
    department, an action's note; and the same at a2, outside rep e1's perspective."""
    doc = org()
    doc["accounts"].append({"id": "a3", "name": HOSTILE})
    doc["contacts"][0]["department"] = HOSTILE
    doc["contacts"] += [
        {"id": "c3", "account_id": "a1", "name": HOSTILE, "key_person": True},
        {"id": "c4", "account_id": "a2", "name": "=1+1", "key_person": True},
        {"id": "c5", "account_id": "a1", "name": HOSTILE, "key_person": True},
        {"id": "c6", "account_id": "a2", "name": "孙伟", "key_person": True}]
    doc["relationships"] += [{"type": "OWNS", "from": "e1", "to": "a3"},
                             {"type": "INFLUENCES", "from": "e1", "to": "c5", "strength": 0.7}]
    doc["assessments"] = [{"contact_id": "c1", "at": "2026-01-05", "closeness": "support"},
                          {"contact_id": "c2", "at": "2026-01-05", "closeness": "oppose"}]
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    for contact, account in [("c3", "a1"), ("c4", "a2")]:
        ended = client.post("/v1/relationships/end", headers=AUTH, json={
            "type": "WORKS_AT", "from": contact, "to": account, "until": "2026-03-08"})
        assert ended.status_code == 200 and ended.json()["ended"] == 1, ended.text
    for account, owner in [("a1", "e1"), ("a2", "e3")]:
        made = client.post("/v1/actions", headers=AUTH, json={
            "account_id": account, "kind": "custom", "owner_id": owner, "due": "2027-01-15",
            "note": HOSTILE})
        assert made.status_code == 201, made.text
    return create(client, role="rep", employee_id="e1")


def params_for(name: str, scope: str) -> dict[str, str]:
    return {**PERIOD, "scope": scope} if name == "changes" else {"scope": scope}


def sheet_rows(content: bytes) -> tuple[list[str], list[dict[str, Any]], list[Any]]:
    """Header, rows by column, and every cell (for its type) of a workbook's first sheet."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return header, [dict(zip(header, r, strict=True)) for r in rows], [
        c for row in sheet.iter_rows() for c in row]


@pytest.mark.parametrize("name", list(EXPORTS))
def test_each_export_holds_the_json_rows_with_formulas_as_text(
        client: TestClient, rep: dict[str, str], name: str) -> None:
    path, rows_of, column, filename = EXPORTS[name]
    params = params_for(name, "company")
    expected = [flat(r) for r in rows_of(client.get(path, params=params, headers=AUTH).json())]
    assert len(expected) >= 2, "the scenario gives every export rows"
    book = client.get(path, params={**params, "format": "xlsx"}, headers=AUTH)
    assert book.status_code == 200, book.text
    assert book.headers["content-type"] == XLSX
    assert f'attachment; filename="{filename}' in book.headers["content-disposition"]
    assert book.headers["content-disposition"].endswith('.xlsx"')
    header, rows, cells = sheet_rows(book.content)
    assert header == list(expected[0])
    assert rows == expected and book.headers["X-BRM-Rows"] == str(len(expected))
    hostile = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert hostile and all(c.data_type == "s" for c in hostile), "formulas kept as text"
    assert any(r[column] is not None and r[column].startswith(HOSTILE) for r in rows)

    text = client.get(path, params={**params, "format": "csv"}, headers=AUTH)
    assert text.status_code == 200 and text.headers["content-type"].startswith(CSV)
    assert text.headers["content-disposition"].endswith('.csv"')
    read = list(csv.DictReader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert [list(r) for r in read[:1]] == [header]
    assert len(read) == len(expected)
    # Text a spreadsheet would run starts with a quote; the rest of the cell is the JSON's.
    quoted = [r[column] for r in read if r[column].startswith("'=")]
    assert quoted and all(q[1:].startswith("=") for q in quoted)
    assert not [v for r in read for v in r.values() if v.startswith(("=", "+", "@"))]


@pytest.mark.parametrize("name", ["accounts", "actions", "changes"])
def test_a_file_of_a_page_that_is_not_the_last_says_it_is_cut(
        client: TestClient, rep: dict[str, str], name: str) -> None:
    path, rows_of, _, _ = EXPORTS[name]
    params = params_for(name, "company")
    count = len(rows_of(client.get(path, params=params, headers=AUTH).json()))
    assert count >= 2, "the scenario gives every export rows"
    for offset, cut in [(None, False), (0, True), (count - 2, True), (count - 1, False)]:
        paged = params if offset is None else {**params, "offset": str(offset), "limit": "1"}
        sheet = client.get(path, params={**paged, "format": "csv"}, headers=AUTH)
        assert len(csv_rows(sheet)) == (count if offset is None else 1)
        assert (sheet.headers.get("X-BRM-Truncated") == "true") == cut, (offset, sheet.headers)


@pytest.mark.parametrize("name", list(EXPORTS))
def test_a_rep_exports_only_their_perspective(client: TestClient, rep: dict[str, str],
                                              name: str) -> None:
    path, rows_of, _, _ = EXPORTS[name]
    params = params_for(name, "employee:e1")
    seen = client.get(path, params=params, headers=rep)
    assert seen.status_code == 200, seen.text
    expected = [flat(r) for r in rows_of(seen.json())]
    _, rows, _ = sheet_rows(client.get(path, params={**params, "format": "xlsx"},
                                       headers=rep).content)
    assert rows == expected
    everything = [flat(r) for r in rows_of(
        client.get(path, params=params_for(name, "company"), headers=AUTH).json())]
    assert len(everything) > len(rows), "the company has rows the rep may not see"
    outside = {"a2", "c2", "c4", "c6", "e3", "e4", "o2"}
    assert not [v for r in rows for v in r.values() if v in outside]
    assert not [r for r in rows if "孙伟" in json.dumps(r, ensure_ascii=False)]
    # Another team's scope: refused as the JSON is, with no file.
    refused = client.get(path, params={**params_for(name, "team:t2"), "format": "xlsx"},
                         headers=rep)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")


def test_the_format_parameter_is_in_the_openapi_document(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path, *_ in [*EXPORTS.values(), ("/v1/opportunities/{id}/decision-chain",)]:
        operation = doc["paths"][path]["get"]
        assert "format" in [p["name"] for p in operation["parameters"]], path
        assert {CSV, XLSX} <= set(operation["responses"]["200"]["content"]), path


def test_a_file_for_people_is_headed_and_said_in_their_language(
        client: TestClient, rep: dict[str, str]) -> None:
    # The key-person lists: the degree and the list in words, the people as they are.
    words = {"closeness": "关系紧密度", "solution": "方案认可度", "price": "价格接受度",
             "supportive": "支持", "neutral": "中立", "opposed": "反对", "unknown": "未知",
             "not_insighted": "未洞察", None: None}
    params = {"scope": "company"}
    line = client.get("/v1/kpis/key-persons", params=params, headers=AUTH).json()
    expected = [[words[r["degree"]], words[r["bucket"]], r["contact_id"], r["name"],
                 r["account_id"], r["account_name"]] for r in key_person_rows(line)]
    book = client.get("/v1/kpis/key-persons", headers=AUTH,
                      params={**params, "format": "xlsx", "lang": "zh-CN"})
    sheet = load_workbook(io.BytesIO(book.content)).worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == ["维度", "名单", "人员编号", "姓名", "客户编号", "客户"]
    assert rows == expected and len(rows) >= 2
    # The header stays in view; a column is as wide as its widest text (江苏农商银行: six
    # characters of two columns each, and two to spare), where the default is 13.
    assert sheet.freeze_panes == "A2" and sheet.title == "关键人"
    # Saved under a name in those words (RFC 6266), and a plain one for older clients.
    today = line["as_of"]
    assert book.headers["content-disposition"] == (
        f'attachment; filename="key-persons-company-{today}.xlsx"; '
        f"filename*=UTF-8''{quote(f'关键人-全公司-{today}.xlsx')}")
    assert sheet.column_dimensions["F"].width == 14
    # The same in a CSV, and an action's kind, status and overdue flag in English words.
    text = client.get("/v1/kpis/key-persons", headers=AUTH,
                      params={**params, "format": "csv", "lang": "zh-CN"})
    assert next(csv.reader(io.StringIO(text.content.decode("utf-8-sig")))) == header
    actions = client.get("/v1/actions", headers=AUTH,
                         params={**params, "format": "csv", "lang": "en"})
    read = list(csv.DictReader(io.StringIO(actions.content.decode("utf-8-sig"))))
    assert len(read) == 2
    assert actions.headers["content-disposition"].endswith(
        f"filename*=UTF-8''actions-company-{today}.csv")
    assert {(r["Kind"], r["Status"], r["Overdue"]) for r in read} == {("Own action", "open", "no")}
    # What an action points to, by the names its answer gives (the ids are a program's).
    assert {(r["Account"], r["Owner"]) for r in read} == {("华东电网", "李明"), ("江苏农商银行", "赵敏")}
    # The rep's own file: the action of their account, by their name.
    mine = client.get("/v1/actions", headers=rep, params={"format": "csv", "lang": "zh-CN"})
    assert mine.headers["content-disposition"].endswith(quote(f"行动-我的-{today}.csv"))
    owners = {r["负责人"] for r in csv.DictReader(io.StringIO(mine.content.decode("utf-8-sig")))}
    assert owners == {"李明"}
    # One the rep made: its creator by name, the sign-in it used left out, and when it was made
    # in the organisation's time (the answer keeps it in UTC).
    made = client.post("/v1/actions", headers=rep, json={
        "account_id": "a1", "kind": "custom", "owner_id": "e1", "due": "2030-01-01",
        "note": "call back"}).json()
    said = {r["备注"]: r for r in csv_rows(client.get(
        "/v1/actions", headers=rep, params={"format": "csv", "lang": "zh-CN"}))}["call back"]
    assert said["创建者"] == "李明" and "创建者（账号）" not in said
    assert said["创建时间"] == datetime.fromisoformat(made["created_at"]).astimezone(
        ZoneInfo(TEST_ZONE)).strftime("%Y-%m-%d %H:%M")
    # A figure's parts under its name; the account's name as the account.
    accounts = client.get("/v1/kpis/customers", headers=AUTH,
                          params={**params, "format": "csv", "lang": "zh-CN"})
    columns = next(csv.reader(io.StringIO(accounts.content.decode("utf-8-sig"))))
    assert columns[:5] == ["客户编号", "客户", "重点跟进", "在跟金额", "在跟金额（上月）"]
    assert "关系紧密度（环比）" in columns
    # The account's key persons by name (c2 and c6 at a2; c4 left it).
    by_account = {r["客户编号"]: r["关键人名单"] for r in csv_rows(accounts)}
    assert "关键人数" in columns and len(set(columns)) == len(columns)  # one header a column
    assert sorted(by_account["a2"].split("; ")) == ["孙伟", "陈红梅"]
    # Without a language, the field names and values as the JSON has them (a program's file).
    plain = client.get("/v1/actions", headers=AUTH, params={**params, "format": "csv"})
    row = next(csv.DictReader(io.StringIO(plain.content.decode("utf-8-sig"))))
    assert (row["kind"], row["status"], row["overdue"]) == ("custom", "open", "False")


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_file_holds_the_whole_list_the_screen_shows_the_first_of(
        neo4j_server: Server, client: TestClient, rep: dict[str, str]) -> None:
    # The acquainted key persons of rep(): c1 and c5 at a1 (owner e1, 李明), c2 at a2 (owner
    # e3, 赵敏). A screen of one shows one; the file holds the three, the owners by name.
    company = {"scope": "company"}
    short = settings_for(neo4j_server, list_limit=1)
    with TestClient(create_app(short), raise_server_exceptions=False) as api:
        ready(api)
        line = api.get("/v1/kpis/influence", params=company, headers=AUTH).json()
        assert len(line["influence_list"]) == 1 and line["acquainted"]["value"] == 3
        whole = api.get("/v1/kpis/influence", headers=AUTH,
                        params={**company, "format": "csv", "lang": "zh-CN"})
        assert "X-BRM-Truncated" not in whole.headers
        assert sorted((r["人员编号"], r["客户负责人"]) for r in csv_rows(whole)) == [
            ("c1", "李明"), ("c2", "赵敏"), ("c5", "李明")]
        # Without a language, a program's file: the owners by id.
        assert sorted(r["owner_ids"] for r in csv_rows(api.get(
            "/v1/kpis/influence", headers=AUTH, params={**company, "format": "csv"}))) == [
            "e1", "e1", "e3"]
        # The key persons' lists likewise: every list's people, not its first.
        people = api.get("/v1/kpis/key-persons", params=company, headers=AUTH).json()
        counted = sum(bucket["value"] for degree in people["buckets"].values()
                      for bucket in degree.values()) + people["not_insighted"]["value"]
        shown = len(key_person_rows(people))
        sheet = api.get("/v1/kpis/key-persons", headers=AUTH, params={**company, "format": "csv"})
        assert shown < len(csv_rows(sheet)) == counted
        assert "X-BRM-Truncated" not in sheet.headers
    # A file longer than the export limit holds its first and says it is cut.
    tight = settings_for(neo4j_server, export_limit=2)
    with TestClient(create_app(tight), raise_server_exceptions=False) as api:
        ready(api)
        cut = api.get("/v1/kpis/influence", headers=AUTH, params={**company, "format": "csv"})
        assert len(csv_rows(cut)) == 2 and cut.headers["X-BRM-Truncated"] == "true"


def test_a_change_says_its_values_before_and_after_in_words() -> None:
    # An attitude, a role or a vote in words; a ratio or a day as it is.
    before, after = (translator(ChangeEvent, c, Lang.ZH) for c in ("from", "to"))
    assert [before(v) for v in ("support", "decision_maker", True, 0.42, "2026-03-01", None)] == [
        "支持", "决策者", "是", 0.42, "2026-03-01", None]
    assert after("strong_oppose") == "强烈反对"
    # Figures as people read them: a count or an amount whole, a share or an average to four
    # places.
    share, amount = (translator(AccountRow, c, Lang.ZH) for c in ("closeness.value",
                                                                  "open_amount.value"))
    assert [share(0.5714285714), share(2.0), amount(1280000.0), amount(None)] == [
        0.5714, 2, 1280000, None]
    assert translator(ChangeEvent, "to", Lang.EN)("strong_oppose") == "strong oppose"


class Days(BaseModel):
    on: date
    until: date | None
    moment: datetime | None
    seen: list[date]


def test_a_day_is_a_date_and_a_moment_its_wall_time_for_people() -> None:
    """In a person's file a day is a date and a moment the wall time its answer gave it in
    (date cells, in a workbook); a list of days stays text in one cell."""
    on, until, moment, seen = (translator(Days, c, Lang.ZH) for c in ("on", "until", "moment",
                                                                      "seen"))
    assert (on("2026-03-01"), until(None)) == (date(2026, 3, 1), None)
    assert moment("2026-03-01T14:30:00+08:00") == datetime(2026, 3, 1, 14, 30)
    assert seen(["2026-03-01", "2026-03-02"]) == ["2026-03-01", "2026-03-02"]


def test_a_change_is_said_in_the_words_of_the_weekly_review() -> None:
    def said(lang: Lang = Lang.ZH, **fields: Any) -> str:
        event = ChangeEvent(at="2026-03-02", contact_id="c1", detail="(the API's English)",
                            **fields)
        return change_detail(event, {"c1": "王建国", "e1": "李明"}, lang)

    assert said(type="assessment_changed", feature="closeness", from_="support",
                to="oppose") == "王建国：关系紧密度从支持变为反对"
    assert said(type="vote_changed", feature="veto", from_=None, to=True) == (
        "王建国：一票否决人从未知变为是")
    assert said(type="member_added", from_="user", to="decision_maker") == (
        "王建国的角色从使用者变为决策者")
    assert said(type="member_added", to="coach") == "王建国加入决策链，角色为教练"
    assert said(type="coverage_dropped", from_=0.6, to=0.125) == "加权支持覆盖率从60%降至12.5%"
    assert said(type="relationship_cooling", employee_id="e1", from_=0.642, to=0.4) == (
        "李明与王建国的关系在降温：活动强度 0.64 → 0.40")
    hidden = said(type="relationship_cooling", employee_id="colleague-xyz", from_=0.5, to=0.2)
    assert hidden == (f"同事 #{colleague_tag('colleague-xyz')}（未显示姓名）"
                      "与王建国的关系在降温：活动强度 0.50 → 0.20")
    assert said(Lang.EN, type="contact_left") == "王建国 left the account"


def test_a_cell_is_data_whatever_text_it_holds() -> None:
    # Anyone's text may hold a control character (a summary pasted from a terminal), or U+FFFE:
    # a workbook cannot (XML 1.0), so it is left out rather than failing or spoiling the file.
    # An error's name is text, not an error value; text in a CSV is quoted, so that a
    # spreadsheet splitting the file at ";" (as many locales do) finds no formula inside it.
    rows = [["line\x0bbreak \x1b[31mred\ufffe\uffff", "#REF!", "x;=1+1", 3, None]]
    book = load_workbook(io.BytesIO(table(XLSX, ["a", "b", "c", "d", "e"], rows))).worksheets[0]
    [cells] = list(book.iter_rows(min_row=2))
    assert [c.value for c in cells] == ["linebreak [31mred", "#REF!", "x;=1+1", 3, None]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"]
    text = table(CSV, ["a", "b", "c", "d", "e"], rows).decode("utf-8-sig")
    assert text.splitlines() == ["a,b,c,d,e", '"linebreak [31mred","\'#REF!","x;=1+1",3,""']
