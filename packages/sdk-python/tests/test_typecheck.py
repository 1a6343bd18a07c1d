"""Guards for the pyright checks in ``tests/typecheck``: each check must be able to fail.

``pnpm --filter @agnes/sdk-python test`` runs pyright on those files first. These tests
run pyright again on changed copies in a temporary directory, and expect errors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path
from typing import Any, Dict, List

PACKAGE_DIRECTORY = Path(__file__).resolve().parent.parent
TYPECHECK_DIRECTORY = PACKAGE_DIRECTORY / "tests" / "typecheck"
PYRIGHT = PACKAGE_DIRECTORY / "node_modules" / ".bin" / "pyright"


def run_pyright(files: Dict[str, str]) -> List[Dict[str, Any]]:
    """Write ``files`` into a temporary project that imports ``agnes`` from ``src``, and return pyright's errors."""
    with tempfile.TemporaryDirectory() as directory:
        project = Path(directory)
        config = {"pythonVersion": "3.9", "typeCheckingMode": "standard", "extraPaths": [str(PACKAGE_DIRECTORY / "src")]}
        (project / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
        for name, text in files.items():
            (project / name).write_text(text, encoding="utf-8")
        result = subprocess.run([str(PYRIGHT), "--outputjson", "-p", str(project)], capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    return [item for item in report["generalDiagnostics"] if item["severity"] == "error"]


@unittest.skipIf(shutil.which("node") is None or not PYRIGHT.exists(), "needs node and pyright; run `. scripts/env.sh` and `pnpm install`")
class TypecheckGuards(unittest.TestCase):
    def test_files_pass_unchanged(self) -> None:
        files = {path.name: path.read_text(encoding="utf-8") for path in TYPECHECK_DIRECTORY.glob("*.py")}
        self.assertEqual(sorted(files), ["typed_params.py", "wrong_params.py"])
        self.assertEqual(run_pyright(files), [])

    def test_wrong_line_that_type_checks_fails(self) -> None:
        source = (TYPECHECK_DIRECTORY / "wrong_params.py").read_text(encoding="utf-8")
        fixed = source.replace('error.params["retry_afterr"]', 'error.params["retry_after"]')
        self.assertNotEqual(fixed, source)
        errors = run_pyright({"wrong_params.py": fixed})
        self.assertEqual([item["rule"] for item in errors], ["reportUnnecessaryTypeIgnoreComment"])

    def test_wrong_asserted_type_fails(self) -> None:
        source = (TYPECHECK_DIRECTORY / "typed_params.py").read_text(encoding="utf-8")
        changed = source.replace('assert_type(error.params["retry_after"], int)', 'assert_type(error.params["retry_after"], str)')
        self.assertNotEqual(changed, source)
        errors = run_pyright({"typed_params.py": changed})
        self.assertEqual([item["rule"] for item in errors], ["reportAssertTypeFailure"])

    def test_params_without_guard_are_not_narrowed(self) -> None:
        usage = "\n".join(
            [
                "import agnes",
                "from typing_extensions import assert_type",
                "def read(error: agnes.RateLimitError) -> None:",
                '    assert_type(error.params, agnes.RateLimitedParams)',
            ]
        )
        errors = run_pyright({"usage.py": usage})
        self.assertEqual([item["rule"] for item in errors], ["reportAssertTypeFailure"])

    def test_readme_example_type_checks(self) -> None:
        readme = (PACKAGE_DIRECTORY / "README.md").read_text(encoding="utf-8")
        section = readme.split("### Typed params", 1)[1]
        example = section.split("```python\n", 1)[1].split("```", 1)[0]
        usage = "import agnes\n\nclient = agnes.Client(api_key=\"key\", base_url=\"http://127.0.0.1:3000\")\n" + example
        self.assertIn('error.params["retry_after"]', example)
        self.assertEqual(run_pyright({"readme_example.py": usage}), [])


if __name__ == "__main__":
    unittest.main()
