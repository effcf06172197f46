"""Generators of documents with known PII, for tests, benchmarks and corpora.

`values` builds one realistic value per entity type (valid by construction, or a near
miss); `documents` plants values in carrier text and records their exact spans.
Both draw through a `Chooser`, so the same code runs on `random.Random` (benchmarks,
`piiscan generate`) and on Hypothesis (`piiscan.testing.strategies`, which needs the
`piiscan[testing]` extra).
"""
