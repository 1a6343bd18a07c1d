"""Version of the ``agnes`` package; ``pyproject.toml`` contains the same value."""

from __future__ import annotations

__version__ = "0.1.0"
