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
REPOSITORY_LICENSE = PACKAGE_DIRECTORY.parent.parent / "LICENSE"
DIST_INFO = f"agnes-{agnes.__version__}.dist-info"
sys.path.insert(0, str(PACKAGE_DIRECTORY / "build_backend"))
import agnes_build_backend as backend  # noqa: E402 - the backend is not an installed module
import agnes_project_metadata as project_metadata  # noqa: E402

HAS_PIP = importlib.util.find_spec("pip") is not None
HAS_PACKAGING = importlib.util.find_spec("packaging") is not None


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
            installed_license = target / DIST_INFO / "licenses" / "LICENSE"
            self.assertEqual(installed_license.read_bytes(), REPOSITORY_LICENSE.read_bytes())

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

    def test_license_is_the_repository_license(self) -> None:
        self.assertEqual((PACKAGE_DIRECTORY / "LICENSE").read_bytes(), REPOSITORY_LICENSE.read_bytes(), "copy the root LICENSE again")

    def test_wheel_carries_the_license(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            name = backend.build_wheel(directory)
            with zipfile.ZipFile(Path(directory) / name) as wheel:
                license_text = wheel.read(f"{DIST_INFO}/licenses/LICENSE")
                metadata = wheel.read(f"{DIST_INFO}/METADATA").decode()
                record = wheel.read(f"{DIST_INFO}/RECORD").decode()
        self.assertEqual(license_text, REPOSITORY_LICENSE.read_bytes())
        headers = metadata.split("\n\n", 1)[0].splitlines()
        self.assertEqual(headers[0], "Metadata-Version: 2.4")
        self.assertIn("License-Expression: MIT", headers)
        self.assertIn("License-File: LICENSE", headers)
        self.assertFalse([line for line in headers if line.startswith("License:")], "License and License-Expression exclude each other")
        self.assertIn(f"{DIST_INFO}/licenses/LICENSE,sha256=", record)

    @unittest.skipUnless(HAS_PACKAGING, "the packaging library is not installed")
    def test_metadata_passes_the_packaging_validator(self) -> None:
        from packaging.metadata import Metadata  # pyright: ignore[reportMissingImports]

        with tempfile.TemporaryDirectory() as directory:
            name = backend.build_wheel(directory)
            with zipfile.ZipFile(Path(directory) / name) as wheel:
                metadata = Metadata.from_email(wheel.read(f"{DIST_INFO}/METADATA"), validate=True)
        self.assertEqual((metadata.metadata_version, metadata.license_expression, metadata.license_files), ("2.4", "MIT", ["LICENSE"]))

    def test_sdist_carries_the_license(self) -> None:
        base = f"agnes-{agnes.__version__}"
        with tempfile.TemporaryDirectory() as directory:
            name = backend.build_sdist(directory)
            with tarfile.open(Path(directory) / name) as archive:
                license_file = archive.extractfile(f"{base}/LICENSE")
                package_info = archive.extractfile(f"{base}/PKG-INFO")
                assert license_file is not None and package_info is not None
                license_text = license_file.read()
                headers = package_info.read().decode().split("\n\n", 1)[0].splitlines()
        self.assertEqual(license_text, REPOSITORY_LICENSE.read_bytes())
        self.assertIn("License-File: LICENSE", headers)

    def test_license_patterns_are_checked(self) -> None:
        cases = [
            (["NOTICE*"], r"license-files: 'NOTICE\*' matches no file"),
            (["../LICENSE"], r"license-files: '../LICENSE' must be a relative glob with / separators and no '..'"),
            (["/LICENSE"], r"license-files: '/LICENSE' must be a relative glob"),
        ]
        for patterns, message in cases:
            with self.subTest(patterns=patterns):
                with self.assertRaisesRegex(ValueError, message):
                    project_metadata.license_files({"license-files": patterns}, PACKAGE_DIRECTORY)

    def test_license_patterns_match_files_once(self) -> None:
        self.assertEqual(project_metadata.license_files({"license-files": ["LICEN[CS]E", "LICENSE"]}, PACKAGE_DIRECTORY), ["LICENSE"])
        self.assertEqual(project_metadata.license_files({}, PACKAGE_DIRECTORY), [])

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
        required_files = ("PKG-INFO", "pyproject.toml", "README.md", "LICENSE", *backend.BACKEND_FILES, "src/agnes/_errors.py")
        for required in required_files:
            self.assertIn(f"{base}/{required}", names)


if __name__ == "__main__":
    unittest.main()
