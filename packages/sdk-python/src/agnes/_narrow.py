"""The runtime check behind ``agnes.is_agnes_error``; its typed overloads are generated in ``_errors``."""

from __future__ import annotations

import difflib
from typing import Mapping

from ._base import AgnesError, APIError, CodeSpec


def error_has_code(error: object, code: object, spec_by_code: Mapping[str, CodeSpec]) -> bool:
    """Check whether ``error`` is an ``AgnesError``, and with a ``code``, an API error of that known code.

    An API error matches a code only when the response carried it (``is_known_code``) and
    the error is an instance of the class that the registry gives the code.

    A ``code`` of ``None`` means no code. Raises ``TypeError`` for a ``code`` that is neither a
    string nor ``None`` and ``ValueError`` for a code that the registry does not list, because
    such a check could never match. Neither the params nor the status are checked.
    """
    if code is None:
        return isinstance(error, AgnesError)
    if not isinstance(code, str):
        raise TypeError(f"is_agnes_error: code must be a str such as \"forbidden\", not {type(code).__name__}")

    spec = spec_by_code.get(code)
    if spec is None:
        closest = difflib.get_close_matches(code, list(spec_by_code), n=1)
        hint = f'did you mean "{closest[0]}"?' if closest else f"use one of: {', '.join(sorted(spec_by_code))}"
        raise ValueError(f"is_agnes_error: {code!r} is not a code of the error registry; {hint}")

    return isinstance(error, APIError) and isinstance(error, spec.error_class) and error.is_known_code and error.code == code
