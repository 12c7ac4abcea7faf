"""The web app: one page at / and its built assets under /static (same origin, same tokens),
and the API's documentation at /docs, from the same assets."""

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.routes import CheckedRoute

STATIC = Path(__file__).parent / "static"
DOCS_ASSETS = "/static/dist/docs"  # Swagger UI from the npm registry, copied by `make web`

# No third-party origins at run time: everything the page loads comes from here.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}
# The same for the documentation, whose page starts Swagger UI with an inline script.
DOCS_HEADERS = {
    **SECURITY_HEADERS,
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "script-src 'self' 'unsafe-inline'; "
                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
}

router = APIRouter(include_in_schema=False, route_class=CheckedRoute)


@router.get("/")
async def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", headers=SECURITY_HEADERS)


@router.get("/docs")
async def docs() -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url="/openapi.json", title="BRM API",
        swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        # Swagger UI would otherwise ask swagger.io to validate the document.
        swagger_ui_parameters={"validatorUrl": None})
    page.headers.update(DOCS_HEADERS)
    return page


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
