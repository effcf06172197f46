"""Our corpora are what scripts/build_corpora.py builds, and they hold every type."""

import json
import subprocess
import sys
from pathlib import Path

from piiscan import EntityType

ROOT = Path(__file__).resolve().parent.parent


def test_corpora_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/build_corpora.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_corpora_cover_every_type_with_in_range_offsets():
    seen = set()
    for corpus in ("hard_cases.jsonl", "synthetic_mixed.jsonl"):
        for line in (ROOT / "corpora" / corpus).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for entity in record["entities"]:
                assert 0 <= entity["BeginOffset"] < entity["EndOffset"] <= len(record["text"])
                seen.add(entity["Type"])
    assert seen == {t.value for t in EntityType}
