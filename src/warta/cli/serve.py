"""``warta serve``: the HTTP API and web UI."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from warta.cli.common import DbOption, app, err, needs
from warta.store import DEFAULT_DB


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; loopback by default. Anything else "
                                      "makes the store readable from the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Enable POST /api/ingest (needs --token).")]
    = False,
    token: Annotated[str | None, typer.Option("--token", envvar="WARTA_TOKEN", help="Bearer token POST /api/ingest "
                                              "requires (or $WARTA_TOKEN, kept out of the process list).")] = None,
    browser: Annotated[bool, typer.Option("--open/--no-browser", help="Open the web UI in a browser.")] = False,
) -> None:
    """Serve the store over HTTP: a web UI, and a JSON API under /api (documented at /docs). Read-only
    unless --allow-ingest."""
    for module in ("fastapi", "uvicorn", "jinja2"):
        needs("serve", module)
    import uvicorn

    from warta.serve import create_app

    web = create_app(db, allow_ingest=allow_ingest, token=token)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    err.print(f"warta serving {escape(db)} at [cyan]{url}[/] — API docs at [cyan]{url}/docs[/]"
              + (" — POST /api/ingest enabled (bearer token)" if allow_ingest else ""))
    if browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, (url,)).start()
    uvicorn.run(web, host=host, port=port, log_level="warning")

