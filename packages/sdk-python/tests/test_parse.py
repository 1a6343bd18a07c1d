"""``error_from_response``: the rules beyond the shared vectors, and the error objects themselves."""

from __future__ import annotations

import copy
import email.message
import json
import pickle
import unittest
from typing import Any, List, NamedTuple, Optional, Type

import agnes
from agnes._describe import MAX_DETAIL_LENGTH, shorten, utf16_length
from agnes._headers import is_json_content_type, js_trim, normalize_headers

FORBIDDEN = {
    "detail": "Permission denied: missing scope policy:delete.",
    "code": "forbidden",
    "request_id": "5b3f6c7e-7d24-4d40-9b12-3a59c01c6e91",
    "doc_url": "https://docs.lasscyber.com/errors/forbidden",
}
JSON = {"content-type": "application/json"}


class ContentTypeCase(NamedTuple):
    value: Optional[str]
    is_json: bool


CONTENT_TYPES = [
    ContentTypeCase("application/json", True),
    ContentTypeCase("APPLICATION/JSON", True),
    ContentTypeCase("application/json; charset=utf-8", True),
    ContentTypeCase("application/json;charset=utf-8", True),
    ContentTypeCase("  application/json  ", True),
    ContentTypeCase("application/problem+json", True),
    ContentTypeCase("application/vnd.agnes.v1+json; q=1", True),
    ContentTypeCase("application/json-seq", False),
    ContentTypeCase("application/jsonx", False),
    ContentTypeCase("text/json", False),
    ContentTypeCase("application/+json", False),
    ContentTypeCase("text/html", False),
    ContentTypeCase("", False),
    ContentTypeCase(None, False),
]


class BodyCase(NamedTuple):
    name: str
    status: int
    headers: Any
    body: Any
    error_class: Type[agnes.APIError]
    code: str
    detail: str


BODIES = [
    BodyCase("known code", 403, JSON, json.dumps(FORBIDDEN).encode(), agnes.PermissionError, "forbidden", FORBIDDEN["detail"]),
    BodyCase("text body", 403, JSON, json.dumps(FORBIDDEN), agnes.PermissionError, "forbidden", FORBIDDEN["detail"]),
    BodyCase("memoryview body", 403, JSON, memoryview(json.dumps(FORBIDDEN).encode()), agnes.PermissionError, "forbidden", FORBIDDEN["detail"]),
    BodyCase("UTF-8 BOM", 403, JSON, b"\xef\xbb\xbf" + json.dumps(FORBIDDEN).encode(), agnes.PermissionError, "forbidden", FORBIDDEN["detail"]),
    BodyCase("code class", 403, JSON, b'{"code":"email_not_verified","detail":"Verify."}', agnes.EmailNotVerifiedError, "email_not_verified", "Verify."),
    BodyCase("NaN literal", 400, JSON, b'{"code":"bad_request","detail":NaN}', agnes.BadRequestError, "unknown", "HTTP 400 with a body that is not valid JSON (content type application/json)"),
    BodyCase("Infinity literal", 400, JSON, b"Infinity", agnes.BadRequestError, "unknown", "HTTP 400 with a body that is not valid JSON (content type application/json)"),
    BodyCase("deep nesting", 400, JSON, b"[" * 100_000 + b"]" * 100_000, agnes.BadRequestError, "unknown", "HTTP 400 with a body that is not valid JSON (content type application/json)"),
    BodyCase("invalid UTF-8", 404, {"content-type": "text/plain"}, b"not \xff found", agnes.NotFoundError, "unknown", "HTTP 404: not \ufffd found"),
    BodyCase("None body", 502, None, None, agnes.BadGatewayError, "unknown", "HTTP 502 with an empty body"),
    BodyCase("blank detail", 409, JSON, b'{"detail":"   ","title":"Conflict"}', agnes.ConflictError, "unknown", "Conflict"),
    BodyCase("html with spaces in title", 503, {"content-type": "text/html"}, b"<html><title>\n  Down\tfor   maintenance \n</title></html>", agnes.ServiceUnavailableError, "unknown", "HTTP 503: Down for maintenance (HTML page)"),
    BodyCase("html without title", 502, {}, b"<p>bad gateway</p>", agnes.BadGatewayError, "unknown", "HTTP 502 with an HTML page"),
    BodyCase("first line of text", 500, {"content-type": "text/plain"}, b"\n  upstream failed  \nstack line", agnes.InternalServerError, "unknown", "HTTP 500: upstream failed"),
]


class HeaderInputs(unittest.TestCase):
    def test_json_content_types(self) -> None:
        for case in CONTENT_TYPES:
            with self.subTest(case.value):
                self.assertEqual(is_json_content_type(case.value), case.is_json)

    def test_header_names_are_lowercased(self) -> None:
        self.assertEqual(normalize_headers({"X-Request-Id": " r1 ", "Content-Type": "text/plain"}), {"x-request-id": "r1", "content-type": "text/plain"})

    def test_repeated_headers_are_joined(self) -> None:
        self.assertEqual(normalize_headers([("Vary", "accept"), ("vary", "origin")]), {"vary": "accept, origin"})

    def test_http_message_is_accepted(self) -> None:
        message = email.message.Message()
        message["Content-Type"] = "application/json"
        message["X-Request-Id"] = "from-message"
        error = agnes.error_from_response(404, message, b'{"detail":"gone"}')
        self.assertEqual((error.request_id, error.headers["content-type"]), ("from-message", "application/json"))

    def test_js_trim_matches_javascript(self) -> None:
        self.assertEqual(js_trim("\ufeff\u2028 x \u00a0"), "x")
        self.assertEqual(js_trim("\x1cx\x85"), "\x1cx\x85", "JavaScript does not trim U+001C or U+0085")


class ErrorFromResponse(unittest.TestCase):
    def test_bodies(self) -> None:
        for case in BODIES:
            with self.subTest(case.name):
                error = agnes.error_from_response(case.status, case.headers, case.body)
                self.assertIs(type(error), case.error_class)
                self.assertEqual(error.code, case.code)
                self.assertEqual(error.detail, case.detail)

    def test_known_code_sets_every_attribute(self) -> None:
        error = agnes.error_from_response(403, {**JSON, "X-Request-Id": "header-id"}, json.dumps({**FORBIDDEN, "scope_hint": "x"}))
        self.assertEqual(error.status, 403)
        self.assertEqual(error.code, "forbidden")
        self.assertTrue(error.is_known_code)
        self.assertEqual(error.request_id, FORBIDDEN["request_id"])
        self.assertEqual(error.doc_url, FORBIDDEN["doc_url"])
        self.assertEqual(error.detail, FORBIDDEN["detail"])
        self.assertEqual(error.params, {"scope_hint": "x"})
        self.assertEqual(error.headers["x-request-id"], "header-id")
        self.assertEqual(error.body, {**FORBIDDEN, "scope_hint": "x"})
        self.assertFalse(error.retryable)

    def test_message_names_status_code_and_detail(self) -> None:
        error = agnes.error_from_response(403, JSON, json.dumps(FORBIDDEN))
        self.assertEqual(str(error), "403 forbidden: Permission denied: missing scope policy:delete.")

    def test_only_the_first_256_kib_are_read(self) -> None:
        error = agnes.error_from_response(500, {"content-type": "text/plain"}, b"a" * (agnes.MAX_ERROR_BODY_BYTES + 10))
        self.assertEqual(len(error.body), agnes.MAX_ERROR_BODY_BYTES)

    def test_str_body_is_cut_to_256_kib(self) -> None:
        limit = agnes.MAX_ERROR_BODY_BYTES
        ascii_error = agnes.error_from_response(500, {"content-type": "text/plain"}, "a" * (limit + 10))
        self.assertEqual(len(ascii_error.body), limit)
        # "é" takes two bytes in UTF-8, so half as many characters fit, and none is cut in half.
        accented_error = agnes.error_from_response(500, {"content-type": "text/plain"}, "é" * limit)
        self.assertEqual(len(accented_error.body.encode("utf-8")), limit)
        self.assertEqual(accented_error.body, "é" * (limit // 2))
        short_error = agnes.error_from_response(500, {"content-type": "text/plain"}, "short")
        self.assertEqual(short_error.body, "short")

    def test_2xx_is_an_unexpected_response(self) -> None:
        error = agnes.error_from_response(200, {"content-type": "text/html", "x-request-id": "r2"}, b"<html>hi</html>")
        self.assertIs(type(error), agnes.UnexpectedResponseError)
        self.assertEqual(error.detail, "Expected an error response from the API, got HTTP 200 with content type text/html")
        self.assertEqual((error.code, error.is_known_code, error.retryable, error.request_id), ("unknown", False, False, "r2"))

    def test_code_classes_subclass_their_family(self) -> None:
        self.assertTrue(issubclass(agnes.EmailNotVerifiedError, agnes.PermissionError))
        self.assertTrue(issubclass(agnes.QuotaExceededError, agnes.RateLimitError))
        self.assertTrue(issubclass(agnes.PermissionError, agnes.APIError))
        self.assertTrue(issubclass(agnes.UnexpectedResponseError, agnes.APIError))
        self.assertTrue(issubclass(agnes.APIError, agnes.AgnesError))

    def test_transport_errors_are_separate_from_api_errors(self) -> None:
        self.assertTrue(issubclass(agnes.TimeoutError, agnes.ConnectionError))
        self.assertFalse(issubclass(agnes.ConnectionError, agnes.APIError))
        self.assertIs(agnes.ConnectionError, agnes.APIConnectionError)
        self.assertIs(agnes.TimeoutError, agnes.APITimeoutError)


class Shorten(unittest.TestCase):
    def test_short_text_is_kept(self) -> None:
        self.assertEqual(shorten("x" * MAX_DETAIL_LENGTH), "x" * MAX_DETAIL_LENGTH)

    def test_long_text_ends_with_ellipsis(self) -> None:
        self.assertEqual(shorten("x" * 1000), "x" * (MAX_DETAIL_LENGTH - 1) + "…")

    def test_astral_characters_count_twice(self) -> None:
        shortened = shorten("😀" * 200)
        self.assertEqual(utf16_length(shortened), MAX_DETAIL_LENGTH - 1)
        self.assertTrue(shortened.endswith("😀…"))


class Copying(unittest.TestCase):
    def errors(self) -> List[agnes.AgnesError]:
        return [
            agnes.error_from_response(403, JSON, json.dumps(FORBIDDEN)),
            agnes.error_from_response(200, {}, b"<html></html>"),
            agnes.TimeoutError("timed out", True),
            agnes.ConnectionError("refused"),
        ]

    def test_errors_survive_pickle(self) -> None:
        for error in self.errors():
            with self.subTest(type(error).__name__):
                restored = pickle.loads(pickle.dumps(error))
                self.assertIs(type(restored), type(error))
                self.assertEqual(str(restored), str(error))
                self.assertEqual(vars(restored), vars(error))

    def test_errors_survive_deepcopy(self) -> None:
        for error in self.errors():
            with self.subTest(type(error).__name__):
                self.assertEqual(vars(copy.deepcopy(error)), vars(error))


if __name__ == "__main__":
    unittest.main()
