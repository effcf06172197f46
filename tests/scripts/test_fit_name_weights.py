"""scripts/fit_name_weights.py: training data checks, and a fit that loads."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from piiscan.evaluate import half
from piiscan.recognizers.name_evidence import FEATURES, WEIGHTS, load_weights

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fitter():
    spec = importlib.util.spec_from_file_location("fit_name_weights",
                                                  ROOT / "scripts" / "fit_name_weights.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_name_weights"] = module
    spec.loader.exec_module(module)
    return module


def _ids_of(which: str, count: int) -> list[str]:
    ids = [f"wnut17:{n}" for n in range(200) if half(f"wnut17:{n}") == which]
    return ids[:count]


TEXTS = ["Thanks to Ilona for the ride", "Marcus Oyelaran said he would come",
         "The Boston office is closed", "Ask Wiktoria about it", "see you at Tesco later",
         "Dr. Okafor will see you now"]


def _record(record_id: str, text: str) -> dict:
    names = {"Ilona": (10, 15), "Marcus Oyelaran": (0, 15), "Wiktoria": (4, 12), "Okafor": (4, 10)}
    entities = [{"Type": "NAME", "BeginOffset": b, "EndOffset": e}
                for name, (b, e) in names.items() if text[b:e] == name]
    return {"id": record_id, "text": text, "entities": entities, "annotated_types": ["NAME"]}


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    folder = tmp_path / "corpora-dev"
    folder.mkdir()
    tuning, checking = _ids_of("tuning", 3), _ids_of("checking", 3)
    records = [_record(i, t) for i, t in zip(tuning + checking, TEXTS, strict=True)]
    (folder / "wnut17_dev_names.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.fixture
def weights_file(tmp_path: Path) -> Path:
    path = tmp_path / "name_weights.json"
    path.write_text(json.dumps({"weights": dict(WEIGHTS.values)}), encoding="utf-8")
    return path


def test_training_data_that_repeats_a_checking_document_is_refused(fitter, corpora, weights_file,
                                                                   tmp_path, capsys):
    checking_text = TEXTS[4]  # the checking half holds the last three texts
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps(_record("mine:1", checking_text)) + "\n", encoding="utf-8")
    before = weights_file.read_text(encoding="utf-8")
    code = fitter.main(["--corpora", str(corpora), "--train", str(extra), "--generated", "0",
                        "--weights", str(weights_file)])
    assert code == 2
    assert "refused" in capsys.readouterr().err
    assert weights_file.read_text(encoding="utf-8") == before


def test_only_tuning_halves_of_trainable_corpora_are_read(fitter, corpora):
    records = fitter.training_records(corpora, [], 0, 1, prose=False)
    assert sorted(r["text"] for r in records) == sorted(TEXTS[:3])


def test_prose_trains_as_text_without_names_and_never_as_measured_text(fitter):
    import benchmarks.false_positives as measured

    prose = list(fitter.prose_records())
    assert len(prose) > 50 and all(r["entities"] == [] for r in prose)
    assert not {r["text"] for r in prose} & set(measured.docstrings())
    assert not set(fitter.PROSE_MODULES) & set(measured.MODULES)


def test_a_fit_writes_weights_that_load_and_keeps_its_prior(fitter, corpora, weights_file):
    code = fitter.main(["--corpora", str(corpora), "--generated", "40", "--rounds", "20",
                        "--min-support", "2", "--weights", str(weights_file)])
    assert code == 0
    document = json.loads(weights_file.read_text(encoding="utf-8"))
    fitted = load_weights(json.dumps(document), str(weights_file))
    assert set(fitted.values) == set(FEATURES)
    assert document["prior"] == dict(WEIGHTS.values)
    assert "40 generated" in document["trained_on"]
    assert any(fitted.values[f] != WEIGHTS.values[f] for f in FEATURES)  # it did learn


def test_the_packaged_weights_were_fitted_by_the_script():
    document = json.loads((ROOT / "piiscan" / "recognizers" / "data" / "name_weights.json")
                          .read_text(encoding="utf-8"))
    assert document["fitted_by"] == "scripts/fit_name_weights.py"
    assert set(document["prior"]) == set(FEATURES)
