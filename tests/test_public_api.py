"""The exported names are exactly the curated list, and every type has its recognizer."""

import doctest
import importlib
import types

import piiscan
from piiscan import EntityType
from piiscan.recognizers import DEFAULT


def test_all_is_exact_and_sorted():
    assert piiscan.__all__ == sorted(piiscan.__all__)
    exported = {name for name in dir(piiscan) if not name.startswith(("_", "@"))
                and not isinstance(getattr(piiscan, name), types.ModuleType)}  # submodules
    assert set(piiscan.__all__) - {"__version__"} == exported


def test_exactly_one_default_recognizer_per_type_in_model_order():
    assert [r.entity for r in DEFAULT] == [t.value for t in EntityType]
    assert len({r.name for r in DEFAULT}) == len(DEFAULT)


def test_every_recognizer_documents_one_positive_and_one_negative_example():
    families = [importlib.import_module(f"piiscan.recognizers.{name}") for name in (
        "contact", "dates", "finance", "names", "national_ids", "network", "people", "places",
        "vehicles")]
    for recognizer in DEFAULT:
        [module] = [m for m in families if getattr(m, recognizer.entity, None) is recognizer]
        owner = module.__doc__ or ""
        if type(recognizer).__name__ != "PatternRecognizer":
            owner = type(recognizer).__doc__ or ""
        examples = [e for e in doctest.DocTestParser().get_examples(owner)
                    if f"found({recognizer.entity}," in e.source
                    or (type(recognizer).__name__ != "PatternRecognizer" and "found(" in e.source)]
        positives = [e for e in examples if e.want.strip() not in ("[]", "")]
        negatives = [e for e in examples if e.want.strip() == "[]"]
        assert positives and negatives, recognizer.entity


def test_all_is_never_a_detected_type():
    assert "ALL" not in {t.value for t in EntityType}
    assert len(EntityType) == 36
