"""``is_agnes_error`` at runtime, and the params ``TypedDict``s that it narrows to.

Pyright checks the narrowed types in ``tests/typecheck``; ``test_typecheck`` proves that
those checks can fail.
"""

from __future__ import annotations

import json
import pickle
import typing
import unittest
from typing import Any, Dict, NamedTuple, Optional

import agnes
from agnes import _errors

JSON = {"content-type": "application/json"}


def envelope(code: str, **params: Any) -> bytes:
    body = {"detail": "Something failed.", "code": code, "request_id": "req_1", "doc_url": f"https://docs.example/errors/{code}"}
    return json.dumps({**body, **params}).encode()


class MatchCase(NamedTuple):
    name: str
    error: object
    code: Optional[str]
    matches: bool


RATE_LIMITED = agnes.error_from_response(429, JSON, envelope("rate_limited", retry_after=3))
UNKNOWN_429 = agnes.error_from_response(429, JSON, envelope("slow_down"))
FORBIDDEN = agnes.error_from_response(403, JSON, envelope("forbidden"))
# conflict and idempotency_request_in_progress both raise ConflictError, so only the code distinguishes them.
CONFLICT = agnes.error_from_response(409, JSON, envelope("conflict"))
# The parser picks the class by code, so a known code under another status keeps its class.
RATE_LIMITED_AS_503 = agnes.error_from_response(503, JSON, envelope("rate_limited", retry_after=3))
# Built by hand with a known code but not the code's class: the guard must not call it a RateLimitError.
PLAIN_API_ERROR = agnes.APIError(status=429, code="rate_limited", is_known_code=True, detail="x")
NOT_KNOWN = agnes.RateLimitError(status=429, code="rate_limited", is_known_code=False, detail="x")

MATCH_CASES = [
    MatchCase("own code", RATE_LIMITED, "rate_limited", True),
    MatchCase("other code of the class", RATE_LIMITED, "quota_exceeded", False),
    MatchCase("unknown code of the status", UNKNOWN_429, "rate_limited", False),
    MatchCase("family class code", FORBIDDEN, "forbidden", True),
    MatchCase("own code, class shared", CONFLICT, "conflict", True),
    MatchCase("other code, class shared", CONFLICT, "idempotency_request_in_progress", False),
    MatchCase("code under another status", RATE_LIMITED_AS_503, "rate_limited", True),
    MatchCase("hand-built plain APIError", PLAIN_API_ERROR, "rate_limited", False),
    MatchCase("known code flag false", NOT_KNOWN, "rate_limited", False),
    MatchCase("built-in exception", ValueError("rate_limited"), "rate_limited", False),
    MatchCase("non-exception", {"code": "rate_limited"}, "rate_limited", False),
    MatchCase("None", None, "rate_limited", False),
    MatchCase("no code, API error", FORBIDDEN, None, True),
    MatchCase("no code, transport error", agnes.ConnectionError("refused"), None, True),
    MatchCase("no code, option error", agnes.InvalidOptionError("bad"), None, True),
    MatchCase("no code, built-in exception", PermissionError("denied"), None, False),
]


class IsAgnesError(unittest.TestCase):
    def test_match_table(self) -> None:
        for case in MATCH_CASES:
            with self.subTest(case.name):
                if case.code is None:
                    self.assertIs(agnes.is_agnes_error(case.error), case.matches)
                else:
                    # The call is typed per code; this table passes codes as plain strings on purpose.
                    self.assertIs(_errors.is_agnes_error(case.error, typing.cast(Any, case.code)), case.matches)

    def test_conflict_codes_share_a_class(self) -> None:
        conflict = _errors.SPEC_BY_CODE["conflict"]
        in_progress = _errors.SPEC_BY_CODE["idempotency_request_in_progress"]
        self.assertIs(conflict.error_class, in_progress.error_class)
        self.assertIs(type(CONFLICT), conflict.error_class)

    def test_every_code_matches_its_own_error(self) -> None:
        for code, spec in _errors.SPEC_BY_CODE.items():
            with self.subTest(code):
                error = agnes.error_from_response(spec.status, JSON, envelope(code))
                self.assertTrue(_errors.is_agnes_error(error, typing.cast(Any, code)))

    def test_match_survives_pickling(self) -> None:
        copied = pickle.loads(pickle.dumps(RATE_LIMITED))
        self.assertTrue(agnes.is_agnes_error(copied, "rate_limited"))
        self.assertEqual(copied.params, {"retry_after": 3})

    def test_params_stay_a_plain_dict(self) -> None:
        self.assertTrue(agnes.is_agnes_error(RATE_LIMITED, "rate_limited"))
        self.assertIs(type(RATE_LIMITED.params), dict)
        self.assertEqual(RATE_LIMITED.params, {"retry_after": 3})

    def test_none_code_means_no_code(self) -> None:
        self.assertTrue(_errors.is_agnes_error(FORBIDDEN, typing.cast(Any, None)))
        self.assertTrue(_errors.is_agnes_error(agnes.ConnectionError("refused"), typing.cast(Any, None)))
        self.assertFalse(_errors.is_agnes_error(ValueError("x"), typing.cast(Any, None)))

    def test_missing_param_still_narrows(self) -> None:
        error = agnes.error_from_response(429, JSON, envelope("rate_limited"))
        self.assertTrue(agnes.is_agnes_error(error, "rate_limited"))
        self.assertEqual(error.params, {})

    def test_unknown_code_raises_value_error(self) -> None:
        with self.assertRaises(ValueError) as raised:
            _errors.is_agnes_error(RATE_LIMITED, typing.cast(Any, "rate_limit"))
        self.assertIn("'rate_limit' is not a code of the error registry", str(raised.exception))
        self.assertIn('did you mean "rate_limited"?', str(raised.exception))

    def test_distant_code_lists_every_code(self) -> None:
        with self.assertRaises(ValueError) as raised:
            _errors.is_agnes_error(RATE_LIMITED, typing.cast(Any, "zzzz"))
        self.assertIn("use one of: api_key_revoked, bad_gateway", str(raised.exception))

    def test_code_of_wrong_type_raises_type_error(self) -> None:
        for code in (429, b"rate_limited", ["rate_limited"]):
            with self.subTest(repr(code)), self.assertRaises(TypeError) as raised:
                _errors.is_agnes_error(RATE_LIMITED, typing.cast(Any, code))
            self.assertIn('code must be a str such as "forbidden"', str(raised.exception))

    def test_exported_from_agnes(self) -> None:
        self.assertIs(agnes.is_agnes_error, _errors.is_agnes_error)
        self.assertIn("is_agnes_error", agnes.__all__)
        self.assertEqual(agnes.is_agnes_error.__module__, "agnes._errors")

    @unittest.skipUnless(hasattr(typing, "get_overloads"), "typing.get_overloads exists from Python 3.11 on")
    def test_overloads_stay_visible(self) -> None:
        overloads = getattr(typing, "get_overloads")(agnes.is_agnes_error)
        # `from __future__ import annotations` keeps each annotation as source text, with single quotes.
        codes = [overload.__annotations__.get("code") for overload in overloads]
        self.assertEqual(codes, [None] + [f"Literal['{code}']" for code in _errors.SPEC_BY_CODE])


class ParamsTypedDicts(unittest.TestCase):
    def test_every_code_has_its_typed_dict(self) -> None:
        for code in _errors.SPEC_BY_CODE:
            name = "".join(part.capitalize() for part in code.split("_")) + "Params"
            with self.subTest(code):
                typed_dict = getattr(agnes, name)
                self.assertIn(name, agnes.__all__)
                # typing.is_typeddict exists from Python 3.10 on only.
                self.assertTrue(issubclass(typed_dict, dict))
                self.assertTrue(hasattr(typed_dict, "__required_keys__"))

    def test_keys_and_types_resolve(self) -> None:
        expected: Dict[str, Dict[str, Any]] = {
            "RateLimitedParams": {"retry_after": int},
            "ServiceUnavailableParams": {"retry_after": int},
            "ResourceNotFoundParams": {"resource": str, "id": str},
            "MethodNotAllowedParams": {"allowed_methods": typing.List[str]},
            "ValidationFailedParams": {"errors": typing.List[agnes.FieldError]},
            "ForbiddenParams": {},
        }
        for name, hints in expected.items():
            with self.subTest(name):
                self.assertEqual(typing.get_type_hints(getattr(agnes, name)), hints)

    def test_optional_keys(self) -> None:
        self.assertEqual(agnes.ServiceUnavailableParams.__optional_keys__, frozenset({"retry_after"}))
        self.assertEqual(agnes.ServiceUnavailableParams.__required_keys__, frozenset())
        self.assertEqual(agnes.RateLimitedParams.__required_keys__, frozenset({"retry_after"}))
        self.assertEqual(agnes.RateLimitedParams.__optional_keys__, frozenset())

    def test_typed_dicts_are_plain_dicts(self) -> None:
        params = agnes.RateLimitedParams(retry_after=5)
        self.assertEqual(params, {"retry_after": 5})
        self.assertIs(type(params), dict)


if __name__ == "__main__":
    unittest.main()
