"""warta serve: the store over HTTP — a JSON API (``/api``, OpenAPI at ``/docs``) and a web UI,
from one FastAPI app. Both call the same functions the command line calls (``warta.store``,
``warta.store.views``, ``warta.api``); nothing here queries the store its own way.

    from warta.serve import create_app
    app = create_app("news.db")                     # read-only
    app = create_app("news.db", allow_ingest=True, token="s3cret")   # POST /api/ingest enabled
"""

from warta.serve.app import create_app

__all__ = ["create_app"]
