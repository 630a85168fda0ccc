"""The ``assistant`` command: index, ask, serve."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant import offline

if TYPE_CHECKING:
    from assistant.config import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    offline.prepare()
    # Imports wait until a command needs them: `assistant ask` against a server needs few.
    from assistant.config import load_settings

    try:
        settings = load_settings()
        return args.run(settings, args)
    except Exception as exc:
        from assistant.corpus import CorpusError
        from assistant.store import StoreUnavailable

        if not isinstance(exc, CorpusError | StoreUnavailable):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Answer questions about a corpus of articles, with citations.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    index = commands.add_parser("index", help="build or update the index from corpus/")
    index.add_argument("--rebuild", action="store_true", help="embed everything again instead of updating")
    index.add_argument("--json", action="store_true", help="print the summary as one JSON line")
    index.set_defaults(run=cmd_index)

    ask = commands.add_parser("ask", help="answer one question")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--session", metavar="ID", help="continue the conversation with this session id")
    ask.add_argument("--json", action="store_true", help="print the /ask response body as JSON")
    ask.add_argument(
        "--url",
        help="ask the assistant server there (default: the address `assistant serve` uses); without one answering, "
        "the question is answered in this process",
    )
    ask.add_argument("--local", action="store_true", help="answer in this process even when a server runs")
    ask.set_defaults(run=cmd_ask)

    facts = commands.add_parser("facts", help="list the typed facts in the index (curated and learned) with their quotes")
    facts.add_argument("--article", metavar="ID", help="only the facts of this article")
    facts.add_argument("--json", action="store_true", help="print one JSON document")
    facts.set_defaults(run=cmd_facts)

    serve = commands.add_parser("serve", help="serve the API and the chat UI (/ui) in one process")
    serve.add_argument("--host", help="address to listen on (default: 127.0.0.1, or ASSISTANT_API__HOST)")
    serve.add_argument("--port", type=int, help="port to listen on (default: 8000, or ASSISTANT_API__PORT)")
    serve.set_defaults(run=cmd_serve)
    return parser


def cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.embeddings import build_embeddings
    from assistant.indexer import run_index
    from assistant.store import Store

    progress = _terminal_progress() if sys.stderr.isatty() else None
    try:
        report = run_index(settings, build_embeddings(settings.embedding), Store(settings.store), rebuild=args.rebuild, progress=progress)
    except Exception as exc:  # scripts reading the last line get an error object instead of a summary
        if args.json:
            print(json.dumps({"error": str(exc) or type(exc).__name__, "error_type": type(exc).__name__}), flush=True)
        raise
    if progress:
        sys.stderr.write("\r\033[K")
    print(json.dumps(report.as_dict()) if args.json else report.summary())
    return 0


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.understand.validity import InvalidQuestion, validate_question

    try:
        validate_question(args.question)  # before anything loads: a question that is not text fails at once
    except InvalidQuestion as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    answer = None
    if not args.local:  # a running server has the model loaded: a round trip instead of a start-up
        from assistant.client import ServerError, ask_server

        url = args.url or f"http://{_client_host(settings.api.host)}:{settings.api.port}"
        key = settings.api.api_keys[0].get_secret_value() if settings.api.api_keys else None
        try:
            answer = ask_server(url, args.question, session_id=args.session, api_key=key)
        except ServerError as exc:
            print(f"error: {exc.detail}", file=sys.stderr)
            return 2
        if answer is None:
            print(f"(no assistant server at {url}: answering in this process, which loads the model first)", file=sys.stderr)
    if answer is None:
        from assistant.chain import build_pipeline
        from assistant.sessions import UnknownSession

        pipeline = build_pipeline(settings)
        try:
            answer = pipeline.ask(args.question, session_id=args.session)
        except (InvalidQuestion, UnknownSession) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.json:
        print(answer.model_dump_json())
        return 0
    print(answer.answer)
    for c in answer.citations:
        print(f"  [{c.n}] {c.title} ({c.source}, chars {c.start}-{c.end}): \u201c{c.quote}\u201d")
    print(f"session: {answer.session_id}")
    return 0


def cmd_facts(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.ingest.listing import run
    from assistant.store import Store

    return run(Store(settings.store), article=args.article, as_json=args.json)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.api import create_app
    from assistant.api.guard import proxy_options
    from assistant.chain import build_pipeline
    from assistant.embeddings import build_embeddings
    from assistant.indexer import run_index
    from assistant.sessions import SessionsUnavailable
    from assistant.store import Store

    host, port = args.host or settings.api.host, args.port or settings.api.port
    embeddings = build_embeddings(settings.embedding)
    store = Store(settings.store)
    if store.current_name() is None:
        print(f"No index yet in {store.describe()}: indexing {settings.corpus.articles_dir} first...", flush=True)
        print(run_index(settings, embeddings, store).summary(), flush=True)
    try:
        pipeline = build_pipeline(settings, embeddings=embeddings, store=store)
    except SessionsUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app = create_app(pipeline, settings)
    print(f"Serving the chat UI at http://{host}:{port}/ui and the API at http://{host}:{port} (docs: /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5, **proxy_options(settings.api.trusted_proxies))
    return 0


def _client_host(host: str) -> str:
    """Where to reach a server listening on ``host`` (one listening everywhere answers on loopback)."""
    return {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, f"[{host}]" if ":" in host else host)


def _terminal_progress():
    def show(stage: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r\033[K{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()

    return show


if __name__ == "__main__":
    raise SystemExit(main())
