"""The package installs offline with pip and works from where pip put it; its build backend is reproducible."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path

import agnes

PACKAGE_DIRECTORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PACKAGE_DIRECTORY / "build_backend"))
import agnes_build_backend as backend  # noqa: E402 - the backend is not an installed module

HAS_PIP = importlib.util.find_spec("pip") is not None


class OfflineInstall(unittest.TestCase):
    @unittest.skipUnless(HAS_PIP, "this Python has no pip module")
    def test_pip_installs_without_index_and_build_isolation(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            target = Path(directory) / "site"
            # --isolated ignores pip config files and PIP_* variables, and --no-index fails on any download.
            command = [
                sys.executable, "-m", "pip", "--isolated", "install", "--no-build-isolation", "--no-deps", "--no-index",
                "--disable-pip-version-check", "--target", str(target), str(PACKAGE_DIRECTORY),
            ]
            install = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=directory)
            self.assertEqual(install.returncode, 0, install.stdout + install.stderr)
            self.assertTrue((target / "agnes" / "py.typed").is_file(), "py.typed is installed")

            probe = (
                "import agnes, pathlib; "
                "print(pathlib.Path(agnes.__file__).parent.parent); "
                "print(agnes.__version__); "
                "print(type(agnes.error_from_response(403, {'content-type': 'application/json'}, b'{\"code\":\"forbidden\"}')).__name__)"
            )
            environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
            environment["PYTHONPATH"] = str(target)
            imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=directory, env=environment, timeout=60)
            self.assertEqual(imported.returncode, 0, imported.stderr)
            self.assertEqual(imported.stdout.split(), [str(target), agnes.__version__, "PermissionError"])


class BuildBackend(unittest.TestCase):
    def test_metadata_matches_the_package(self) -> None:
        metadata = backend.read_project_metadata()
        self.assertEqual(metadata["name"], "agnes")
        self.assertEqual(metadata["version"], agnes.__version__)
        self.assertEqual(metadata["requires-python"], ">=3.9")

    def test_subset_reader_matches_tomllib(self) -> None:
        text = (PACKAGE_DIRECTORY / "pyproject.toml").read_text(encoding="utf-8")
        try:
            import tomllib  # type: ignore[import-not-found, unused-ignore]
        except ModuleNotFoundError:
            self.skipTest("tomllib needs Python 3.11")
        project = tomllib.loads(text)["project"]
        expected = {key: value for key, value in project.items() if isinstance(value, (str, list))}
        self.assertEqual(backend.read_project_table(text), expected)

    def test_subset_reader_rejects_other_toml(self) -> None:
        with self.assertRaisesRegex(ValueError, r"pyproject.toml line 2: only strings and arrays of strings are supported"):
            backend.read_project_table('[project]\nlicense = { text = "MIT" }\n')

    def test_wheel_is_reproducible_and_complete(self) -> None:
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            name = backend.build_wheel(first)
            self.assertEqual(backend.build_wheel(second), name)
            self.assertEqual((Path(first) / name).read_bytes(), (Path(second) / name).read_bytes())
            with zipfile.ZipFile(Path(first) / name) as wheel:
                names = wheel.namelist()
                record = wheel.read(f"agnes-{agnes.__version__}.dist-info/RECORD").decode()
        self.assertEqual(name, f"agnes-{agnes.__version__}-py3-none-any.whl")
        for required in ("agnes/__init__.py", "agnes/_errors.py", "agnes/py.typed"):
            self.assertIn(required, names)
        self.assertFalse([entry for entry in names if "__pycache__" in entry])
        self.assertEqual(len(record.strip().splitlines()), len(names))

    def test_sdist_holds_the_sources_and_backend(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            name = backend.build_sdist(directory)
            with tarfile.open(Path(directory) / name) as archive:
                names = archive.getnames()
        base = f"agnes-{agnes.__version__}"
        for required in ("PKG-INFO", "pyproject.toml", "README.md", "build_backend/agnes_build_backend.py", "src/agnes/_errors.py"):
            self.assertIn(f"{base}/{required}", names)


if __name__ == "__main__":
    unittest.main()
