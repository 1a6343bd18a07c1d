"""Class names that are also Python built-ins stay inside the ``agnes`` namespace.

Each check runs in a fresh interpreter, so no earlier import in this process can hide a leak.
"""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
import textwrap
import unittest

import agnes

from . import SOURCE_DIRECTORY

SHADOWING_NAMES = ("PermissionError", "ConnectionError", "TimeoutError")


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(SOURCE_DIRECTORY)}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=environment, timeout=60)


class Builtins(unittest.TestCase):
    def test_agnes_classes_are_not_the_builtins(self) -> None:
        for name in SHADOWING_NAMES:
            with self.subTest(name):
                self.assertIsNot(getattr(agnes, name), getattr(builtins, name))

    def test_star_export_leaves_out_builtin_names(self) -> None:
        self.assertEqual([name for name in agnes.__all__ if hasattr(builtins, name)], [])

    def test_import_agnes_keeps_builtins(self) -> None:
        result = run_python(
            """
            import builtins
            import agnes
            assert PermissionError is builtins.PermissionError
            assert ConnectionError is builtins.ConnectionError
            assert TimeoutError is builtins.TimeoutError
            assert agnes.PermissionError is not builtins.PermissionError
            """
        )
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_star_import_keeps_builtins(self) -> None:
        result = run_python(
            """
            import builtins
            from agnes import *
            for name in ("PermissionError", "ConnectionError", "TimeoutError"):
                assert globals().get(name, getattr(builtins, name)) is getattr(builtins, name), name
            assert RateLimitError.__module__ == "agnes"
            assert error_from_response(429, {}, None).__class__ is RateLimitError
            """
        )
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_except_builtin_still_catches_os_errors(self) -> None:
        result = run_python(
            """
            from agnes import *
            import agnes
            try:
                raise PermissionError(13, "Permission denied", "/etc/agnes.conf")
            except PermissionError as error:
                assert not isinstance(error, agnes.AgnesError)
            try:
                raise ConnectionRefusedError("refused")
            except ConnectionError:
                pass
            try:
                raise TimeoutError("slow")
            except TimeoutError as error:
                assert not isinstance(error, agnes.AgnesError)
            """
        )
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_explicit_import_shadows_only_where_asked(self) -> None:
        result = run_python(
            """
            import builtins
            from agnes import PermissionError
            assert PermissionError is not builtins.PermissionError
            namespace = {}
            exec("found = PermissionError", namespace)
            assert namespace["found"] is builtins.PermissionError
            """
        )
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_code_without_agnes_import_catches_builtin(self) -> None:
        result = run_python(
            """
            import importlib
            importlib.import_module("agnes")  # another module of the program uses the SDK
            def read_config():
                raise PermissionError(13, "Permission denied", "/etc/agnes.conf")
            try:
                read_config()
            except PermissionError as error:
                assert error.errno == 13
            """
        )
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
