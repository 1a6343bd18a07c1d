"""urllib handlers whose connections read with a deadline, so a response that drips still ends the call on time.

A socket timeout alone bounds each read, not their sum: a server that sends one byte
every 0.2 s never trips a 1 s timeout. Here every read from the socket first sets the
socket timeout to the time left before the call's deadline, for the status line, the
headers and the body alike.
"""

from __future__ import annotations

import http.client
import io
import socket
import urllib.request
from typing import Any, Callable, NamedTuple, Optional, Type


class Deadline(NamedTuple):
    """When a call must end, in the seconds of ``clock``."""

    clock: Callable[[], float]
    at: float

    def remaining(self) -> float:
        """Return the seconds left, 0 or less once the deadline has passed."""
        return self.at - self.clock()


DEADLINE_ATTRIBUTE = "agnes_deadline"
"""Attribute of a ``urllib.request.Request`` that carries its ``Deadline`` to the handlers."""


class _DeadlineSocketReader(io.RawIOBase):
    """A raw stream over a socket that sets the socket timeout to the time left before each read."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        super().__init__()
        self._sock = sock
        # makefile keeps the socket open until this stream closes, after urllib closes its own reference.
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> Optional[int]:
        remaining = self._deadline.remaining()
        if remaining <= 0:
            raise socket.timeout("the call's deadline passed while the response was read")
        self._sock.settimeout(remaining)
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    """An ``HTTPResponse`` that reads through ``_DeadlineSocketReader``."""

    def __init__(self, sock: socket.socket, debuglevel: int = 0, method: Optional[str] = None, url: Optional[str] = None, *, deadline: Deadline) -> None:
        super().__init__(sock, debuglevel, method, url)
        self.fp.close()
        self.fp = io.BufferedReader(_DeadlineSocketReader(sock, deadline))


def _response_class(deadline: Deadline) -> Callable[..., http.client.HTTPResponse]:
    def create(sock: socket.socket, *args: Any, **kwargs: Any) -> http.client.HTTPResponse:
        return _DeadlineResponse(sock, *args, deadline=deadline, **kwargs)

    return create


def _deadline_of(request: urllib.request.Request) -> Deadline:
    deadline = getattr(request, DEADLINE_ATTRIBUTE, None)
    if not isinstance(deadline, Deadline):
        raise TypeError(f"Missing {DEADLINE_ATTRIBUTE} attribute on the request; send requests through agnes._transport.send_once")
    return deadline


def _connect_within(
    connection_class: Type[http.client.HTTPConnection], deadline: Deadline
) -> Callable[..., http.client.HTTPConnection]:
    """Return a connection factory for ``do_open`` whose responses read within ``deadline``."""

    def connect(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        connection = connection_class(host, **kwargs)
        connection.response_class = _response_class(deadline)  # type: ignore[assignment]
        return connection

    return connect


class DeadlineHTTPHandler(urllib.request.HTTPHandler):
    """Open http URLs with connections whose responses read within the request's deadline."""

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connect_within(http.client.HTTPConnection, _deadline_of(req)), req)  # type: ignore[arg-type]


class DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
    """Open https URLs with connections whose responses read within the request's deadline.

    The TLS context is the default one, as with urllib's own handler.
    """

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connect_within(http.client.HTTPSConnection, _deadline_of(req)), req)  # type: ignore[arg-type]
