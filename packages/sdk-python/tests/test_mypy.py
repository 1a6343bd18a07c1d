"""mypy on the ``agnes`` package, when a mypy is installed.

``pnpm --filter @agnes/sdk-python test`` checks the package with pyright, which the
package's dev dependencies pin. mypy is not a dependency, so these tests look for one
and skip when none is found. On Debian 12, ``apt-get install python3-mypy`` installs
mypy 1.0.1 for ``/usr/bin/python3``, which these tests find on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from typing import List, Optional

SOURCE_DIRECTORY = Path(__file__).resolve().parent.parent / "src"


def find_mypy() -> Optional[List[str]]:
    """Return a command that runs mypy, or None when none is installed.

    Tries the ``mypy`` on PATH, then ``-m mypy`` with this Python and with each
    ``python3`` on PATH, because a distribution may install the module without the script.
    """
    script = shutil.which("mypy")
    if script is not None:
        return [script]
    pythons = [sys.executable] + [os.path.join(directory, "python3") for directory in os.environ.get("PATH", "").split(os.pathsep) if directory]
    seen = set()
    for python in pythons:
        real = os.path.realpath(python)
        if real in seen or not os.access(python, os.X_OK):
            continue
        seen.add(real)
        probe = subprocess.run([python, "-c", "import mypy.api"], capture_output=True, timeout=60)
        if probe.returncode == 0:
            return [python, "-m", "mypy"]
    return None


MYPY = find_mypy()


def run_mypy(source: Path) -> "subprocess.CompletedProcess[str]":
    """Run mypy on the ``agnes`` package under ``source`` for Python 3.9, the oldest version that the SDK supports."""
    assert MYPY is not None
    with tempfile.TemporaryDirectory() as cache:
        command = [*MYPY, "--python-version", "3.9", "--cache-dir", cache, "--no-error-summary", "-p", "agnes"]
        return subprocess.run(command, cwd=source, capture_output=True, text=True, timeout=300)


@unittest.skipIf(MYPY is None, "mypy is not installed: on Debian 12 run `apt-get install python3-mypy`; pyright still checks the package")
class Mypy(unittest.TestCase):
    def test_package_passes(self) -> None:
        result = run_mypy(SOURCE_DIRECTORY)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_narrowed_params_need_their_ignore(self) -> None:
        # Without the generated ignores, mypy reports each narrowed `params` as an incompatible
        # override, which proves that the check above can fail.
        with tempfile.TemporaryDirectory() as directory:
            copy = Path(directory) / "agnes"
            shutil.copytree(SOURCE_DIRECTORY / "agnes", copy, ignore=shutil.ignore_patterns("__pycache__"))
            errors_file = copy / "_errors.py"
            source = errors_file.read_text(encoding="utf-8")
            errors_file.write_text(source.replace("  # type: ignore[assignment]", ""), encoding="utf-8")
            result = run_mypy(Path(directory))

        reported = re.findall(r"^agnes/_errors\.py:\d+: error: Incompatible types in assignment .*\[assignment\]$", result.stdout, re.MULTILINE)
        self.assertEqual(len(reported), source.count("  # type: ignore[assignment]"))
        self.assertGreater(len(reported), 0)
        self.assertEqual(result.returncode, 1)


if __name__ == "__main__":
    unittest.main()
