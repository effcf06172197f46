"""The package type-checks under `mypy --strict` (configured in pyproject.toml; mypy and
types-regex come with the dev extra), and so does a client that imports its public names."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CLIENT = '''\
from piiscan import Scanner, Span, ValidationException, detect_pii_entities, redact
from piiscan.strategies import documents


def names(text: str) -> list[str]:
    spans: list[Span] = Scanner(entity_types=["NAME"]).find(text)
    return [span.text(text) for span in spans]


def count(text: str) -> int:
    try:
        return len(detect_pii_entities(text, "en")["Entities"])
    except ValidationException:
        return 0


MASKED: str = redact("SSN 212-67-4013")
STRATEGY = documents(entity_types=["SSN"], min_entities=1)
'''


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_package_type_checks_strictly():
    result = mypy("piiscan")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_client_of_the_public_names_type_checks_strictly(tmp_path):
    client = tmp_path / "client.py"
    client.write_text(CLIENT, encoding="utf-8")
    result = mypy("--strict", "--no-incremental", str(client))
    assert result.returncode == 0, result.stdout + result.stderr
