"""Which index generations are kept, and giving back the disk space of the others.

Every ``assistant index`` that changes anything writes a whole new generation (see
:mod:`assistant.store`), so the old ones must go, but not while a reader still answers from one: a
server answers from the generation it loaded until its next check of the pointer, and a request
that started just before a switch finishes on the old one.

- Leases: each process that reads or writes a local index says which generations it uses, in a
  small file under ``<index>/.leases/``. A reader's hold lasts ``ttl`` seconds and is renewed at
  each check of the pointer; a writer's lasts until it publishes or gives up. A process that died
  holds nothing. A generation is dropped once it is neither the current one nor held.
- Disk: Chroma deletes a dropped collection's rows but leaves its vector segment folder behind, and
  its SQLite file never shrinks by itself. :func:`tidy` removes the folders of segments that no
  longer exist and hands the freed pages of the SQLite file back to the file system.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import shutil
import socket
import sqlite3
import time
from pathlib import Path

log = logging.getLogger(__name__)

LEASES = ".leases"
DATABASE = "chroma.sqlite3"
FOREVER = 86400.0  # a writer's hold, should its process run on another machine (its pid can't be checked)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
INCREMENTAL = 2  # PRAGMA auto_vacuum value
FULL_TEXT = "embedding_fulltext_search"  # Chroma's FTS5 table of documents


class Leases:
    """The generations this process uses, published for the other processes sharing the index folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / LEASES
        self.host = socket.gethostname()
        self.file = self.folder / f"{os.getpid()}-{secrets.token_hex(4)}.json"
        self._held: dict[str, float] = {}

    def hold(self, generation: str, *, seconds: float | None = None) -> None:
        """Mark ``generation`` in use for ``seconds`` from now, or until :meth:`release` when None."""
        now = time.time()
        expires = now + (seconds if seconds is not None else FOREVER)
        previous = self._held.get(generation)
        self._held = {g: e for g, e in self._held.items() if e > now}
        self._held[generation] = max(expires, previous or 0.0)
        # Renewed only once half the hold has passed: a check of the pointer costs no write.
        if previous is None or previous - now < (expires - now) / 2:
            self._write()

    def release(self, generation: str) -> None:
        if self._held.pop(generation, None) is not None:
            self._write()

    def in_use(self) -> set[str]:
        """The generations any live process holds now (this one included)."""
        now = time.time()
        used: set[str] = set()
        for path in self.folder.glob("*.json"):
            try:
                lease = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # being written, or gone: its owner writes it again at its next check
            if lease.get("host") == self.host and not _alive(int(lease.get("pid", 0))):
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            used.update(g for g, expires in (lease.get("held") or {}).items() if expires > now)
        return used

    def _write(self) -> None:
        try:
            if not self._held:
                self.file.unlink(missing_ok=True)
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.file.with_suffix(".tmp")
            partial.write_text(json.dumps({"pid": os.getpid(), "host": self.host, "held": self._held}), encoding="utf-8")
            os.replace(partial, self.file)  # readers never see half a lease
        except OSError as exc:  # a read-only index folder: nothing is dropped by this process anyway
            log.debug("could not write the lease %s: %s", self.file, exc)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process, alive
        return True
    return True


def tidy(folder: Path, *, compact: bool = True, timeout_s: float = 5.0) -> None:
    """Remove the segment folders Chroma left behind; with ``compact``, also shrink its SQLite file.

    Shrinking takes two steps: the full-text index keeps the words of deleted documents until its
    segments are merged ('optimize' merges them), and the file keeps its free pages until they are
    handed back (``incremental_vacuum``; the file is switched to that mode once, by a VACUUM).
    """
    database = folder / DATABASE
    if not database.exists():
        return
    # Folders first, then the segments that exist: a segment's row is written before its folder, so
    # a folder listed first and missing from the rows read after it belongs to no segment.
    folders = [p for p in folder.iterdir() if p.is_dir() and _UUID.match(p.name)]
    try:
        with contextlib.closing(sqlite3.connect(database, timeout=timeout_s)) as db:
            live = {row[0] for row in db.execute("SELECT id FROM segments")}
            for path in folders:
                if path.name not in live:
                    shutil.rmtree(path, ignore_errors=True)
            if compact:
                _compact(db, timeout_s)
    except sqlite3.Error as exc:  # busy: the next run of the indexer tries again
        log.info("index folder not compacted this time (%s)", exc)


def _compact(db: sqlite3.Connection, timeout_s: float) -> None:
    db.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if FULL_TEXT in tables:
        db.executescript(f"INSERT INTO {FULL_TEXT}({FULL_TEXT}) VALUES ('optimize');")
    if db.execute("PRAGMA auto_vacuum").fetchone()[0] != INCREMENTAL:
        # Once per store: from then on free pages are handed back without rewriting the whole file.
        db.executescript(f"PRAGMA auto_vacuum = {INCREMENTAL}; VACUUM;")
    else:
        db.executescript("PRAGMA incremental_vacuum;")  # executescript: a plain execute frees a single page


def size(folder: Path) -> int:
    """Bytes under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
