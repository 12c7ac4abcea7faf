"""The customer line's JSON is sent whole when small and in pieces when large
(app/kpis/router.py, service.LineJson), the same either way; the bench's lean client reads
both a stated length and chunks (scripts/kept_alive.py)."""

import socket
import threading
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from app.kpis import service
from scripts.kept_alive import KeptAlive
from tests.conftest import AUTH

PLAIN = {**AUTH, "Accept-Encoding": "identity"}


def company_line(client: TestClient, headers: dict[str, str]) -> Any:
    got = client.get("/v1/kpis/customers", headers=headers, params={"scope": "company"})
    assert got.status_code == 200, got.text
    return got


def test_a_line_is_the_same_sent_whole_or_in_pieces(client: TestClient,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    written = client.post("/v1/import", headers=AUTH, json={
        "accounts": [{"id": f"a{n}", "name": f"账户{n}"} for n in range(3)],
        "contacts": [{"id": f"k{n}", "name": f"k{n}", "account_id": f"a{n}", "key_person": True}
                     for n in range(3)]})
    assert written.status_code == 200, written.text
    whole = company_line(client, PLAIN)
    # Small: one body with its length, and not compressed under BRM_GZIP_MIN_BYTES.
    assert int(whole.headers["content-length"]) == len(whole.content)
    assert "content-encoding" not in company_line(client, AUTH).headers
    assert [a["account_id"] for a in whole.json()["account_list"]] == ["a0", "a1", "a2"]

    monkeypatch.setattr(service, "PIECE_BYTES", 1)  # every row a piece of its own
    pieces = company_line(client, PLAIN)
    assert int(pieces.headers["content-length"]) == len(pieces.content)
    assert orjson.loads(pieces.content) == orjson.loads(whole.content)
    zipped = company_line(client, AUTH)  # streamed: one gzip stream, flushed after each piece
    assert zipped.headers["content-encoding"] == "gzip"
    assert orjson.loads(zipped.content) == orjson.loads(whole.content)


def test_the_bench_client_reads_a_length_and_chunks() -> None:
    body = b'{"rows":[1,2,3]}'
    answers = (b"HTTP/1.1 200 OK\r\ncontent-length: 16\r\n\r\n" + body
               + b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
               + b"9;ext=1\r\n" + body[:9] + b"\r\n7\r\n" + body[9:] + b"\r\n0\r\nx-trailer: 1\r\n\r\n"
               + b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n")
    with socket.create_server(("127.0.0.1", 0)) as server:
        def serve() -> None:
            conn, _ = server.accept()
            with conn:
                for at in range(0, len(answers), 7):  # in small bits, as a network may
                    conn.sendall(answers[at:at + 7])
                while conn.recv(1 << 16):  # until the client is done
                    pass

        thread = threading.Thread(target=serve)
        thread.start()
        client = KeptAlive(server.getsockname()[1], {}, 5)
        try:
            assert client.get("/a") == (200, body)
            assert client.get("/b") == (200, body)
            assert client.get("/c") == (404, b"")
        finally:
            client.close()
            thread.join(5)
