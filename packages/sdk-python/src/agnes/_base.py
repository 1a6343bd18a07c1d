"""Error classes that do not depend on the registry: the base class, API errors and transport failures.

The generated module ``agnes._errors`` subclasses ``APIError`` once per SDK class name
in the error registry and re-exports everything defined here.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, NamedTuple, Optional, Tuple, Type


class AgnesError(Exception):
    """Base of everything the SDK raises: API errors (an HTTP response) and transport failures."""

    retryable: bool = False
    """Whether the error is transient, so that the client may send the request again.

    Method, attempt, delay and budget rules still apply before a retry happens.
    """


class InvalidOptionError(AgnesError, ValueError):
    """An invalid option of the client, of a request or of a ``RetryBudget``.

    It is raised before any request is sent, and the message names the option, the
    value and what is expected. It is also a ``ValueError``, so ``except ValueError``
    catches it too. It is never retried.
    """


class APIError(AgnesError):
    """An HTTP response that is an error.

    Each status that the registry uses has a family subclass (403 is
    ``agnes.PermissionError``), and some codes have their own subclass of their family.
    A status that the registry never uses gives a plain ``APIError``.
    """

    status: int
    """HTTP status of the response."""
    code: str
    """The envelope's ``code``; ``"unknown"`` when the body has none."""
    is_known_code: bool
    """Whether ``code`` is one of the registry's codes."""
    request_id: Optional[str]
    """The envelope's ``request_id``, else the ``X-Request-Id`` header."""
    doc_url: Optional[str]
    """The envelope's ``doc_url``: the docs page of the code."""
    detail: str
    """The envelope's ``detail``, or a short description of a body that is not an envelope."""
    params: Dict[str, Any]
    """Members of a JSON object body other than the envelope and RFC 9457 members."""
    headers: Dict[str, str]
    """Response headers, with lowercase names; repeated headers are joined with ``", "``."""
    body: Any
    """The parsed JSON body, or the body text as received (up to the read limit)."""

    def __init__(
        self,
        *,
        status: int,
        code: str,
        is_known_code: bool,
        detail: str,
        request_id: Optional[str] = None,
        doc_url: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        headers: Optional[Mapping[str, str]] = None,
        body: Any = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.is_known_code = is_known_code
        self.request_id = request_id
        self.doc_url = doc_url
        self.detail = detail
        self.params = dict(params or {})
        self.headers = dict(headers or {})
        self.body = body
        self.retryable = retryable

    def __reduce__(self) -> Tuple[Callable[..., APIError], Tuple[Type[APIError], Dict[str, Any]]]:
        # Keyword-only constructors break the default pickling of exceptions.
        return (_restore_api_error, (type(self), dict(self.__dict__)))


def _restore_api_error(cls: Type[APIError], state: Dict[str, Any]) -> APIError:
    error = cls.__new__(cls)
    Exception.__init__(error, f"{state.get('status')} {state.get('code')}: {state.get('detail')}")
    error.__dict__.update(state)
    return error


class UnexpectedResponseError(APIError):
    """A 2xx response whose body is not JSON, or not valid JSON.

    Such a body is usually an HTML page from a proxy or a bot check in front of the
    API. It is never retried, because the same request would most likely get the
    same page. ``code`` is ``"unknown"``.
    """

    def __init__(
        self,
        *,
        status: int,
        detail: str,
        request_id: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
        body: Any = None,
    ) -> None:
        super().__init__(
            status=status,
            code="unknown",
            is_known_code=False,
            detail=detail,
            request_id=request_id,
            headers=headers,
            body=body,
            retryable=False,
        )


class APIConnectionError(AgnesError):
    """The request could not be sent or its response could not be read.

    Examples are a refused or reset connection, a failed DNS lookup and a response
    that is not valid HTTP. The error is retryable; the original exception is
    ``__cause__``. Also exported as ``agnes.ConnectionError``.
    """

    retryable = True


class APITimeoutError(APIConnectionError):
    """The request timed out. Also exported as ``agnes.TimeoutError``.

    The client's ``timeout`` covers the whole call, so a call that reaches it is not
    retried (``retryable`` is false). A socket timeout of one attempt is retryable.
    """

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message, retryable)
        self.retryable = retryable

    def __str__(self) -> str:
        return str(self.args[0])


ConnectionError = APIConnectionError
"""``agnes.ConnectionError``: the same class as ``APIConnectionError``. Shadows the built-in inside ``agnes`` only."""

TimeoutError = APITimeoutError
"""``agnes.TimeoutError``: the same class as ``APITimeoutError``. Shadows the built-in inside ``agnes`` only."""


class CodeSpec(NamedTuple):
    """The registry facts about one code that the SDK reads."""

    status: int
    """HTTP status that the code is sent with."""
    error_class: Type[APIError]
    """Class raised for the code."""
    retryable: bool
    """The registry's retry flag."""
    retry_after_param: Optional[str] = None
    """Name of the integer param that carries the server's delay in seconds, such as ``retry_after``."""
