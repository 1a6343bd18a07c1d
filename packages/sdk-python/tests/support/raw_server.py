"""A TCP server on 127.0.0.1 that writes hand-made bytes, for responses that no HTTP server library sends."""

from __future__ import annotations

import socket
import struct
import threading
from typing import Callable, List

Handler = Callable[[socket.socket, threading.Event], None]
"""Writes the response to the connection; the event is set when the server stops."""


class RawServer:
    """Serve each connection with ``handlers`` in order (the last one repeats); use it as a context manager."""

    def __init__(self, *handlers: Handler) -> None:
        self.connections = 0
        self._handlers = handlers
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: List[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        """Base URL of the server, such as ``http://127.0.0.1:41234``."""
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> RawServer:
        self._accepting.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._accepting.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except socket.timeout:
                continue
            handler = self._handlers[min(self.connections, len(self._handlers) - 1)]
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(connection, handler), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, connection: socket.socket, handler: Handler) -> None:
        with connection:
            connection.settimeout(5)
            try:
                received = b""
                while b"\r\n\r\n" not in received and len(received) < 65_536:
                    part = connection.recv(4096)
                    if not part:
                        return
                    received += part
                handler(connection, self._stopping)
            except OSError:
                pass  # the client closed the connection first, as it does at its deadline


class Drip:
    """Sends ``head``, then ``byte`` ``count`` times, one every ``every`` seconds, then ``tail``.

    ``sent`` counts the bytes of the drip that reached the socket, so a test can tell that the
    client hung up before the drip ended without measuring time.
    """

    def __init__(self, head: bytes, byte: bytes, count: int, tail: bytes = b"", every: float = 0.2) -> None:
        self.head, self.byte, self.count, self.tail, self.every = head, byte, count, tail, every
        self.sent = 0

    def __call__(self, connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(self.head)
        for _ in range(self.count):
            if stopping.wait(self.every):
                return
            connection.sendall(self.byte)
            self.sent += 1
        connection.sendall(self.tail)


def drip(head: bytes, byte: bytes, count: int, tail: bytes = b"", every: float = 0.2) -> Drip:
    """Return a handler that drips a response; see ``Drip``."""
    return Drip(head, byte, count, tail, every)


def stall(data: bytes) -> Handler:
    """Send ``data`` and then nothing until the server stops."""

    def handle(connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(data)
        stopping.wait(10)

    return handle


def reset(data: bytes) -> Handler:
    """Send ``data`` and then reset the connection (a TCP RST) instead of closing it."""

    def handle(connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(data)
        stopping.wait(0.05)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return handle


def send(data: bytes) -> Handler:
    """Send ``data`` and close the connection."""

    def handle(connection: socket.socket, stopping: threading.Event) -> None:
        connection.sendall(data)

    return handle
