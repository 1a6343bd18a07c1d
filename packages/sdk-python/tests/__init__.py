"""Tests of the ``agnes`` package; they import it from ``src`` without installing it."""

import sys
from pathlib import Path

SOURCE_DIRECTORY = Path(__file__).resolve().parent.parent / "src"
if str(SOURCE_DIRECTORY) not in sys.path:
    sys.path.insert(0, str(SOURCE_DIRECTORY))
