"""What the corpus reader accepts: regular files inside the articles folder that hold text.

A symbolic link can point anywhere on the machine (``/etc/passwd``), and whatever it points at would
be indexed and served by ``GET /sources/{id}``; a FIFO blocks the reader forever; a device or socket
is no document. All of them are refused with an error naming the file. The file is opened without
following links and checked on the open descriptor, so it can't be swapped for a link in between.

Text that is not text (NUL bytes, mostly control characters: binary data saved under a text name)
is refused too: uploads call :func:`check_text` on what they extracted, files go through
:func:`read_text`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from assistant.corpus import CorpusError

# Control characters that never occur in text (tab, line feed, form feed and carriage return do).
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Text has a stray control character now and then (a form copied from a PDF); binary has them everywhere.
MAX_CONTROL_SHARE = 0.01
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_text(path: Path) -> str:
    """The text of the article file ``path``, as :meth:`Path.read_text` gives it (universal newlines).

    Raises :class:`CorpusError` for a link or other non-regular file, for bytes that are not UTF-8 and
    for binary data.
    """
    data = read_regular(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    check_text(text, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_regular(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file, never following a symbolic link."""
    if path.is_symlink():
        raise CorpusError(path, f"is a symbolic link (to {os.readlink(path)}); {_ONLY_FILES}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link after the check above
            raise CorpusError(path, f"is a symbolic link; {_ONLY_FILES}") from exc
        raise CorpusError(path, f"can't be read ({exc.strerror}); check that the file exists and may be read") from exc
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise CorpusError(path, f"is {kind}, not a regular file; {_ONLY_FILES}")
        return file.read()


def check_text(text: str, path: Path | str) -> None:
    """Refuse ``text`` (read from ``path``) when it is binary data rather than text."""
    nul = text.find("\x00")
    if nul >= 0:
        raise CorpusError(path, f"holds NUL bytes (the first at character {nul}): it is binary data, not text; {_SAVE_AS_TEXT}")
    control = len(_CONTROL.findall(text))
    if control and control > MAX_CONTROL_SHARE * len(text):
        raise CorpusError(path, f"is {control / len(text):.0%} control characters: it is binary data, not text; {_SAVE_AS_TEXT}")


_ONLY_FILES = "the corpus reader only reads regular files inside the articles folder: copy the file there instead"
_SAVE_AS_TEXT = "save the article as plain text (.txt) or Markdown (.md)"
