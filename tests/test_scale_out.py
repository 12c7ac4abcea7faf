"""What can be tested here of running behind a routing driver: the neo4j:// scheme (cluster,
Aura) on a single server routes reads and writes, and a client reads its own writes."""

from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import AUTH, settings_for
from tests.servers import Server


def test_routing_uri_serves_reads_and_writes(neo4j_server: Server, client: TestClient) -> None:
    routed = settings_for(neo4j_server).model_copy(
        update={"neo4j_uri": neo4j_server.uri.replace("bolt://", "neo4j://")})
    with TestClient(create_app(routed)) as api:
        assert api.get("/ready").status_code == 200
        assert api.post("/v1/import", headers=AUTH, json={
            "accounts": [{"id": "a1", "name": "华东电网"}]}).status_code == 200
        # Managed transactions carry bookmarks within a session and the driver's default
        # bookmark manager across them, so the write above is visible to this read.
        assert api.get("/v1/accounts/a1", headers=AUTH).json()["name"] == "华东电网"
