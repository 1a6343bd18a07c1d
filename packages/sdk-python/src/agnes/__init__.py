"""The Python SDK of the Agnes API.

Error classes come from the error registry, one per SDK class name: ``agnes.PermissionError``
for a 403 ``forbidden``, family classes for each status, and code classes such as
``agnes.EmailNotVerifiedError``. ``error_from_response`` turns any HTTP response into
one of them, ``retry_decision`` decides whether and when to retry, and ``Client`` sends
requests with both. ``is_agnes_error(error, code)`` narrows an error to one code, with
``params`` typed by that code's ``TypedDict`` such as ``RateLimitedParams``.

Some class names (``PermissionError``, ``ConnectionError``, ``TimeoutError``) are also
names of Python built-ins. They shadow the built-ins only inside the ``agnes``
namespace: use them as ``agnes.PermissionError``. ``from agnes import *`` leaves them
out, so it never replaces a built-in in the importing module.
"""

from __future__ import annotations

import builtins as _builtins

from . import _errors
from ._budget import RetryBudget
from ._client import DEFAULT_TIMEOUT, Client
from ._errors import *  # noqa: F403 - every error class, including those that shadow built-ins
from ._errors import CONTRACT_VERSION
from ._parse import MAX_ERROR_BODY_BYTES, error_from_response
from ._retry import DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER, RetryDecision, backoff_bounds, retry_decision
from ._retry_after import retry_after
from ._retryable import TRANSIENT_STATUSES
from ._version import __version__

__all__ = [
    "CONTRACT_VERSION",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_RETRY_AFTER",
    "DEFAULT_TIMEOUT",
    "MAX_ERROR_BODY_BYTES",
    "TRANSIENT_STATUSES",
    "Client",
    "RetryBudget",
    "RetryDecision",
    "__version__",
    "backoff_bounds",
    "error_from_response",
    "retry_after",
    "retry_decision",
]
# Star imports get every error class except those named like a built-in, which stay
# reachable as agnes.<Name>; the registry decides the names, so they are filtered here.
__all__ += [name for name in _errors.__all__ if not hasattr(_builtins, name)]


def _show_public_module() -> None:
    # Tracebacks and reprs name the public path, such as agnes.PermissionError. Functions keep
    # their module, because typing.get_overloads finds the overloads of is_agnes_error by it.
    for name in _errors.__all__:
        value = getattr(_errors, name)
        if isinstance(value, type):
            value.__module__ = __name__


_show_public_module()
