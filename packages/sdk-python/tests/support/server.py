"""A real HTTP server on 127.0.0.1 with a port the system chooses, serving scripted replies."""

from __future__ import annotations

import http.server
import socket
import threading
from typing import Callable, Dict, Iterable, List, NamedTuple, Sequence, Tuple, Type, Union

Chunks = Union[bytes, Iterable[bytes]]


class Reply(NamedTuple):
    """One scripted response. Only the listed headers are sent, and the body ends when the connection closes."""

    status: int
    headers: Sequence[Tuple[str, str]] = ()
    body: Chunks = b""
    hang: bool = False
    """Send nothing and wait until the server stops, for timeout tests."""
    drop: bool = False
    """Close the connection without a response, for connection-failure tests."""


class RecordedRequest(NamedTuple):
    """What the server received: method, path, headers with lowercase names, and body."""

    method: str
    path: str
    headers: Dict[str, str]
    body: bytes


Script = Union[Sequence[Reply], Callable[[int], Reply]]
"""Replies in order (the last one repeats), or a function of the zero-based request number."""


class ScriptedServer:
    """Serve ``script`` on 127.0.0.1 in a thread and record every request; use it as a context manager."""

    def __init__(self, script: Script) -> None:
        self.requests: List[RecordedRequest] = []
        self._script = script
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """Base URL of the server, such as ``http://127.0.0.1:41234``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _reply_for(self, number: int) -> Reply:
        if callable(self._script):
            return self._script(number)
        return self._script[min(number, len(self._script) - 1)]

    def _handler_class(self) -> Type[http.server.BaseHTTPRequestHandler]:
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            # HTTP/1.0 closes the connection after each response, so a body needs no Content-Length.
            protocol_version = "HTTP/1.0"

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with owner._lock:
                    number = len(owner.requests)
                    owner.requests.append(
                        RecordedRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                reply = owner._reply_for(number)
                if reply.hang:
                    owner._stopping.wait(timeout=10)
                    return
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                try:
                    self.send_response_only(reply.status)
                    for name, value in reply.headers:
                        self.send_header(name, value)
                    self.end_headers()
                    for chunk in [reply.body] if isinstance(reply.body, bytes) else reply.body:
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading, as it does after its body limit

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def closed_port_url() -> str:
    """Return a URL on 127.0.0.1 where nothing listens, so connections are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"

