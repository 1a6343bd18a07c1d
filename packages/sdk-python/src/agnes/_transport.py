"""One attempt of a call over ``urllib.request``: send, read the response, and name what went wrong."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Union

from ._base import AgnesError, APIConnectionError, APITimeoutError, InvalidOptionError, UnexpectedResponseError
from ._deadline import DEADLINE_ATTRIBUTE, Deadline, DeadlineHTTPHandler, DeadlineHTTPSHandler
from ._describe import content_type_text
from ._headers import is_json_content_type, normalize_headers
from ._parse import MAX_ERROR_BODY_BYTES, decode_body, error_from_response, parse_json

READ_CHUNK_BYTES = 65_536
"""Maximum bytes taken by one read of the body, which returns what has arrived up to this size."""


class PreparedRequest(NamedTuple):
    """Everything one attempt sends; every attempt of a call sends the same request."""

    method: str
    url: str
    headers: Mapping[str, str]
    data: Optional[bytes]


class Success(NamedTuple):
    """A 2xx response: its parsed JSON, or None for an empty body."""

    data: Any


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Leaves redirects to the caller: a 3xx reaches the parser as an error response."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def build_opener() -> urllib.request.OpenerDirector:
    """Return an opener that honours proxy settings from the environment and follows no redirect.

    Following a redirect would send the API key to whatever host the response names.
    Every request that it opens must carry a ``Deadline`` (see ``send_once``).
    """
    return urllib.request.build_opener(_NoRedirect(), DeadlineHTTPHandler(), DeadlineHTTPSHandler())


def send_once(
    opener: urllib.request.OpenerDirector,
    request: PreparedRequest,
    clock: Callable[[], float],
    deadline: float,
    timeout: float,
) -> Union[Success, AgnesError]:
    """Send one attempt and return its success or its error; errors that end the call are raised.

    An error response or a transport failure is returned, so that the client can decide
    on a retry. A 2xx that is not JSON raises ``UnexpectedResponseError``, reaching
    ``deadline`` raises a non-retryable ``APITimeoutError``, and a URL that urllib
    cannot send, such as a host name that is not valid IDNA, raises ``InvalidOptionError``.
    None of them is retried.
    """
    remaining = deadline - clock()
    if remaining <= 0:
        raise _call_timeout(timeout)
    urllib_request = urllib.request.Request(request.url, data=request.data, headers=dict(request.headers), method=request.method)
    setattr(urllib_request, DEADLINE_ATTRIBUTE, Deadline(clock, deadline))
    try:
        response = opener.open(urllib_request, timeout=remaining)
    except urllib.error.HTTPError as error:
        # urllib raises every non-2xx response; it is still a response, with headers and a body.
        chunks: List[bytes] = []
        try:
            if getattr(error, "fp", None) is not None:
                _read(error, MAX_ERROR_BODY_BYTES, clock, deadline, chunks)
        except (OSError, http.client.HTTPException):
            # A connection that breaks while the body streams leaves a partial body; describe what arrived.
            pass
        finally:
            error.close()
        if clock() >= deadline:
            raise _call_timeout(timeout) from None
        return error_from_response(error.code, error.headers, b"".join(chunks))
    except (http.client.InvalidURL, ValueError) as error:
        # urllib checks the URL and headers only while it sends, and every retry would fail the same way.
        raise InvalidOptionError(f"Invalid request to {_without_query(request.url)}: {error}; check base_url and the path") from error
    except (OSError, http.client.HTTPException) as error:
        return _transport_error(error, clock, deadline, timeout)

    with response:
        if clock() >= deadline:
            raise _call_timeout(timeout)
        status: int = response.status
        headers = normalize_headers(response.headers)
        body_chunks: List[bytes] = []
        # A body that is not JSON is an error either way, so only its first 256 KiB are read.
        limit = None if is_json_content_type(headers.get("content-type")) else MAX_ERROR_BODY_BYTES
        try:
            size = _read(response, limit, clock, deadline, body_chunks)
            if limit is None or size < limit:
                _check_length(response, body_chunks)
        except (OSError, http.client.HTTPException) as error:
            return _transport_error(error, clock, deadline, timeout)
    return Success(_read_success(status, headers, b"".join(body_chunks)))


def _read_success(status: int, headers: Dict[str, str], body: bytes) -> Any:
    """Return the parsed JSON of a 2xx body, or None when it is empty; raise when it is not JSON."""
    text = decode_body(body, len(body))
    if text == "":
        return None
    content_type = headers.get("content-type")

    def unexpected(problem: str) -> UnexpectedResponseError:
        return UnexpectedResponseError(
            status=status,
            detail=f"Expected a JSON response from the API, got HTTP {status} with {problem}",
            request_id=headers.get("x-request-id"),
            headers=headers,
            body=decode_body(body, MAX_ERROR_BODY_BYTES),
        )

    if not is_json_content_type(content_type):
        raise unexpected(content_type_text(content_type))
    data, valid = parse_json(text)
    if not valid:
        raise unexpected(f"a body that is not valid JSON ({content_type_text(content_type)})")
    return data


def _read(response: Any, limit: Optional[int], clock: Callable[[], float], deadline: float, chunks: List[bytes]) -> int:
    """Read a body into ``chunks`` up to ``limit`` bytes (all of it when None) and return its size.

    What arrived stays in ``chunks`` when the read fails midway.
    """
    size = 0
    while limit is None or size < limit:
        if clock() >= deadline:
            raise socket.timeout("the call's deadline passed while the body was read")
        chunk_size = READ_CHUNK_BYTES if limit is None else min(READ_CHUNK_BYTES, limit - size)
        chunk: bytes = response.read1(chunk_size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return size


def _check_length(response: http.client.HTTPResponse, chunks: List[bytes]) -> None:
    """Raise ``IncompleteRead`` when the connection closed before the declared ``Content-Length`` arrived.

    ``http.client`` counts the bytes still expected in ``length`` but returns a short body
    without an error from ``read1``.
    """
    missing = response.length
    if missing:
        raise http.client.IncompleteRead(b"".join(chunks), missing)


def _transport_error(
    error: Union[OSError, http.client.HTTPException],
    clock: Callable[[], float],
    deadline: float,
    timeout: float,
) -> AgnesError:
    """Wrap a failure without a response; a timeout at the call's deadline is raised, since it ends the call."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.timeout):
        if clock() >= deadline:
            raise _call_timeout(timeout) from error
        timed_out = APITimeoutError(f"The request timed out: {reason}", retryable=True)
        timed_out.__cause__ = error
        return timed_out
    failed = APIConnectionError(f"Connection to the API failed: {type(reason).__name__}: {reason}")
    failed.__cause__ = error
    return failed


def _call_timeout(timeout: float) -> APITimeoutError:
    return APITimeoutError(f"The call did not finish within its timeout of {timeout:g} s", retryable=False)


def _without_query(url: str) -> str:
    """Return a URL without its query string and fragment, which may carry tokens."""
    return url.split("?", 1)[0].split("#", 1)[0]
