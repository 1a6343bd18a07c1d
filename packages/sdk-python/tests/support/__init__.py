"""Helpers of the tests: HTTP servers on 127.0.0.1 and the shared conformance vectors."""
