"""PEP 517 build backend of the ``agnes`` package, written with the standard library only.

It builds a pure-Python wheel (``py3-none-any``) from ``src/agnes`` and an sdist, so
``pip install --no-build-isolation`` needs no build package at all. Setuptools alone
is not enough on every machine: setuptools before 70.1 needs the separate ``wheel``
package to build a wheel, and some Python installs ship setuptools without it.
Archives are reproducible: entries are sorted and carry a fixed timestamp.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import os
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "agnes"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_TAR_TIME = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can hold
WHEEL_TAG = "py3-none-any"

Metadata = Dict[str, Union[str, List[str]]]


def read_project_metadata(root: Path = ROOT) -> Metadata:
    """Read the ``[project]`` table of ``pyproject.toml``.

    Python 3.11 has ``tomllib``. Older versions use a reader for the subset that
    this file uses: ``key = "string"`` and arrays of strings.
    """
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib  # type: ignore[import-not-found, unused-ignore]
    except ModuleNotFoundError:
        return read_project_table(text)
    project: Dict[str, Any] = tomllib.loads(text)["project"]
    return {key: value for key, value in project.items() if isinstance(value, (str, list))}


def read_project_table(text: str) -> Metadata:
    """Read string and string-array members of ``[project]`` from TOML text.

    Raises ``ValueError`` naming the line for anything outside that subset.
    """
    result: Metadata = {}
    in_project = False
    pending: Optional[Tuple[str, str]] = None
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if pending is not None:
            key, collected = pending
            collected += " " + line
            if line.endswith("]"):
                result[key] = _strings_of_array(collected, number)
                pending = None
            else:
                pending = (key, collected)
            continue
        if line == "" or line.startswith("#"):
            continue
        if line.startswith("["):
            in_project = line == "[project]"
            continue
        if not in_project:
            continue
        match = re.fullmatch(r'([A-Za-z0-9_-]+)\s*=\s*(.+)', line)
        if match is None:
            raise ValueError(f"pyproject.toml line {number}: expected `key = value`, got {raw_line!r}")
        key, value = match.group(1), match.group(2)
        if value.startswith('"'):
            result[key] = _basic_string(value, number)
        elif value.startswith("["):
            if value.endswith("]"):
                result[key] = _strings_of_array(value, number)
            else:
                pending = (key, value)
        else:
            raise ValueError(f"pyproject.toml line {number}: only strings and arrays of strings are supported in [project]")
    return result


def _basic_string(value: str, number: int) -> str:
    match = re.fullmatch(r'"([^"\\]*)"\s*(#.*)?', value)
    if match is None:
        raise ValueError(f"pyproject.toml line {number}: expected a string without escapes, got {value!r}")
    return match.group(1)


def _strings_of_array(value: str, number: int) -> List[str]:
    inner = value.strip()[1:-1]
    items = [item.strip() for item in re.split(r',(?=(?:[^"]*"[^"]*")*[^"]*$)', inner)]
    return [_basic_string(item, number) for item in items if item != "" and not item.startswith("#")]


def _metadata_text(metadata: Metadata, readme: str) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {metadata['name']}",
        f"Version: {metadata['version']}",
        f"Summary: {metadata.get('description', '')}",
        f"License: {metadata.get('license', '')}",
        f"Requires-Python: {metadata.get('requires-python', '')}",
    ]
    classifiers = metadata.get("classifiers", [])
    for classifier in classifiers if isinstance(classifiers, list) else [classifiers]:
        lines.append(f"Classifier: {classifier}")
    lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + readme


def _package_files(root: Path) -> List[Tuple[str, Path]]:
    source = root / "src" / PACKAGE
    files: List[Tuple[str, Path]] = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files.append((path.relative_to(root / "src").as_posix(), path))
    return files


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


def _write_wheel(directory: str, contents: List[Tuple[str, bytes]], metadata: Metadata, readme: str) -> str:
    name = str(metadata["name"]).replace("-", "_")
    version = str(metadata["version"])
    dist_info = f"{name}-{version}.dist-info"
    wheel_text = f"Wheel-Version: 1.0\nGenerator: agnes_build_backend\nRoot-Is-Purelib: true\nTag: {WHEEL_TAG}\n"
    entries = contents + [
        (f"{dist_info}/METADATA", _metadata_text(metadata, readme).encode("utf-8")),
        (f"{dist_info}/WHEEL", wheel_text.encode("utf-8")),
        (f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode("utf-8")),
    ]
    record = "\n".join(_record_line(entry, data) for entry, data in entries) + f"\n{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode("utf-8")))

    filename = f"{name}-{version}-{WHEEL_TAG}.whl"
    with zipfile.ZipFile(os.path.join(directory, filename), "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            info = zipfile.ZipInfo(entry, date_time=FIXED_ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return filename


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    """Build the wheel into ``wheel_directory`` and return its file name (PEP 517)."""
    metadata = read_project_metadata()
    contents = [(entry, path.read_bytes()) for entry, path in _package_files(ROOT)]
    return _write_wheel(wheel_directory, contents, metadata, (ROOT / "README.md").read_text(encoding="utf-8"))


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    """Build a wheel whose ``.pth`` file puts ``src`` on ``sys.path`` (PEP 660)."""
    metadata = read_project_metadata()
    pth = f"{(ROOT / 'src').as_posix()}\n".encode("utf-8")
    contents = [(f"__editable__.{PACKAGE}.pth", pth)]
    return _write_wheel(wheel_directory, contents, metadata, (ROOT / "README.md").read_text(encoding="utf-8"))


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    """Build the source archive into ``sdist_directory`` and return its file name (PEP 517)."""
    metadata = read_project_metadata()
    base = f"{str(metadata['name']).replace('-', '_')}-{metadata['version']}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    members: List[Tuple[str, bytes]] = [("PKG-INFO", _metadata_text(metadata, readme).encode("utf-8"))]
    for relative in ["pyproject.toml", "README.md", "build_backend/agnes_build_backend.py"]:
        members.append((relative, (ROOT / relative).read_bytes()))
    members += [(f"src/{entry}", path.read_bytes()) for entry, path in _package_files(ROOT)]

    filename = f"{base}.tar.gz"
    with open(os.path.join(sdist_directory, filename), "wb") as file:
        # gzip stores a timestamp too, so it is fixed as well.
        with gzip.GzipFile(fileobj=file, mode="wb", mtime=FIXED_TAR_TIME) as compressed:
            with tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive:
                for relative, data in sorted(members):
                    info = tarfile.TarInfo(f"{base}/{relative}")
                    info.size = len(data)
                    info.mtime = FIXED_TAR_TIME
                    info.mode = 0o644
                    archive.addfile(info, io.BytesIO(data))
    return filename


def get_requires_for_build_wheel(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    """Return the extra packages needed to build a wheel: none."""
    return []


def get_requires_for_build_sdist(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    """Return the extra packages needed to build an sdist: none."""
    return []


def get_requires_for_build_editable(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    """Return the extra packages needed to build an editable wheel: none."""
    return []
