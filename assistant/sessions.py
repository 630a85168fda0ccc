"""Conversations kept by id in any SQLAlchemy database (SQLite by default, PostgreSQL to share).

Several API processes pointed at the same database continue each other's conversations.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import Float, ForeignKey, Integer, String, Text, create_engine, delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


class UnknownSession(KeyError):
    """No conversation has this id (never created, or expired)."""

    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        self.session_id = session_id

    def __str__(self) -> str:
        return f"unknown session_id {self.session_id!r} (it never existed or has expired); omit session_id to start a new conversation"


class SessionsUnavailable(RuntimeError):
    """The sessions database cannot be reached."""


@dataclass(frozen=True)
class Turn:
    """One exchange of a conversation."""

    question: str
    standalone_question: str
    answer: str
    answered: bool


class _Base(DeclarativeBase):
    pass


class _Conversation(_Base):
    __tablename__ = "assistant_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created: Mapped[float] = mapped_column(Float)
    touched: Mapped[float] = mapped_column(Float, index=True)


class _Turn(_Base):
    __tablename__ = "assistant_turns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(String(64), ForeignKey("assistant_sessions.id", ondelete="CASCADE"), index=True)
    created: Mapped[float] = mapped_column(Float)
    body: Mapped[str] = mapped_column(Text)


class SessionStore:
    """Create, read and extend conversations; forget those idle for longer than ``ttl_s``."""

    def __init__(self, url: str, *, ttl_s: float = 86400.0) -> None:
        self.url = url
        self.ttl_s = ttl_s
        self.engine = _engine(url)
        self._new = sessionmaker(self.engine, expire_on_commit=False)
        try:
            _Base.metadata.create_all(self.engine)
        except OperationalError as exc:
            raise SessionsUnavailable(f"the sessions database ({_safe_url(url)}) cannot be opened: {exc.orig}") from exc

    @staticmethod
    def new_id() -> str:
        """An id for a conversation that :meth:`append` starts with its first turn (one write, not two)."""
        return secrets.token_hex(16)

    def turns(self, session_id: str, *, limit: int = 50) -> list[Turn]:
        """The last ``limit`` turns of a conversation, oldest first; UnknownSession when there is none."""
        with self._new() as db:
            conversation = db.get(_Conversation, session_id)
            if conversation is None or conversation.touched < time.time() - self.ttl_s:
                raise UnknownSession(session_id)
            rows = db.scalars(select(_Turn.body).where(_Turn.session_id == session_id).order_by(_Turn.id.desc()).limit(limit)).all()
        return [Turn(**json.loads(body)) for body in reversed(rows)]

    def append(self, session_id: str, turn: Turn) -> None:
        now = time.time()
        # plain statements, not the ORM's unit of work: a turn is kept on every answer, so its cost is the answer's
        with self.engine.begin() as db:
            found = db.execute(update(_Conversation).where(_Conversation.id == session_id).values(touched=now)).rowcount
            if not found:
                db.execute(insert(_Conversation).values(id=session_id, created=now, touched=now))
            db.execute(insert(_Turn).values(session_id=session_id, created=now, body=json.dumps(asdict(turn))))

    def expire(self) -> int:
        """Delete conversations idle for longer than the time to live; return how many."""
        cutoff = time.time() - self.ttl_s
        with self._new.begin() as db:
            old = db.scalars(select(_Conversation.id).where(_Conversation.touched < cutoff)).all()
            if old:
                db.execute(delete(_Turn).where(_Turn.session_id.in_(old)))
                db.execute(delete(_Conversation).where(_Conversation.id.in_(old)))
        return len(old)

    def close(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _wal(connection, _record) -> None:  # concurrent readers while one process writes
            connection.execute("PRAGMA journal_mode=WAL")
            # in WAL mode, a commit survives the process's crash without waiting for the disk; only
            # a power cut could lose the last turns of a conversation
            connection.execute("PRAGMA synchronous=NORMAL")

        return engine
    return create_engine(url, pool_pre_ping=True)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
