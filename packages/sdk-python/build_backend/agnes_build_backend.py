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
import tarfile
import zipfile
from pathlib import Path
from typing import Any, List, Mapping, Optional, Tuple

from agnes_project_metadata import ROOT, Metadata, license_files, metadata_text, read_project_metadata, read_project_table

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "read_project_metadata",
    "read_project_table",
]

PACKAGE = "agnes"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_TAR_TIME = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can hold
WHEEL_TAG = "py3-none-any"
BACKEND_FILES = ["build_backend/agnes_build_backend.py", "build_backend/agnes_project_metadata.py"]


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


def _write_wheel(directory: str, contents: List[Tuple[str, bytes]], metadata: Metadata) -> str:
    name = str(metadata["name"]).replace("-", "_")
    version = str(metadata["version"])
    dist_info = f"{name}-{version}.dist-info"
    licenses = license_files(metadata)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    wheel_text = f"Wheel-Version: 1.0\nGenerator: agnes_build_backend\nRoot-Is-Purelib: true\nTag: {WHEEL_TAG}\n"
    entries = contents + [
        (f"{dist_info}/METADATA", metadata_text(metadata, readme, licenses).encode("utf-8")),
        (f"{dist_info}/WHEEL", wheel_text.encode("utf-8")),
        (f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode("utf-8")),
    ]
    # PEP 639 puts license files under .dist-info/licenses/, at their paths in the project.
    entries += [(f"{dist_info}/licenses/{path}", (ROOT / path).read_bytes()) for path in licenses]
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
    contents = [(entry, path.read_bytes()) for entry, path in _package_files(ROOT)]
    return _write_wheel(wheel_directory, contents, read_project_metadata())


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    """Build a wheel whose ``.pth`` file puts ``src`` on ``sys.path`` (PEP 660)."""
    pth = f"{(ROOT / 'src').as_posix()}\n".encode("utf-8")
    return _write_wheel(wheel_directory, [(f"__editable__.{PACKAGE}.pth", pth)], read_project_metadata())


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    """Build the source archive into ``sdist_directory`` and return its file name (PEP 517)."""
    metadata = read_project_metadata()
    licenses = license_files(metadata)
    base = f"{str(metadata['name']).replace('-', '_')}-{metadata['version']}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    members: List[Tuple[str, bytes]] = [("PKG-INFO", metadata_text(metadata, readme, licenses).encode("utf-8"))]
    for relative in ["pyproject.toml", "README.md", *BACKEND_FILES, *licenses]:
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
