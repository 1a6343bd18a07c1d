"""Version of the ``agnes`` package; ``pyproject.toml`` holds the same value."""

__version__ = "0.1.0"
