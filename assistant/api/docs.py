"""``/docs`` and ``/redoc`` without the internet: Swagger UI and ReDoc served from an installed package.

FastAPI's own pages load their scripts from a CDN, so they stay blank offline. The same pages are
built here with the scripts of the ``fastapi-offline`` package, served under ``/docs/assets``. ReDoc's
script also shows a logo fetched from its makers' site; it is served with that image left out, so the
page asks nothing of the internet.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


def assets_folder() -> Path:
    """The folder of Swagger UI and ReDoc files shipped by ``fastapi-offline``."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the fastapi-offline package is missing, so /docs can't be served; install the project again")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def install(app: FastAPI, *, ui_path: str = "/ui") -> None:
    """Serve /docs, /redoc and their assets from the package, and send / to the chat UI.

    The app must be created with ``docs_url=None, redoc_url=None``.
    """

    @app.get(f"{ASSETS}/redoc.standalone.js", include_in_schema=False)  # before the folder, which holds the original
    def redoc_script() -> Response:
        return Response(_redoc_script(), media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"})

    app.mount(ASSETS, StaticFiles(directory=assets_folder()), name="docs-assets")
    title = app.title

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> RedirectResponse:
        return RedirectResponse(f"{request.scope.get('root_path', '')}{ui_path}/", status_code=307)

    @app.get("/docs", include_in_schema=False)
    def swagger(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{title} - docs",
            oauth2_redirect_url=f"{root}/docs/oauth2-redirect",
            swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS}/favicon.png",
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS}/favicon.png",
            with_google_fonts=False,
        )


@cache
def _redoc_script() -> bytes:
    return (assets_folder() / "redoc.standalone.js").read_text(encoding="utf-8").replace(REDOC_LOGO, EMPTY_IMAGE).encode()
