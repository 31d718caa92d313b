"""Progress reports from deep inside the loaders, without threading a callback through every call.

The CLI installs a listener for the duration of one parse (`listening`); loaders call `page_done`
after each page they OCR or read. No listener (the API, tests, batch workers): the calls cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PageListener = Callable[[int, int], None]  # (pages done, pages in total)

_listener: ContextVar[PageListener | None] = ContextVar("kehoach_page_listener", default=None)


def page_done(done: int, total: int) -> None:
    """Tell the listener, if any, that `done` of `total` pages are finished."""
    listener = _listener.get()
    if listener is not None:
        listener(done, total)


@contextmanager
def listening(listener: PageListener | None) -> Iterator[None]:
    """Route `page_done` calls made inside the block to `listener`."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
