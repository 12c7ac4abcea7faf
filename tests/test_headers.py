"""What every answer carries and what no answer is: no-store and nosniff on answers (nosniff
on the web app's assets), /docs from our own assets, error lists of bounded length, and HEAD
answered as GET is, without the body."""

import re
from pathlib import Path
from urllib.parse import urljoin

import httpx
from fastapi.testclient import TestClient

from app.config import Settings
from app.db.causal import HEADER
from app.errors import MAX_ERRORS
from app.main import app, create_app
from tests.conftest import AUTH, ready, settings_for
from tests.live import running_api
from tests.servers import Server


def assert_secured(response: httpx.Response, *, cached: bool = False) -> None:
    assert response.headers["X-Content-Type-Options"] == "nosniff", response.url
    assert response.headers.get("Cache-Control") == (None if cached else "no-store"), response.url


def test_every_answer_is_neither_stored_nor_sniffed(app_client: TestClient) -> None:
    paths = [path for path, item in app.openapi()["paths"].items() if "get" in item]
    assert len(paths) >= 30
    for path in paths:
        for headers in (AUTH, {}):  # answers and 401s alike
            assert_secured(app_client.get(path.replace("{id}", "x"), headers=headers))
    for refused in (
        app_client.get("/v1/accounts", headers={**AUTH, HEADER: "not a bookmark"}),  # 400
        app_client.get("/v1/accounts", params={"limit": 0}, headers=AUTH),  # 422
        app_client.get("/v1/nowhere", headers=AUTH),  # 404
        app_client.post("/v1/import", headers={**AUTH, "Content-Length": str(2**40)}),  # 413
    ):
        assert refused.status_code >= 400
        assert_secured(refused)
    for page in ("/", "/docs", "/openapi.json"):
        assert_secured(app_client.get(page))
    asset = app_client.get("/static/dist/app.js")
    assert asset.status_code == 200
    assert_secured(asset, cached=True)


def test_an_unexpected_error_is_secured_too(settings: Settings) -> None:
    failing = create_app(settings)

    async def boom() -> None:
        raise RuntimeError("boom")

    failing.add_api_route("/boom", boom)
    with TestClient(failing, raise_server_exceptions=False) as api:
        response = api.get("/boom")
    assert response.status_code == 500
    assert_secured(response)


def test_docs_load_nothing_from_other_origins(app_client: TestClient) -> None:
    page = app_client.get("/docs")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    linked = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(linked) == 3  # Swagger UI's script and style sheet, and the icon
    for url in linked:
        assert urljoin("http://testserver/docs", url).startswith("http://testserver/"), url
        assert app_client.get(url).status_code == 200, url
    assert "validatorUrl" in page.text  # swagger.io's validator is off
    assert app_client.get("/redoc").status_code == 404


def test_error_lists_stop_at_their_bound_and_say_how_many_more(app_client: TestClient) -> None:
    count = MAX_ERRORS + 50
    bad_document = {"accounts": [{"id": f"a{i}"} for i in range(count)]}  # each lacks its name
    bad_activity = {"id": "act", "at": "2026-01-01", "type": "visit",
                    "employee_ids": [""] * count, "contact_ids": ["c"]}
    for response in (app_client.post("/v1/import", headers=AUTH, json=bad_document),
                     app_client.post("/v1/activities", headers=AUTH, json=bad_activity)):
        assert response.status_code == 422
        body = response.json()
        assert len(body["errors"]) == MAX_ERRORS and body["errors_omitted"] == 50
        assert body["detail"].startswith(f"{count} validation error(s)")
        assert f"the first {MAX_ERRORS} are listed, 50 more are not" in body["detail"]
    few = app_client.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a"}]}).json()
    assert len(few["errors"]) == 1 and "errors_omitted" not in few


def test_large_answers_are_compressed_for_clients_that_accept_it(
        app_client: TestClient, neo4j_server: Server) -> None:
    gzip = {"Accept-Encoding": "gzip"}
    large = app_client.get("/openapi.json", headers=gzip)
    assert len(large.content) > 16 * 1024  # the document itself, decompressed by the client
    assert large.headers["Content-Encoding"] == "gzip"
    assert int(large.headers["Content-Length"]) < len(large.content) / 4
    assert_secured(large)
    assert "Content-Encoding" not in app_client.get("/openapi.json",
                                                    headers={"Accept-Encoding": "identity"}).headers
    assert "Content-Encoding" not in app_client.get("/ready", headers=gzip).headers  # small
    # A spreadsheet is a zip already: sent as it is even where every answer would be compressed.
    settings = settings_for(neo4j_server, gzip_min_bytes=1)
    with TestClient(create_app(settings)) as every:
        sheet = ready(every).get("/v1/changes", params={"scope": "company", "format": "xlsx"},
                                 headers={**AUTH, **gzip})
        assert sheet.status_code == 200 and sheet.content.startswith(b"PK")
        assert "Content-Encoding" not in sheet.headers
        assert every.get("/ready", headers=gzip).headers["Content-Encoding"] == "gzip"


def test_head_answers_what_get_would_without_the_body(
        client: TestClient, neo4j_server: Server, tmp_path: Path) -> None:
    """Through a real server (uvicorn sends no body for HEAD itself, and must not be told to)."""
    client.post("/v1/import", headers=AUTH, json={
        "accounts": [{"id": "a-1", "name": "Acme"}],
        "contacts": [{"id": "c-1", "name": "Ada", "account_id": "a-1"}]})
    with running_api(neo4j_server, tmp_path / "api.log") as url:
        for path, headers, status in (("/v1/accounts/a-1", AUTH, 200),
                                      ("/v1/contacts/c-1", AUTH, 200),
                                      ("/v1/accounts/a-1", {}, 401),
                                      ("/v1/accounts/nowhere", AUTH, 404),
                                      ("/ready", {}, 200),
                                      ("/", {}, 200),
                                      ("/static/dist/app.js", {}, 200)):
            plain = {**headers, "Accept-Encoding": "identity"}  # so that the length is the body's
            got = httpx.get(url + path, headers=plain, timeout=10)
            head = httpx.head(url + path, headers=plain, timeout=10)
            assert (got.status_code, head.status_code) == (status, status), path
            assert got.content and head.content == b"", path
            assert head.headers["Content-Type"] == got.headers["Content-Type"], path
            assert head.headers["Content-Length"] == str(len(got.content)), path
            assert_secured(head, cached=path.startswith("/static/"))
        # Writes stay writes: HEAD is not a way around a POST route's method.
        assert httpx.head(url + "/v1/import", headers=AUTH, timeout=10).status_code == 405
