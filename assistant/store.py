"""The Chroma store: a folder on disk by default, a Chroma server when a host is configured.

The index lives in *generations*: each ``assistant index`` that changes anything writes a complete new
collection (``corpus-g000042``) and only then points the pointer collection (``corpus``) at it. A run
that fails half-way leaves the pointer, and so the index every reader sees, as it was. Generations
no reader uses any more are dropped, and their disk space given back (see :mod:`assistant.retention`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from assistant.config import StoreSettings
from assistant.retention import Leases, tidy

log = logging.getLogger(__name__)

POINTER_KEY = "generation"
SOURCES_SUFFIX = "-sources"
MULTILINGUAL_SUFFIX = "-multilingual"  # sentence vectors for cross-lingual search (assistant.multilingual)


class StoreUnavailable(RuntimeError):
    """The Chroma store cannot be reached; the message says where it was looked for and what to do."""


class Store:
    """Access to the Chroma client, the current generation and the generation pointer."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self._client: Any = None
        # Leases need a folder every user of the index sees: a Chroma server's users may be anywhere.
        self.leases = Leases(settings.path) if not settings.host else None

    def describe(self) -> str:
        s = self.settings
        return f"Chroma server at {s.host}:{s.port}" if s.host else f"local index at {s.path}"

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        s = self.settings
        if not s.host:
            s.path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(s.path), settings=chroma_settings)
        try:
            client = chromadb.HttpClient(host=s.host, port=s.port, settings=chroma_settings)
        except Exception as exc:
            raise self.unavailable(exc) from exc
        session = getattr(getattr(client, "_server", None), "_session", None)
        if session is not None:  # chromadb's HTTP client waits forever by default
            import httpx

            session.timeout = httpx.Timeout(s.timeout_s)
        return client

    def unavailable(self, exc: BaseException) -> StoreUnavailable:
        if self.settings.host:
            hint = (
                f"the Chroma server at {self.settings.host}:{self.settings.port} is not reachable ({_short(exc)}); "
                "start it (chroma run --path index --port PORT) or unset CHROMA_HOST to use the local index"
            )
        else:
            hint = f"the local index at {self.settings.path} could not be opened ({_short(exc)}); check the folder or run `assistant index --rebuild`"
        return StoreUnavailable(hint)

    def reset(self) -> None:
        """Forget the client, so the next use connects again (after the server came back)."""
        self._client = None

    # ------------------------------------------------------------------------------- generations

    def pointer(self) -> Any:
        return self.client.get_or_create_collection(self.settings.collection, metadata={POINTER_KEY: ""}, embedding_function=None)

    def current_name(self) -> str | None:
        """Name of the collection readers should use, or None when nothing was indexed yet."""
        try:
            name = (self.pointer().metadata or {}).get(POINTER_KEY) or None
        except Exception as exc:
            if is_connection_error(exc):
                raise self.unavailable(exc) from exc
            raise
        return name

    def current(self) -> Any | None:
        name = self.current_name()
        return self.client.get_collection(name, embedding_function=None) if name else None

    def sources(self, name: str) -> Any:
        """The collection holding the article texts, facts and glossary of generation ``name``."""
        return self.client.get_collection(name + SOURCES_SUFFIX, embedding_function=None)

    def create_generation(self, metadata: dict[str, Any]) -> tuple[Any, Any]:
        """A new, unpublished generation: its searchable collection and its sources collection."""
        number = max(self._generation_numbers(), default=0) + 1
        name = f"{self.settings.collection}-g{number:06d}"
        searchable = self.client.create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, metadata=metadata, embedding_function=None
        )
        self.hold(name)  # until published or dropped: another run's clean-up must not take it
        sources = self.client.create_collection(name + SOURCES_SUFFIX, metadata={"generation": name}, embedding_function=None)
        return searchable, sources

    def hold(self, name: str, *, seconds: float | None = None) -> bool:
        """Mark generation ``name`` in use by this process (see :class:`Leases`); False when leases aren't kept."""
        if self.leases is None:
            return False
        self.leases.hold(name, seconds=seconds)
        return True

    def publish(self, collection: Any) -> None:
        """Make ``collection`` the one readers use, then drop the generations no reader uses any more.

        With a Chroma server, whose readers can't be known, the generation it replaces is kept, for
        readers that have not refreshed yet.
        """
        previous = self.current_name()
        self.pointer().modify(metadata={POINTER_KEY: collection.name})
        if self.leases is not None:
            self.leases.release(collection.name)
        self.collect(keep={previous} if self.leases is None and previous else set())

    def collect(self, *, keep: set[str] | frozenset[str] = frozenset()) -> None:
        """Drop every generation that is not current, held by a reader or writer, or in ``keep``; then tidy the folder."""
        used = {self.current_name(), *keep, *(self.leases.in_use() if self.leases is not None else ())}
        dropped = [name for name in self._generation_names() if name not in used]
        for name in dropped:
            self.drop(name)
        if self.leases is not None:
            tidy(self.settings.path, compact=bool(dropped))

    def drop(self, name: str) -> None:
        """Delete generation ``name`` (both of its collections)."""
        if self.leases is not None:
            self.leases.release(name)
        for collection in (name, name + SOURCES_SUFFIX, name + MULTILINGUAL_SUFFIX):
            try:
                self.client.delete_collection(collection)
            except Exception as exc:  # already gone, or the store went away: the next run retries
                log.debug("could not delete collection %s: %s", collection, _short(exc))

    def _generation_names(self) -> list[str]:
        pattern = re.compile(re.escape(self.settings.collection) + r"-g\d{6}$")
        return [n for c in self.client.list_collections() if pattern.match(n := getattr(c, "name", c))]

    def _generation_numbers(self) -> list[int]:
        return [int(name.rsplit("-g", 1)[1]) for name in self._generation_names()]


def is_connection_error(exc: BaseException) -> bool:
    """Whether ``exc`` means the store could not be reached (rather than a bad request)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        module = type(exc).__module__
        if isinstance(exc, ConnectionError | TimeoutError) or module.startswith(("httpx", "httpcore")):
            return True
        if "could not connect" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
