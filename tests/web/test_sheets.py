"""Spreadsheets in the web app, in Chromium with the browser's language zh-CN: a lead uploads a
CSV with two bad rows and sees both errors against their rows and columns, fixes them and sees
the rows imported; a rep has no upload screen; the decision chain's Export button saves an
Excel file with the API's rows, and its map saves as a PNG."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, expect

from tests.web.test_browser import Session, an_opportunity_with_a_chain, get
from tests.web.test_browser import app_url as app_url
from tests.web.test_browser import browser as browser
from tests.web.test_capture import a_rep, axe_clean, principal, unexpected
from tests.web.test_languages import check_chinese
from tests.web.test_review import lead_of


@pytest.fixture
def zh(browser: Browser, app_url: str) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN",
                                  bypass_csp=True, accept_downloads=True)
    session = Session(context.new_page(), app_url)
    yield session
    context.close()
    assert unexpected(session.errors) == []
    assert [u for u in session.requests if not u.startswith(app_url)] == []


def upload(tab: Session, name: str, body: bytes) -> None:
    tab.page.locator("#upload-part").select_option("contacts")
    tab.page.locator("#upload-file").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": body})
    tab.page.locator("#upload-submit").click()


def test_a_lead_uploads_a_csv_sees_both_errors_then_imports_it_fixed(zh: Session,
                                                                     app_url: str) -> None:
    rep_token, employee = a_rep(app_url)
    lead = principal(app_url, "lead", lead_of(app_url, employee))
    account = get(app_url, "/v1/accounts", lead, limit=1)["items"][0]["id"]
    zh.sign_in(lead)
    zh.page.locator("#upload-link").click()
    zh.wait_for("upload")
    expect(zh.page.locator("h1")).to_have_text("导入表格")
    zh.page.locator("#upload-part").select_option("contacts")
    with zh.page.expect_download() as template:
        zh.page.locator("button.template[data-format=csv]").click()
    assert template.value.suggested_filename == "contacts.csv"
    header = Path(template.value.path()).read_text(encoding="utf-8-sig").splitlines()[0]
    assert {"id", "account_id", "name", "title"} <= set(header.split(","))
    # The workbook says in Chinese what each column takes, on a sheet the import skips.
    with zh.page.expect_download() as workbook:
        zh.page.locator("button.template[data-format=xlsx]").click()
    help_sheet = load_workbook(io.BytesIO(Path(workbook.value.path()).read_bytes())).worksheets[1]
    assert help_sheet.title == "说明"
    assert ("name", "人员姓名", "是", "文本") in set(help_sheet.iter_rows(values_only=True))
    bad = ("id,account_id,name,title\n"
           f"up-c1,{account},上传甲,信息中心主任\n"
           "up-c2,no-such-account,上传乙,CFO\n"      # row 3: no such account
           f"up-c3,{account},,主任\n").encode()       # row 4: no name
    upload(zh, "联系人.csv", bad)
    errors = zh.page.locator("#upload-error-table tbody tr")
    expect(errors).to_have_count(2)
    assert sorted((r.get_attribute("data-row"), r.get_attribute("data-column"))
                  for r in errors.all()) == [("3", "account_id"), ("4", "name")]
    expect(zh.page.locator("#upload-errors")).to_contain_text("联系人.csv 未导入：共 2 处问题")
    # Each problem said in Chinese, from its code: no such account; no name.
    assert {r.get_attribute("data-row"): r.locator("td").nth(2).inner_text()
            for r in errors.all()} == {"3": "找不到此编号的记录。", "4": "必填。"}
    zh.shot("zh-upload-errors")
    check_chinese(zh)
    axe_clean(zh.page)
    assert [c["id"] for c in get(app_url, "/v1/contacts", account_id=account, limit=100)["items"]
            if c["id"].startswith("up-")] == [], "nothing was written"

    fixed = bad.replace(b"no-such-account", account.encode()).replace(
        f"{account},,".encode(), f"{account},上传丙,".encode())
    upload(zh, "联系人.csv", fixed)
    done = zh.page.locator("#upload-done")
    expect(done).to_contain_text("已导入 联系人.csv")
    expect(done.locator('tr[data-kind="contacts"] td.num')).to_have_text("3")
    zh.shot("zh-upload-done")
    names = {c["id"]: c["name"] for c in get(app_url, "/v1/contacts", account_id=account,
                                            limit=100)["items"]}
    assert {k: v for k, v in names.items() if k.startswith("up-")} == {
        "up-c1": "上传甲", "up-c2": "上传乙", "up-c3": "上传丙"}

    # A rep has neither the link nor the screen.
    zh.page.locator("#logout").click()
    zh.sign_in(rep_token)
    expect(zh.page.locator("#upload-link")).to_be_hidden()
    zh.open("upload", "upload")
    expect(zh.page.locator("#upload-form")).to_have_count(0)
    expect(zh.page.locator("main .error")).to_have_text("仅管理员和团队负责人可以导入数据。")


def test_the_decision_chain_exports_to_excel_and_its_map_to_png(zh: Session, app_url: str) -> None:
    deal, chain = an_opportunity_with_a_chain(app_url)
    zh.sign_in(principal(app_url, "exec", get(app_url, "/v1/employees", limit=1)["items"][0]["id"]))
    zh.open(f"deal/{deal}", "deal")
    export = zh.page.locator("#members-export button[data-format=xlsx]")
    expect(export).to_have_text("导出 Excel")
    with zh.page.expect_download() as saving:
        export.click()
    saved = saving.value
    # Named in the reader's words, the deal by its name.
    assert saved.suggested_filename == f"决策链-{chain['opportunity']['name']}-{chain['as_of']}.xlsx"
    sheet = load_workbook(io.BytesIO(Path(saved.path()).read_bytes())).worksheets[0]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    members = get(app_url, f"/v1/opportunities/{deal}/decision-chain")["members"]
    assert len(members) >= 3
    # Saved from a Chinese screen: headed and said in Chinese, the people's ids and names kept.
    assert header[:6] == ["人员编号", "姓名", "职务", "客户编号", "客户", "角色"]
    roles = {"decision_maker": "决策者", "approver": "审批者", "evaluator": "评估者",
             "influencer": "影响者", "user": "使用者", "coach": "教练"}
    assert [[*r[:2], r[5]] for r in rows] == [[m["contact_id"], m["name"], roles[m["role"]]]
                                              for m in members]
    assert {r[header.index("一票否决")] for r in rows} <= {"是", "否"}
    # The page says how many rows the file holds.
    expect(zh.page.locator("#members-export .export-note")).to_have_text(f"文件共 {len(rows)} 行。")

    with zh.page.expect_download() as picture:
        zh.page.locator("#deal-graph-png button").click()
    assert picture.value.suggested_filename == f"决策链图-{deal}-{chain['as_of']}.png"
    png = Path(picture.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
