"""Progress for management commands: a tqdm bar on a terminal, occasional lines elsewhere."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, Protocol

from tqdm import tqdm


class TextStream(Protocol):
    def write(self, text: str, /) -> Any: ...
    def flush(self) -> Any: ...
    def isatty(self) -> bool: ...


class CliProgress:
    """A ``progress(done, total)`` callback for long commands; close it (or use ``with``)."""

    def __init__(
        self,
        total: int | None,
        desc: str,
        *,
        stream: TextStream | None = None,
        min_interval: float = 2.0,
    ) -> None:
        self.stream: TextStream = stream if stream is not None else sys.stdout
        self.desc = desc
        self.total = total
        self.done = 0
        self.min_interval = min_interval
        self._last_line = 0.0
        self._last_percent = -100
        self._bar: tqdm[Any] | None = None
        if self.stream.isatty():
            # Django's OutputWrapper appends a newline to every write, which breaks a bar.
            raw = getattr(self.stream, "_out", self.stream)
            self._bar = tqdm(total=total, desc=desc, file=raw, unit="", leave=True)

    def __call__(self, done: int, total: int | None = None) -> None:
        if total is not None:
            self.total = total
        self.done = done
        if self._bar is not None:
            if total is not None and self._bar.total != total:
                self._bar.total = total
            self._bar.n = done
            self._bar.refresh()
            return
        self._maybe_print()

    def _maybe_print(self) -> None:
        now = time.monotonic()
        percent = int(100 * self.done / self.total) if self.total else None
        # A line every 10 % (or every few seconds when the total is unknown), and at the end.
        finished = self.total is not None and self.done >= self.total
        if percent is not None and not finished and percent < self._last_percent + 10:
            return
        if percent is None and now - self._last_line < self.min_interval:
            return
        self._last_line = now
        self._last_percent = percent if percent is not None else self._last_percent
        if self.total:
            line = f"{self.desc}: {self.done}/{self.total} ({percent}%)"
        else:
            line = f"{self.desc}: {self.done}"
        self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> CliProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def cli_progress(total: int | None, desc: str, *, stream: TextStream | None = None) -> CliProgress:
    """A progress callback for a management command writing to ``stream`` (stdout by default)."""
    return CliProgress(total, desc, stream=stream)
