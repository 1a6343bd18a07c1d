"""The example service of ``apps/api``, started with Node 24 as a child process on 127.0.0.1."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

API_DIRECTORY = Path(__file__).resolve().parents[4] / "apps" / "api"
START_TIMEOUT_SECONDS = 30
LISTENING_PREFIX = "Server listening at "


def node_24() -> Optional[str]:
    """Return the path of a Node 24 or newer on PATH, or None."""
    node = shutil.which("node")
    if node is None:
        return None
    version = subprocess.run([node, "-p", "process.versions.node.split('.')[0]"], capture_output=True, text=True, timeout=30)
    return node if version.returncode == 0 and int(version.stdout) >= 24 else None


class ExampleApi:
    """Run ``node src/main.ts`` of ``apps/api`` with ``PORT=0`` and read its address from its log.

    Fastify logs ``Server listening at <url>`` once it listens. The log lines stay in
    ``log`` as parsed JSON, so tests can count the requests the service received.
    """

    def __init__(self, node: str, environment: Optional[Dict[str, str]] = None) -> None:
        self.log: List[Dict[str, Any]] = []
        self.url = ""
        variables = {**os.environ, "HOST": "127.0.0.1", "PORT": "0", "LOG_LEVEL": "info", **(environment or {})}
        self._process = subprocess.Popen(
            [node, "src/main.ts"],
            cwd=API_DIRECTORY,
            env=variables,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lines: "queue.Queue[Optional[str]]" = queue.Queue()
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()

    def __enter__(self) -> ExampleApi:
        try:
            self.url = self._wait_for_address()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the child process that this object started, and only that one."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._reader.join(timeout=10)
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()

    def requests_to(self, method: str, url: str) -> int:
        """Count the requests with this method and URL that the log shows so far."""
        return sum(
            1
            for entry in list(self.log)
            if entry.get("msg") == "incoming request" and entry.get("req", {}).get("method") == method and entry.get("req", {}).get("url") == url
        )

    def wait_for_completion(self, request_id: str, timeout: float = 10) -> None:
        """Wait until the log contains the ``request completed`` line of a request, so all earlier lines are read."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(entry.get("msg") == "request completed" and entry.get("reqId") == request_id for entry in list(self.log)):
                return
            time.sleep(0.02)
        raise AssertionError(f"apps/api logged no completion of request {request_id} within {timeout} s")

    def _read_stdout(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                self.log.append(entry)  # pyright: ignore[reportUnknownArgumentType]
        self._lines.put(None)

    def _wait_for_address(self) -> str:
        while True:
            try:
                line = self._lines.get(timeout=START_TIMEOUT_SECONDS)
            except queue.Empty:
                raise RuntimeError(f"apps/api did not log '{LISTENING_PREFIX}<url>' within {START_TIMEOUT_SECONDS} s") from None
            if line is None:
                errors = self._process.stderr.read() if self._process.stderr else ""
                raise RuntimeError(f"apps/api exited with status {self._process.wait()} before listening: {errors}")
            try:
                message = json.loads(line).get("msg", "")
            except (ValueError, AttributeError):
                continue
            if isinstance(message, str) and message.startswith(LISTENING_PREFIX):
                return message[len(LISTENING_PREFIX) :].strip()
