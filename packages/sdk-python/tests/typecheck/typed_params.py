"""Typed uses of ``agnes.is_agnes_error`` that pyright must accept with the exact types asserted.

Pyright checks this file as part of the package's tests; Python never runs it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from typing_extensions import Literal, assert_type

import agnes


def read_rate_limit(error: Exception) -> Optional[int]:
    if agnes.is_agnes_error(error, "rate_limited"):
        assert_type(error.code, Literal["rate_limited"])
        assert_type(error.is_known_code, Literal[True])
        assert_type(error.params, agnes.RateLimitedParams)
        assert_type(error.params["retry_after"], int)
        assert_type(error.status, int)
        assert_type(error.request_id, Optional[str])
        return error.params["retry_after"]
    return None


def read_optional_param(error: Exception) -> Optional[int]:
    if agnes.is_agnes_error(error, "service_unavailable"):
        # The narrowed type is a subclass of the class that the code raises.
        narrowed: agnes.ServiceUnavailableError = error
        print(narrowed.status)
        assert_type(error.params.get("retry_after"), Optional[int])
        if "retry_after" in error.params:
            return error.params["retry_after"]
    return None


def read_nested_params(error: agnes.APIError) -> List[str]:
    if agnes.is_agnes_error(error, "validation_failed"):
        assert_type(error.params["errors"], List[agnes.FieldError])
        return [item["pointer"] for item in error.params["errors"]]
    if agnes.is_agnes_error(error, "quota_exceeded"):
        quota_error: agnes.QuotaExceededError = error
        print(quota_error.status)
        assert_type(error.params["quota"], int)
        assert_type(error.params["resets_at"], str)
    if agnes.is_agnes_error(error, "method_not_allowed"):
        return error.params["allowed_methods"]
    return []


def read_shared_class(error: Exception) -> str:
    # Two codes raise agnes.ConflictError; each narrows to its own params.
    if agnes.is_agnes_error(error, "conflict"):
        conflict: agnes.ConflictError = error
        print(conflict.status)
        return error.params["resource"]
    if agnes.is_agnes_error(error, "idempotency_request_in_progress"):
        return error.params["idempotency_key"]
    return ""


def any_sdk_error(error: Exception) -> bool:
    if agnes.is_agnes_error(error):
        assert_type(error, agnes.AgnesError)
        return error.retryable
    return False


def params_type_as_annotation(params: agnes.ResourceNotFoundParams) -> str:
    return f"{params['resource']} {params['id']}"


def unnarrowed_params_keep_their_type(error: agnes.APIError) -> None:
    # Without the guard, params keep the type that they had before typed params existed.
    assert_type(error.params, Dict[str, Any])
    error.params["anything"] = 1
