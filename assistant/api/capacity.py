"""How many answers the server works out at once.

Answering is CPU-bound Python: a few threads keep the cores busy, and every thread more only makes
all of them, the event loop and ``/health`` included, wait longer for the interpreter lock (with 32
answers under way at once, ``/health`` took 20 s). Requests beyond the limit wait their turn in the
event loop, first come first served, without holding a thread.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")


class Answering:
    """Runs answering work in worker threads, at most ``limit`` at a time."""

    def __init__(self, limit: int) -> None:
        self.limiter = anyio.CapacityLimiter(limit)

    async def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs), limiter=self.limiter)
