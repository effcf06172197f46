"""The README's Spark recipe, run as it stands on a local Spark (the spark extra)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import piiscan

README = Path(__file__).resolve().parents[1] / "README.md"
pytest.importorskip("pyspark")  # the spark extra; .ci/run installs it, so CI runs this


def recipe() -> str:
    text = README.read_text(encoding="utf-8")
    [code] = re.findall(r"<!-- spark-recipe -->\n```python\n(.*?)```", text, re.S)
    return code


def test_the_readme_spark_recipe_gives_the_library_answers(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    lines = ["Call Alice Johnson at 206-555-0100.", "", "SSN 212-67-4013, café ☕ here",
             "mail u1@example.com", "x " * 60_000]
    (docs / "a.txt").write_text("\r\n".join(lines[:3]) + "\n", encoding="utf-8")
    (docs / "b.txt").write_text("\n".join(lines[3:]), encoding="utf-8")
    code = recipe()
    given = 'INPUT, OUTPUT = "s3a://my-bucket/docs/", "s3a://my-bucket/pii/"'
    assert given in code
    script = tmp_path / "recipe.py"
    script.write_text(code.replace(given, f"INPUT, OUTPUT = {str(docs)!r}, "
                                          f"{str(tmp_path / 'pii')!r}"), encoding="utf-8")
    # Spark's Python workers run `python3` from PATH unless PYSPARK_PYTHON names the
    # interpreter that has piiscan, as the README says a cluster must.
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=300, check=False, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [json.loads(line) for part in sorted((tmp_path / "pii").glob("part-*.json"))
            for line in part.read_text(encoding="utf-8").splitlines()]
    assert sorted(row["Text"] for row in rows) == sorted(lines)
    for row in rows:
        assert row["File"].endswith(("/a.txt", "/b.txt"))
        if len(row["Text"].encode()) > 100_000:
            assert row["ErrorCode"] == "TextSizeLimitExceededException"
            assert "Entities" not in row
        elif row["Text"]:
            expected = piiscan.detect_pii_entities(row["Text"])["Entities"]
            assert json.loads(row["Entities"]) == json.loads(json.dumps(expected))
            assert expected or "Alice" not in row["Text"]
        else:
            assert json.loads(row["Entities"]) == []
