"""The weekly review's activity as a spreadsheet (`GET /v1/activities?format=`), on the
scenario of test_activity_feed, worked out by hand: the colleagues' figures a column per type,
the activities a row each with their people, accounts and our colleagues by name."""

import csv
import io
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.auth.references import COLLEAGUE_PREFIX
from app.sheets.words import colleague_tag
from tests.activities.test_activity_feed import WEEK, graph
from tests.auth.conftest import create
from tests.conftest import AUTH, TEST_ZONE

HIDDEN = "同事 #{}（未显示姓名）"


def sheet(response: Any) -> tuple[str, list[list[Any]]]:
    """A workbook's first sheet: its title and rows, the header first."""
    assert response.status_code == 200, response.text
    first = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return first.title, [list(r) for r in first.iter_rows(values_only=True)]


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def get(client: TestClient, headers: dict[str, str], **params: Any) -> Any:
    return client.get("/v1/activities", params={**WEEK, **params}, headers=headers)


def test_a_leads_week_as_a_workbook_in_their_words(client: TestClient) -> None:
    document = graph()
    document["activities"][1]["summary"] = "=1+1 报价沟通"  # x2: text, never a formula
    assert client.post("/v1/import", json=document, headers=AUTH).status_code == 200
    lead = create(client, role="lead", employee_id="e2")
    rep = create(client, role="rep", employee_id="e1")  # x7, e1's call, theirs alone
    assert client.patch("/v1/activities/x7", json={"private": True}, headers=rep).status_code == 200
    outsider = next(c["employee_id"] for c in get(client, lead, scope="team:t1").json()[
        "by_colleague"] if c["employee_id"].startswith(COLLEAGUE_PREFIX))  # e3, to the lead
    hidden = HIDDEN.format(colleague_tag(outsider))

    colleagues = get(client, lead, scope="team:t1", format="xlsx", lang="zh-CN",
                     rows="colleagues")
    title, rows = sheet(colleagues)
    assert title == "同事"
    assert rows == [
        ["同事", "属于所选范围", "活动次数", "其他客户的活动", "接触客户人数", "客户数",
         "拜访", "会议", "电话", "宴请", "邮件", "消息", "演示", "活动", "其他"],
        # e1: x1 visit, x2 call, x3 dinner with p1, p2 of a1; e2: x5 message with r1 of a3;
        # e3 at the dinner, counted with the team's person p2 only. No member met other
        # accounts' people alone; of another team's colleague nothing is said there.
        ["李明", "是", 3, 0, 2, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0],
        ["王芳", "是", 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0],
        [hidden, "否", 1, None, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]]
    assert colleagues.headers["X-BRM-Rows"] == "3" and "X-BRM-Truncated" not in colleagues.headers
    # After the rows, what they count: the team by name, the period, the totals of the feed
    # (x1, x2, x3 and x5 with p1, p2 and r1 of a1 and a3), and that a shared one counts twice.
    about = load_workbook(io.BytesIO(colleagues.content)).worksheets[1]
    assert about.title == "说明"
    assert [list(r) for r in about.iter_rows(values_only=True)] == [
        ["范围", "能源"], ["时段", "2026-11-24 至 2026-11-30"], ["活动次数", 4],
        ["接触客户人数", 3], ["接触客户数", 2], ["多位同事一起参加的活动，为每位同事各计一次。", None]]
    # Saved under the team's name, where a program's file has its id.
    assert colleagues.headers["content-disposition"] == (
        'attachment; filename="colleague-activity-team-t1-2026-11-24-2026-11-30.xlsx"; '
        f"filename*=UTF-8''{quote('同事活动-能源-2026-11-24-2026-11-30.xlsx')}")
    cut = get(client, lead, scope="team:t1", format="csv", rows="colleagues", colleagues_limit=2)
    assert len(csv_rows(cut)) == 2 and cut.headers["X-BRM-Truncated"] == "true"
    # The company has no members, so no column says "no" of everyone; types are headed as
    # words of their own in English.
    company = csv_rows(get(client, AUTH, scope="company", format="csv", lang="en",
                           rows="colleagues"))
    # An account no one has met says so, as the screen does.
    before = csv_rows(get(client, AUTH, scope="company", since="2026-11-17", until="2026-11-23",
                          format="csv", lang="zh-CN", rows="accounts"))
    assert [(r["客户"], r["最近接触"]) for r in before] == [
        ("国网江苏", "从未接触"), ("江苏农商银行", "从未接触"), ("华东电网", "2026-11-23")]
    english = get(client, AUTH, scope="company", format="xlsx", lang="en", rows="accounts")
    about = load_workbook(io.BytesIO(english.content)).worksheets[1]
    assert [list(r) for r in about.iter_rows(values_only=True)][:2] == [
        ["Scope", "company"], ["Period", "2026-11-24 to 2026-11-30"]]
    assert list(company[0]) == ["Colleague", "Activities", "Their people met", "Accounts",
                                "Visit", "Meeting", "Call", "Dinner", "Email", "Message", "Demo",
                                "Event", "Other"]
    assert [(r["Colleague"], r["Activities"], r["Dinner"]) for r in company] == [
        ("李明", "3", "1"), ("赵敏", "2", "1"), ("王芳", "1", "0")]

    accounts = get(client, lead, scope="team:t1", format="xlsx", lang="zh-CN", rows="accounts")
    title, rows = sheet(accounts)
    assert title == "客户"
    assert rows == [["客户", "重点跟进", "最近接触", "活动次数", "接触联系人数", "接触的同事数"],
                    ["华东电网", "否", datetime(2026, 11, 26), 3, 2, 2],
                    ["国网江苏", "是", datetime(2026, 11, 30), 1, 1, 1]]
    assert accounts.headers["content-disposition"].endswith(
        f"filename*=UTF-8''{quote('客户接触-能源-2026-11-24-2026-11-30.xlsx')}")
    cut = get(client, lead, scope="team:t1", format="csv", rows="accounts", accounts_limit=1)
    assert [r["account_id"] for r in csv_rows(cut)] == ["a1"]
    assert cut.headers["X-BRM-Truncated"] == "true"

    activities = get(client, lead, scope="team:t1", format="xlsx", lang="zh-CN")
    title, rows = sheet(activities)
    assert title == "客户活动"
    assert rows == [
        ["日期", "时间", "类型", "摘要", "我方人员", "客户方人员", "客户", "项目", "仅自己可见",
         "编号"],
        [datetime(2026, 11, 30), None, "消息", None, "王芳", "刘洋", "国网江苏", None, "否", "x5"],
        # Our people as the lead is shown them (those the lead sees first); q1 of a2 is not the
        # team's to see.
        [datetime(2026, 11, 26), None, "宴请", None, f"李明; {hidden}", "陈伟", "华东电网", None,
         "否", "x3"],
        [datetime(2026, 11, 25), None, "电话", "=1+1 报价沟通", "李明", "王建国; 陈伟", "华东电网",
         None, "否", "x2"],
        [datetime(2026, 11, 24), None, "拜访", None, "李明", "王建国", "华东电网", None, "否", "x1"]]
    cells = load_workbook(io.BytesIO(activities.content)).worksheets[0]
    assert cells["D4"].value == "=1+1 报价沟通" and cells["D4"].data_type == "s"
    # A day is a date cell, which a spreadsheet sorts, filters and groups by month.
    assert cells["A2"].is_date and cells["A2"].number_format == "yyyy-mm-dd"
    assert activities.headers["content-disposition"].endswith(
        f"filename*=UTF-8''{quote('客户活动-能源-2026-11-24-2026-11-30.xlsx')}")
    assert 'filename="activities-team-t1-2026-11-24-2026-11-30.xlsx"' in activities.headers[
        "content-disposition"]
    # A page of two of the four says it is cut; the last page does not.
    assert get(client, lead, scope="team:t1", format="csv", limit=2).headers[
        "X-BRM-Truncated"] == "true"
    last = get(client, lead, scope="team:t1", format="csv", limit=2, offset=2)
    assert [r["id"] for r in csv_rows(last)] == ["x2", "x1"]
    assert "X-BRM-Truncated" not in last.headers


def test_a_reps_file_holds_what_their_screen_does(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    rep = create(client, role="rep", employee_id="e1")
    assert client.patch("/v1/activities/x7", json={"private": True}, headers=rep).status_code == 200
    # A program's file: the JSON's field names and values, ids as they are.
    rows = csv_rows(get(client, rep, scope="employee:e1", format="csv"))
    seen = get(client, rep, scope="employee:e1").json()
    outsider = next(e for a in seen["activities"] for e in a["employee_ids"] if e != "e1")
    assert [{k: r[k] for k in ("id", "type", "employee_ids", "contact_ids", "account_ids",
                               "private")} for r in rows] == [
        {"id": "x7", "type": "call", "employee_ids": "e1", "contact_ids": "p2",
         "account_ids": "a1", "private": "True"},
        {"id": "x3", "type": "dinner", "employee_ids": f"e1; {outsider}", "contact_ids": "p2",
         "account_ids": "a1", "private": "False"},
        {"id": "x2", "type": "call", "employee_ids": "e1", "contact_ids": "p1; p2",
         "account_ids": "a1", "private": "False"},
        {"id": "x1", "type": "visit", "employee_ids": "e1", "contact_ids": "p1",
         "account_ids": "a1", "private": "False"}]
    text = "".join(str(v) for r in rows for v in r.values())
    assert "e3" not in text and "q1" not in text and "a2" not in text
    # A moment is said in the organisation's zone, the zone its day is in.
    noon = datetime(2026, 11, 1, 12, tzinfo=UTC)
    assert client.post("/v1/activities", headers=rep, json={
        "id": "x9", "at": noon.isoformat(), "type": "call", "employee_ids": ["e1"],
        "contact_ids": ["p1"], "summary": "报价\n下周再约"}).status_code == 200
    [call] = csv_rows(get(client, rep, scope="employee:e1", since="2026-10-30",
                          until="2026-11-03", format="csv"))
    assert call["at_time"] == noon.astimezone(ZoneInfo(TEST_ZONE)).isoformat()
    # In a person's workbook, the moment is a date cell of the zone's wall time, to the
    # minute, and a summary of several lines is shown on them; in a person's CSV, the same
    # as text.
    mine = get(client, rep, scope="employee:e1", since="2026-10-30", until="2026-11-03",
               format="xlsx", lang="zh-CN")
    cells = load_workbook(io.BytesIO(mine.content)).worksheets[0]
    wall = noon.astimezone(ZoneInfo(TEST_ZONE)).replace(tzinfo=None)
    assert cells["B2"].value == wall and cells["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert cells["D2"].value == "报价\n下周再约" and cells["D2"].alignment.wrap_text
    said = csv_rows(get(client, rep, scope="employee:e1", since="2026-10-30", until="2026-11-03",
                        format="csv", lang="zh-CN"))
    assert [(r["日期"], r["时间"]) for r in said] == [(wall.date().isoformat(),
                                                   wall.strftime("%Y-%m-%d %H:%M"))]
    # The rep's own scope in a file's name is said by their name.
    assert mine.headers["content-disposition"].endswith(
        f"filename*=UTF-8''{quote('客户活动-李明-2026-10-30-2026-11-03.xlsx')}")
    # Another team's scope: refused as the JSON is, with no file.
    refused = get(client, rep, scope="team:t2", format="xlsx", rows="colleagues")
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")


def test_the_files_are_in_the_openapi_document(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v1/activities"]["get"]
    assert {"format", "lang", "rows"} <= {p["name"] for p in operation["parameters"]}
    assert {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} <= set(
        operation["responses"]["200"]["content"])
