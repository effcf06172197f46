"""The package type-checks under `mypy --strict` (configured in pyproject.toml; mypy and
types-regex come with the dev extra)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_package_type_checks_strictly():
    result = subprocess.run([sys.executable, "-m", "mypy", "piiscan"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
