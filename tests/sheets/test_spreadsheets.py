"""Spreadsheets in: a part of the import document as CSV or XLSX, validated whole (every error
by row and column, nothing written), templates of each part; hostile cells stay data."""

import io
import zipfile
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from neo4j import Driver
from openpyxl import Workbook, load_workbook

from tests.auth.conftest import org
from tests.conftest import AUTH, count, graph_fingerprint

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def post(client: TestClient, part: str, body: bytes, media: str,
         headers: dict[str, str] = AUTH) -> Any:
    return client.post(f"/v1/import/{part}", content=body,
                       headers={**headers, "content-type": media})


def xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BASE = {"accounts": [{"id": "a1", "name": "华东电网"}]}


def test_a_csv_with_two_bad_rows_is_refused_whole_with_both_errors_then_imported_when_fixed(
        client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    bad = ("id,account_id,name,title,key_person\n"
           "c1,a1,王建国,信息中心主任,true\n"
           "c2,a9,陈红梅,CFO,false\n"       # row 3: no account a9
           "c3,a1,,主任,yes\n").encode()   # row 4: no name
    refused = post(client, "contacts", bad, CSV)
    assert refused.status_code == 422, refused.text
    # In the file's order, though the missing name is found before the unknown account.
    errors = [(e["row"], e["column"]) for e in refused.json()["errors"]]
    assert errors == [(3, "account_id"), (4, "name")]
    assert graph_fingerprint(raw_driver) == before  # nothing written
    fixed = bad.replace(b"a9", b"a1").replace(b",,", ",刘洋,".encode())
    imported = post(client, "contacts", fixed, CSV)
    assert imported.status_code == 200, imported.text
    assert imported.json()["counts"]["contacts"] == 3
    assert count(raw_driver, "MATCH (c:Contact {key_person: true}) RETURN count(c)") == 2
    assert client.get("/v1/contacts/c2", headers=AUTH).json()["title"] == "CFO"


def test_a_yes_no_column_takes_the_chinese_words_and_only_there(client: TestClient) -> None:
    """是 and 否 in a yes/no column are true and false; in a column of text, 是 stays a name."""
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    sheet = "id,account_id,name,key_person\nc1,a1,是,是\nc2,a1,否,否\n".encode()
    assert post(client, "contacts", sheet, CSV).status_code == 200
    stored = {c: client.get(f"/v1/contacts/{c}", headers=AUTH).json() for c in ("c1", "c2")}
    assert {c: (v["name"], v["key_person"]) for c, v in stored.items()} == {
        "c1": ("是", True), "c2": ("否", False)}
    maybe = post(client, "contacts", "id,account_id,name,key_person\nc3,a1,x,也许\n".encode(), CSV)
    assert [(e["row"], e["column"], e["code"]) for e in maybe.json()["errors"]] == [
        (2, "key_person", "bool_parsing")]


def test_attitudes_roles_activity_types_and_statuses_take_the_words_the_app_shows(
        client: TestClient) -> None:
    """A sheet filled in Chinese: 支持 is support where an attitude goes, 拜访 a visit, 赢单
    won, 决策者 a decision maker; elsewhere the words stay text; a word of no value is listed
    at its cell."""
    assert client.post("/v1/import", headers=AUTH, json={
        **BASE, "employees": [{"id": "e1", "name": "李明"}],
        "contacts": [{"id": "c1", "account_id": "a1", "name": "王建国"}]}).status_code == 200
    deals = "id,account_id,name,status,closed_at\no1,a1,支持,赢单,2026-03-01\n".encode()
    assert post(client, "opportunities", deals, CSV).status_code == 200
    assert client.get("/v1/opportunities/o1", headers=AUTH).json()["status"] == "won"
    chain = "type,from,to,role\nIN_DECISION_CHAIN,c1,o1,决策者\n".encode()
    assert post(client, "relationships", chain, CSV).status_code == 200
    visits = "id,at,type,employee_ids,contact_ids\nv1,2026-02-01,拜访,e1,c1\n".encode()
    assert post(client, "activities", visits, CSV).status_code == 200
    said = "contact_id,at,closeness,solution,price\nc1,2026-02-02,支持,强烈反对,中立\n".encode()
    assert post(client, "assessments", said, CSV).status_code == 200
    portrait = client.get("/v1/contacts/c1/portrait", params={"as_of": "2026-02-28"},
                          headers=AUTH).json()["features"]
    assert (portrait["closeness"], portrait["solution"], portrait["price"]) == (
        "support", "strong_oppose", "neutral")
    assert client.get("/v1/opportunities/o1", headers=AUTH).json()["name"] == "支持"
    wrong = post(client, "assessments", "contact_id,at,closeness\nc1,2026-02-03,很好\n".encode(),
                 CSV)
    assert [(e["row"], e["column"], e["code"]) for e in wrong.json()["errors"]] == [
        (2, "closeness", "enum")]


def test_an_xlsx_workbook_with_dates_numbers_and_list_cells(client: TestClient,
                                                          raw_driver: Driver) -> None:
    from datetime import datetime
    doc = {**BASE, "employees": [{"id": "e1", "name": "李明"}, {"id": "e2", "name": "王芳"}],
           "contacts": [{"id": "c1", "account_id": "a1", "name": "王建国"}]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    book = xlsx([["id", "account_id", "name", "amount", "created_at"],
                 ["o1", "a1", "数据中台", 1200000, datetime(2026, 3, 1)]])
    assert post(client, "opportunities", book, XLSX).status_code == 200
    found = client.get("/v1/opportunities/o1", headers=AUTH).json()
    assert found["amount"] == 1200000 and found["created_at"] == "2026-03-01"
    visits = xlsx([["id", "at", "type", "employee_ids", "contact_ids"],
                   ["v1", "2026-03-02", "visit", "e1; e2", "c1"]])
    assert post(client, "activities", visits, XLSX).status_code == 200, "list cells split on ;"
    assert count(raw_driver, "MATCH (:Employee)-[:PARTICIPATED_IN]->(:Activity {id: 'v1'}) "
                             "RETURN count(*)") == 2


def test_files_that_are_not_what_they_say_and_unknown_columns_are_refused(
        client: TestClient) -> None:
    not_a_workbook = post(client, "accounts", b"id,name\na1,x\n", XLSX)
    assert not_a_workbook.status_code == 422
    assert "XLSX" in not_a_workbook.json()["errors"][0]["message"]
    unknown = post(client, "accounts", "id,name,colour\na1,华东电网,red\n".encode(), CSV)
    assert unknown.status_code == 422
    assert [(e["row"], e["column"]) for e in unknown.json()["errors"]] == [(1, "colour")]
    assert post(client, "accounts", b"\xff\xfe", CSV).status_code == 422  # not UTF-8
    assert post(client, "accounts", b"id,name\n", "application/json").status_code == 422
    assert client.post("/v1/import/nonsense", content=b"id\n",
                       headers={**AUTH, "content-type": CSV}).status_code == 422


def broken(book: bytes, part: str, text: bytes | None) -> bytes:
    """The workbook with one of its parts replaced (None: left out)."""
    out = io.BytesIO()
    with (zipfile.ZipFile(io.BytesIO(book)) as source,
          zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target):
        for name in source.namelist():
            if name != part:
                target.writestr(name, source.read(name))
            elif text is not None:
                target.writestr(name, text)
    return out.getvalue()


def test_a_workbook_with_a_broken_part_is_refused_as_no_workbook(client: TestClient,
                                                                  raw_driver: Driver) -> None:
    book = xlsx([["id", "name"], ["a1", "华东电网"], ["a2", "江苏农商银行"]])
    sheet = "xl/worksheets/sheet1.xml"
    before = graph_fingerprint(raw_driver)
    for damaged in (broken(book, sheet, zipfile.ZipFile(io.BytesIO(book)).read(sheet)[:-40]),
                    broken(book, sheet, None),
                    broken(book, "xl/workbook.xml", b"<workbook"),
                    broken(book, "[Content_Types].xml", b"<Types"),
                    broken(book, "xl/styles.xml", b"<styleSheet")):
        refused = post(client, "accounts", damaged, XLSX)
        assert refused.status_code == 422, refused.text
        assert [e["code"] for e in refused.json()["errors"]] == ["not_xlsx"]
    assert graph_fingerprint(raw_driver) == before


def test_a_workbook_that_unpacks_to_far_more_than_its_size_is_refused_unread(
        client: TestClient) -> None:
    book = xlsx([["id", "name"], ["a1", "华东电网"]])
    sheet = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(book)).read(sheet)
    padded = broken(book, sheet, xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 40_000_000))
    assert len(padded) < 1_000_000  # 40 MB of spaces packs into a few dozen KB
    refused = post(client, "accounts", padded, XLSX)
    assert refused.status_code == 422, refused.text
    assert [e["code"] for e in refused.json()["errors"]] == ["xlsx_too_large"]
    assert client.get("/v1/accounts/a1", headers=AUTH).status_code == 404


def test_text_that_looks_like_a_formula_is_data(client: TestClient) -> None:
    formula = '=HYPERLINK("http://evil.example","click")'
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(["id", "name"])
    sheet.append(["a1", formula])
    sheet["B2"].data_type = "s"  # a text cell, as a spreadsheet keeps typed-in text
    out = io.BytesIO()
    book.save(out)
    assert post(client, "accounts", out.getvalue(), XLSX).status_code == 200
    assert client.get("/v1/accounts/a1", headers=AUTH).json()["name"] == formula
    csv_file = f'id,name\na2,"{formula.replace(chr(34), chr(34) * 2)}"\n'.encode()
    assert post(client, "accounts", csv_file, CSV).status_code == 200
    assert client.get("/v1/accounts/a2", headers=AUTH).json()["name"] == formula


def test_a_rep_imports_only_inside_their_perspective(client: TestClient,
                                                     raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    rep = client.post("/v1/principals", headers=AUTH, json={"role": "rep", "employee_id": "e1"})
    headers = {"Authorization": f"Bearer {rep.json()['token']}"}
    before = graph_fingerprint(raw_driver)
    sheet = "id,account_id,name\nc5,a1,刘洋\nc6,a2,孙伟\n".encode()
    refused = post(client, "contacts", sheet, CSV, headers)
    assert refused.status_code == 403
    assert [(e["row"], e.get("column")) for e in refused.json()["errors"]] == [(3, None)]
    assert graph_fingerprint(raw_driver) == before


def test_templates_name_every_column_of_the_part(client: TestClient) -> None:
    csv_template = client.get("/v1/import/relationships/template", headers=AUTH)
    assert csv_template.status_code == 200
    assert csv_template.headers["content-type"].startswith(CSV)
    header = csv_template.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:4] == ["note", "type", "from", "to"] or {"type", "from", "to"} <= set(header)
    book = client.get("/v1/import/contacts/template", params={"format": "xlsx"}, headers=AUTH)
    assert book.status_code == 200
    first = next(load_workbook(io.BytesIO(book.content)).worksheets[0].iter_rows(values_only=True))
    assert {"id", "account_id", "name", "title", "key_person"} <= set(first)
    # A template filled in as it is imports (round trip through the template's own header).
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    row = {"id": "c1", "account_id": "a1", "name": "王建国"}
    filled = xlsx([list(first), [row.get(str(c)) for c in first]])
    assert post(client, "contacts", filled, XLSX).status_code == 200


def test_a_template_for_people_says_what_each_column_takes_and_still_imports(
        client: TestClient, raw_driver: Driver) -> None:
    book = client.get("/v1/import/assessments/template", headers=AUTH,
                      params={"format": "xlsx", "lang": "zh-CN"})
    assert book.status_code == 200
    workbook = load_workbook(io.BytesIO(book.content))
    first, help_sheet = workbook.worksheets
    header = next(first.iter_rows(values_only=True))
    assert help_sheet.title == "说明"
    lines = {r[0]: r[1:] for r in help_sheet.iter_rows(min_row=4, values_only=True)}
    assert list(lines) == list(header)  # a line per column, in the header's order
    assert lines["contact_id"] == ("被评估人员的编号", "是", "文本")
    assert lines["at"] == ("评估日期", "是", "日期，如 2026-12-04")
    assert lines["closeness"][1:] == (
        "否", "以下之一：强烈支持、支持、中立、反对、强烈反对、未知")
    assert lines["veto"][1:] == ("否", "是 或 否")
    english = load_workbook(io.BytesIO(client.get(
        "/v1/import/relationships/template", headers=AUTH,
        params={"format": "xlsx", "lang": "en"}).content)).worksheets[1]
    assert english.title == "Help"
    assert ("strength", "Strength of an influence, 0 to 1", "no", "a number from 0 to 1") in set(
        english.iter_rows(min_row=4, values_only=True))
    # Filled in on its first sheet, in the words the help gives, the workbook imports as it is.
    assert client.post("/v1/import", json={**BASE, "contacts": [
        {"id": "c1", "account_id": "a1", "name": "王建国"}]}, headers=AUTH).status_code == 200
    row = {"contact_id": "c1", "at": "2026-01-05", "closeness": "支持", "veto": "是"}
    first.append([row.get(str(c)) for c in header])
    filled = io.BytesIO()
    workbook.save(filled)
    assert post(client, "assessments", filled.getvalue(), XLSX).status_code == 200
    assert count(raw_driver, "MATCH (a:Assessment {contact_id: 'c1', closeness: 'support', "
                             "veto: true}) RETURN count(a)") == 1


def test_the_decision_chain_exports_the_members_the_api_answers(client: TestClient) -> None:
    hostile = '=HYPERLINK("http://evil.example","x")'
    # A deal whose id is a date: a file's date is never looked up as a record's id.
    doc = {**BASE, "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"},
                                     {"id": "2026-01-31", "account_id": "a1", "name": "秘密"}],
           "contacts": [{"id": "c1", "account_id": "a1", "name": "王建国", "title": hostile},
                        {"id": "c2", "account_id": "a1", "name": "陈红梅"}],
           "relationships": [
               {"type": "IN_DECISION_CHAIN", "from": "c1", "to": "o1", "role": "decision_maker"},
               {"type": "IN_DECISION_CHAIN", "from": "c2", "to": "o1", "role": "user"}],
           "assessments": [{"contact_id": "c1", "at": "2026-01-05", "closeness": "support"}]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    members = client.get("/v1/opportunities/o1/decision-chain", headers=AUTH).json()["members"]
    book = client.get("/v1/opportunities/o1/decision-chain", params={"format": "xlsx"},
                      headers=AUTH)
    assert book.status_code == 200 and book.headers["content-type"] == XLSX
    assert 'filename="decision-chain-o1-' in book.headers["content-disposition"]
    # A person's file is saved under the deal's name.
    said = client.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                      params={"format": "xlsx", "lang": "zh-CN", "as_of": "2026-01-31"})
    assert said.headers["content-disposition"].endswith(
        "filename*=UTF-8''" + quote("决策链-数据中台-2026-01-31.xlsx"))
    sheet = load_workbook(io.BytesIO(book.content)).worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == list(members[0])
    # A list cell holds its items separated by "; " (as imported), an empty list no value.
    assert len(rows) == 2 and rows == [
        [("; ".join(m[h]) or None) if isinstance(m[h], list) else m[h] for h in header]
        for m in members]
    title = next(c for c in sheet["C"] if c.value == hostile)  # the hostile title, as text
    assert title.data_type == "s"
    text = client.get("/v1/opportunities/o1/decision-chain", params={"format": "csv"},
                      headers=AUTH)
    assert text.headers["content-type"].startswith(CSV)
    assert "'" + hostile.replace('"', '""') in text.content.decode("utf-8-sig")
