"""The FastAPI application: settings, the per-request store, error mapping, routers, static files."""

from __future__ import annotations

from http import HTTPStatus
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from warta.errors import InputError, NotFound, StoreError, WartaError
from warta.serve import http_api, ui
from warta.serve.deps import MAX_PAGE, MAX_UPLOAD, Settings, get_settings, get_store
from warta.store import Store

__all__ = ["create_app", "Settings", "get_store", "get_settings", "MAX_PAGE"]

_STATUS = {NotFound: 404, InputError: 400, StoreError: 503}


def create_app(db: str, *, allow_ingest: bool = False, token: str | None = None,
               max_upload: int = MAX_UPLOAD) -> FastAPI:
    """The app over the store ``db``. Writes (POST /api/ingest) only with ``allow_ingest`` and a token."""
    if allow_ingest and not token:
        raise WartaError("--allow-ingest needs --token: writes are never open to anyone who can reach the port")
    Store(db, create=False).close()  # fail now, with the store's own message, not on the first request

    app = FastAPI(title="warta", version="0.1.0", docs_url=None, redoc_url=None,  # /docs: http_api.docs, offline
                  description="Indonesian news, read the way an analyst does: articles, entities, quotes, "
                              "times, events, stories and timelines from a warta store.")
    app.state.settings = Settings(db, allow_ingest, token, max_upload)

    @app.exception_handler(WartaError)
    async def warta_error(request: Request, error: WartaError) -> JSONResponse:
        status = next((code for cls, code in _STATUS.items() if isinstance(error, cls)), 400)
        return JSONResponse({"error": type(error).__name__, "detail": str(error)}, status_code=status)

    # Under /api every error has the one JSON shape {"error", "detail"}; the UI keeps its own pages.
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if not request.url.path.startswith("/api/"):
            return await http_exception_handler(request, error)
        return JSONResponse({"error": HTTPStatus(error.status_code).phrase, "detail": error.detail},
                            status_code=error.status_code, headers=error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if not request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, error)
        return JSONResponse({"error": "InvalidParameters", "detail": jsonable_encoder(error.errors())},
                            status_code=422)

    @app.middleware("http")
    async def no_nul(request: Request, call_next):  # noqa: ANN001, ANN202  (Starlette's middleware shape)
        """A NUL in the path or a query parameter is refused before any route sees it: SQLite and the
        full-text index stop reading strings at a NUL, so no such name, id or query can be stored."""
        if "\x00" in request.url.path or "%00" in request.url.query or "\x00" in request.url.query:
            detail = "a parameter or the path holds a NUL character (%00), which no name, id or query may hold"
            if request.url.path.startswith("/api/"):
                return JSONResponse({"error": "InvalidParameters", "detail": detail}, status_code=422)
            return Response(detail, status_code=400, media_type="text/plain")
        return await call_next(request)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        """A fault of warta's own: under /api still the one JSON shape, with what went wrong."""
        if not request.url.path.startswith("/api/"):
            return Response("warta could not answer this request (an internal error); it has been logged",
                            status_code=500, media_type="text/plain")
        return JSONResponse({"error": "InternalError", "detail": f"{type(error).__name__}: {error}"}, status_code=500)

    app.include_router(http_api.router, prefix="/api")
    app.include_router(http_api.docs)
    app.include_router(ui.router)
    static = Path(str(resources.files("warta.serve").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    return app
