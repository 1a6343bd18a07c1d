"""Wrong uses of ``agnes.is_agnes_error`` and the params types that pyright must reject.

Each wrong line carries ``# pyright: ignore[rule]`` for the error that pyright must
report there. The comment at the top turns an ignore without an error into an error, so
pyright fails when a line stops being rejected. Python never runs this file.
"""
# pyright: reportUnnecessaryTypeIgnoreComment=true

from __future__ import annotations

from typing_extensions import Literal

import agnes


def unknown_key(error: Exception) -> None:
    if agnes.is_agnes_error(error, "rate_limited"):
        error.params["retry_afterr"]  # pyright: ignore[reportGeneralTypeIssues]


def wrong_value_type(error: Exception) -> None:
    if agnes.is_agnes_error(error, "rate_limited"):
        seconds: str = error.params["retry_after"]  # pyright: ignore[reportAssignmentType]
        print(seconds)


def wrong_code_literal(error: Exception) -> None:
    if agnes.is_agnes_error(error, "rate_limited"):
        code: Literal["forbidden"] = error.code  # pyright: ignore[reportAssignmentType]
        print(code)


def code_without_params(error: Exception) -> None:
    if agnes.is_agnes_error(error, "forbidden"):
        error.params["scope"]  # pyright: ignore[reportGeneralTypeIssues]


def optional_key_read_without_check(error: Exception) -> None:
    if agnes.is_agnes_error(error, "service_unavailable"):
        error.params["retry_after"]  # pyright: ignore[reportTypedDictNotRequiredAccess]


def unknown_nested_key(error: Exception) -> None:
    if agnes.is_agnes_error(error, "validation_failed"):
        error.params["errors"][0]["pointr"]  # pyright: ignore[reportGeneralTypeIssues]


def unknown_code(error: Exception) -> None:
    agnes.is_agnes_error(error, "rate_limit")  # pyright: ignore[reportCallIssue, reportArgumentType]


def params_of_another_code(error: Exception) -> None:
    if agnes.is_agnes_error(error, "conflict"):
        error.params["idempotency_key"]  # pyright: ignore[reportGeneralTypeIssues]


def wrong_typed_dict_values() -> None:
    agnes.RateLimitedParams(retry_after="5")  # pyright: ignore[reportArgumentType]
    missing: agnes.ResourceNotFoundParams = {"resource": "policy"}  # pyright: ignore[reportAssignmentType]
    print(missing)
