"""The shared conformance vectors, the contract that the TypeScript SDK runs too.

Each vector runs twice: parsed by ``error_from_response`` with its retry decision, and
served by a real HTTP server to the client, which must raise the same error.
"""

from __future__ import annotations

import unittest
from typing import Dict, List

import agnes

from .support.server import Reply, ScriptedServer
from .support.vectors import Vector, body_bytes, body_chunks, check_error, check_retry, load_vectors, retry_context

VECTORS = load_vectors()


class ConformanceVectors(unittest.TestCase):
    def test_files_have_vectors(self) -> None:
        by_file: Dict[str, List[Vector]] = {}
        for vector in VECTORS:
            by_file.setdefault(vector.file, []).append(vector)
        self.assertGreater(len(by_file.get("vectors.generated.json", [])), 0)
        self.assertGreater(len(by_file.get("vectors.hostile.json", [])), 0)

    def test_vector_ids_are_unique(self) -> None:
        ids = [vector.id for vector in VECTORS]
        self.assertEqual(len(ids), len(set(ids)))

    def test_parser_matches_every_vector(self) -> None:
        for vector in VECTORS:
            with self.subTest(vector.id):
                response = vector.response
                error = agnes.error_from_response(response["status"], response["headers"], body_bytes(response.get("body")))
                check_error(self, error, vector.expected)
                check_retry(self, agnes.retry_decision(error, **retry_context(vector.request)), vector.expected["retry"])

    def test_client_matches_every_vector(self) -> None:
        replies = [
            Reply(v.response["status"], list(v.response["headers"].items()), body_chunks(v.response.get("body")))
            for v in VECTORS
        ]
        with ScriptedServer(lambda number: replies[number]) as server:
            client = agnes.Client(base_url=server.url, max_retries=0, timeout=30)
            for vector in VECTORS:
                with self.subTest(vector.id):
                    with self.assertRaises(agnes.APIError) as caught:
                        client.request("GET", f"/vectors/{vector.id}")
                    check_error(self, caught.exception, vector.expected)
        self.assertEqual(len(server.requests), len(VECTORS), "one attempt per vector")


if __name__ == "__main__":
    unittest.main()
