"""Project metadata of the ``agnes`` package: the ``[project]`` table, license files and core metadata.

Only the standard library is used, so that the build backend needs no package.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

ROOT = Path(__file__).resolve().parent.parent

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


def license_files(metadata: Metadata, root: Path = ROOT) -> List[str]:
    """Return the files that the ``license-files`` globs match, as sorted paths relative to ``root``.

    PEP 639 makes each pattern relative to the project root, forbids ``..`` and absolute
    patterns, and requires every pattern to match at least one file. Raises
    ``ValueError`` naming the pattern otherwise.
    """
    patterns = metadata.get("license-files", [])
    found: List[str] = []
    for pattern in patterns if isinstance(patterns, list) else [patterns]:
        if pattern.startswith("/") or "\\" in pattern or ".." in pattern.split("/"):
            raise ValueError(f"pyproject.toml license-files: {pattern!r} must be a relative glob with / separators and no '..'")
        matches = sorted(path.relative_to(root).as_posix() for path in root.glob(pattern) if path.is_file())
        if not matches:
            raise ValueError(f"pyproject.toml license-files: {pattern!r} matches no file in {root}; add the file or fix the pattern")
        found += [match for match in matches if match not in found]
    return sorted(found)


def metadata_text(metadata: Metadata, readme: str, licenses: List[str]) -> str:
    """Render core metadata 2.4, the version that added ``License-Expression`` and ``License-File``."""
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {metadata['name']}",
        f"Version: {metadata['version']}",
        f"Summary: {metadata.get('description', '')}",
    ]
    # A string `license` is an SPDX expression (PEP 639); it excludes the older License field.
    if isinstance(metadata.get("license"), str):
        lines.append(f"License-Expression: {metadata['license']}")
    lines += [f"License-File: {path}" for path in licenses]
    lines.append(f"Requires-Python: {metadata.get('requires-python', '')}")
    classifiers = metadata.get("classifiers", [])
    for classifier in classifiers if isinstance(classifiers, list) else [classifiers]:
        lines.append(f"Classifier: {classifier}")
    lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + readme
