"""Throughput of piiscan and presidio-analyzer on the same generated text, in one run.

    python benchmarks/throughput.py                 # about 3 MB, 3 runs per engine
    python benchmarks/throughput.py --mb 1 --runs 5
    python benchmarks/throughput.py --profile mixed --processes 2   # and detect_many

The corpus is a few MB of generated documents (20% hold no PII; every type; Unicode and
hard negatives), written once to a temporary file. Two profiles: `dense` (the default:
short documents of ~400 characters holding up to six values each, the hardest case for
a pattern engine), `typical` (emails and notes of 1-3 kB holding up to four values) and
`mixed` (business text: support tickets, bank letters, HR records, chat logs and e-mails,
a fifth without personal data, the rest dense in names, dates and addresses). Each
engine runs in its own fresh process per run, so start-up time and peak RSS are its own;
runs alternate between engines, since this machine is noisy, and each run's figure is the
CPU time of its scanning. Start-up is the wall time to import and answer a first short
text; ready is start-up plus compiling what piiscan defers until a document needs it
(`Scanner.prepare`): the scanning is timed after that, in the steady state. Prints medians and the ratio piiscan / presidio.

presidio runs as peers-offline.md describes: its pattern recognizers that map to
Comprehend types (including those that ship disabled for English), on a blank spaCy
English pipeline whose lemmas are the lower-cased text, without its spaCy NER
recognizer. Install it with the `bench` extra; without it only piiscan is measured.
The engine `piiscan-no-name-address` is piiscan without NAME and ADDRESS, to show what
those two cost. `--baseline DIR` adds the engine `piiscan-baseline`: the piiscan package
of another checkout (for example `git worktree add /tmp/base HEAD~5`), run on the same
corpus in the same alternation, so a change's effect on speed is measured in one run
(the ratio is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

ENGINES = ("piiscan", "piiscan-no-name-address", "presidio", "piiscan-baseline")
PRESIDIO_ENTITIES = [
    "CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "IBAN_CODE", "URL", "DATE_TIME",
    "MAC_ADDRESS", "US_SSN", "US_ITIN", "US_PASSPORT", "US_DRIVER_LICENSE", "US_BANK_NUMBER",
    "ABA_ROUTING_NUMBER", "UK_NINO", "UK_NHS", "CA_SIN", "IN_PAN", "IN_AADHAAR", "IN_VOTER",
]


PROFILES = {"dense": ((2, 10), (1, 6)), "typical": ((10, 40), (0, 4)), "mixed": ((0, 0), (0, 0))}

#: The mixed profile: business text of five kinds, each a list of lines where {TYPE}
#: stands for a generated value; names, dates and addresses on most lines.
BUSINESS = {
    "ticket": ["Ticket #{n} opened {DATE_TIME} by {NAME}",
               "Customer {NAME} reports that the invoice sent to {ADDRESS} was wrong.",
               "Called back on {PHONE}; left a message for {NAME}.",
               "Agent note: verified the account holder with the last four of card {CREDIT_DEBIT_NUMBER}.",
               "Status: waiting for the customer. Priority normal. Product: Router X2 firmware 3.1.4.",
               "Follow-up due {DATE_TIME}. Escalate to {NAME} if no reply."],
    "letter": ["{NAME}\n{ADDRESS}", "{DATE_TIME}", "Dear {NAME},",
               "We have received your payment of $1,250.00 into account {BANK_ACCOUNT_NUMBER}.",
               "Your IBAN {INTERNATIONAL_BANK_ACCOUNT_NUMBER} will be used for future transfers.",
               "If you have questions, call us on {PHONE} or write to {EMAIL}.",
               "Yours sincerely,\n{NAME}\nCustomer Relations"],
    "hr": ["Employee: {NAME}", "Date of birth: {DATE_TIME}", "Home address: {ADDRESS}",
           "SSN: {SSN}", "Start date: {DATE_TIME}; manager {NAME}; grade 7, cost centre 4410.",
           "Emergency contact: {NAME}, {PHONE}", "Annual review scheduled for {DATE_TIME}."],
    "chat": ["[{TIME}] {FIRST}: hey, did you see the email from {NAME}?",
             "[{TIME}] {FIRST}: yeah, meeting moved to {DATE_TIME}",
             "[{TIME}] {FIRST}: can you send the deck to {EMAIL}",
             "[{TIME}] {FIRST}: lol ok. also {NAME} says hi",
             "[{TIME}] {FIRST}: the office is at {ADDRESS} now",
             "[{TIME}] {FIRST}: sure, ping me at {PHONE}"],
    "email": ["From: {NAME} <{EMAIL}>", "To: {NAME} <{EMAIL}>", "Date: {DATE_TIME}",
              "Subject: Re: contract renewal",
              "Hi {FIRST},\nthanks for the call today. As agreed, the signed copy goes to {ADDRESS}.",
              "I spoke to {NAME} about the invoice dated {DATE_TIME}; payment is on its way.",
              "Best,\n{NAME}\n{PHONE}"],
}
#: Lines of the same kinds without any personal data (a fifth of the documents).
PLAIN = ["The quarterly report is attached; revenue grew 4% over the last quarter.",
         "Please restart the service after applying patch 2.4.1 to all nodes.",
         "Status: resolved. No further action needed.",
         "The team agreed to move the release to the next sprint.",
         "Thanks for the update, I will review the document this afternoon.",
         "Reminder: the building is closed for maintenance on the weekend."]


def make_mixed(megabytes: float, seed: int) -> list[str]:
    """Business text (tickets, bank letters, HR records, chat logs, e-mails), a fifth of
    the documents without personal data, the rest dense in names, dates and addresses."""
    from piiscan.testing.values import RandomChooser, value

    chooser = RandomChooser(random.Random(seed))
    field = regex.compile(r"\{([A-Z_]+|n)\}")

    def fill(match: regex.Match[str]) -> str:
        kind = match.group(1)
        if kind == "n":
            return str(chooser.integer(10000, 99999))
        if kind == "TIME":
            return f"{chooser.integer(0, 23):02d}:{chooser.integer(0, 59):02d}"
        if kind == "FIRST":
            return value(chooser, "NAME").split()[0]
        return value(chooser, kind)

    documents, size, index = [], 0, 0
    while size < megabytes * 1_000_000:
        if index % 5 == 0:
            lines = [chooser.choice(PLAIN) for _ in range(chooser.integer(3, 8))]
        else:
            template = BUSINESS[chooser.choice(sorted(BUSINESS))]
            lines = [field.sub(fill, line) for line in template if chooser.integer(0, 5)]
        document = "\n".join(lines)
        documents.append(document)
        size += len(document.encode("utf-8"))
        index += 1
    return documents


def make_corpus(megabytes: float, seed: int, profile: str = "dense") -> list[str]:
    """Generated documents adding up to `megabytes` of UTF-8."""
    from piiscan.entities import EntityType
    from piiscan.testing.documents import build_document
    from piiscan.testing.values import RandomChooser

    if profile == "mixed":
        return make_mixed(megabytes, seed)
    chooser = RandomChooser(random.Random(seed))
    types = [t.value for t in EntityType]
    (low_fill, high_fill), (low_pii, high_pii) = PROFILES[profile]
    documents, size, index = [], 0, 0
    while size < megabytes * 1_000_000:
        without_pii = index % 5 == 0
        document = build_document(
            chooser, types, entity_count=0 if without_pii else chooser.integer(max(1, low_pii), high_pii),
            filler_count=chooser.integer(low_fill, high_fill), unicode=chooser.integer(0, 3) == 0,
            hard_negatives=chooser.integer(0, 3))
        documents.append(document.text)
        size += len(document.text.encode("utf-8"))
        index += 1
    return documents


def load_engine(name: str):
    """Return a function text -> number of entities, for one engine."""
    if name.startswith("piiscan"):
        from piiscan import Scanner
        from piiscan.entities import EntityType

        types = None
        if name == "piiscan-no-name-address":
            types = [t.value for t in EntityType if t.value not in ("NAME", "ADDRESS")]
        scanner = Scanner(entity_types=types)
        return lambda text: len(scanner.find(text))
    return load_presidio()


def prepare_engine(name: str) -> None:
    """Make the engine ready for steady scanning: piiscan compiles the patterns it defers
    until a document needs them (`Scanner.prepare`; the default scanner's patterns are
    shared by every scanner). The 2026-12-01 code compiled everything at import."""
    if name.startswith("piiscan"):
        from piiscan.api import DEFAULT_SCANNER

        if hasattr(DEFAULT_SCANNER, "prepare"):
            DEFAULT_SCANNER.prepare()


def load_presidio():
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer import predefined_recognizers as pr
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from spacy.language import Language

    @Language.component("piiscan_bench_lemma")
    def lower_lemma(doc):
        for token in doc:
            token.lemma_ = token.lower_
        return doc

    class BlankEnglish(SpacyNlpEngine):
        def load(self) -> None:
            nlp = spacy.blank("en")
            nlp.add_pipe("piiscan_bench_lemma")
            self.nlp = {"en": nlp}

    nlp_engine = BlankEnglish(models=[{"lang_code": "en", "model_name": "blank"}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    classes = ["CreditCardRecognizer", "EmailRecognizer", "PhoneRecognizer", "IpRecognizer",
               "IbanRecognizer", "UrlRecognizer", "DateRecognizer", "MacAddressRecognizer",
               "UsSsnRecognizer", "UsItinRecognizer", "UsPassportRecognizer", "UsLicenseRecognizer",
               "UsBankRecognizer", "AbaRoutingRecognizer", "UkNinoRecognizer", "NhsRecognizer",
               "CaSinRecognizer", "InPanRecognizer", "InAadhaarRecognizer", "InVoterRecognizer"]
    for class_name in classes:
        registry.add_recognizer(getattr(pr, class_name)(supported_language="en"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
    return lambda text: len(engine.analyze(text=text, language="en", entities=PRESIDIO_ENTITIES))


def worker(engine_name: str, corpus_path: str) -> None:
    """Run one engine over the corpus; print one JSON line of figures."""
    documents = json.loads(Path(corpus_path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    analyse = load_engine(engine_name)
    analyse("warm up 212-67-4013")
    startup = time.perf_counter() - started
    prepare_engine(engine_name)
    ready = time.perf_counter() - started
    began = time.process_time()  # CPU time: on a shared machine wall time is others' work too
    entities = sum(analyse(text) for text in documents)
    seconds = time.process_time() - began
    print(json.dumps({
        "engine": engine_name, "seconds": seconds, "startup": startup, "ready": ready,
        "entities": entities,
        "documents": len(documents),
        "megabytes": sum(len(t.encode("utf-8")) for t in documents) / 1_000_000,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def batch_worker(processes: int, corpus_path: str) -> None:
    """`Scanner.find_many` over the corpus on `processes` processes; wall time (the work
    is in the pool's processes); one JSON line."""
    from piiscan import DEFAULT_SCANNER

    documents = json.loads(Path(corpus_path).read_text(encoding="utf-8"))
    DEFAULT_SCANNER.find("warm up 212-67-4013 Dr. Jane Doe")
    began = time.perf_counter()
    entities = sum(len(spans) for spans in DEFAULT_SCANNER.find_many(documents, processes=processes))
    print(json.dumps({"processes": processes, "seconds": time.perf_counter() - began,
                      "entities": entities}))


def measure_batch(corpus_path: Path, processes: int, runs: int, megabytes: float) -> None:
    """detect_many on 1 and on `processes` processes, alternating, in fresh processes."""
    seconds: dict[int, list[float]] = {1: [], processes: []}
    for run in range(runs):
        for count in seconds:
            out = subprocess.run([sys.executable, __file__, "--batch-worker", str(count),
                                  "--corpus", str(corpus_path)],
                                 capture_output=True, text=True, check=True)
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            seconds[count].append(figures["seconds"])
            print(f"run {run + 1}: find_many on {count} process(es) {figures['seconds']:7.2f} s "
                  "(wall)", file=sys.stderr)
    one, many = statistics.median(seconds[1]), statistics.median(seconds[processes])
    print(f"batch (wall time, medians): 1 process {megabytes / one:.3f} MB/s, {processes} "
          f"processes {megabytes / many:.3f} MB/s; ratio to {processes} x 1 process: "
          f"{one / many / processes:.2f}")


def presidio_available() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import presidio_analyzer, spacy"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="corpus size in MB (default 3)")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="dense",
                        help="dense: short documents full of PII (default); typical: 1-3 kB "
                             "e-mails and notes; mixed: business text, dense in names, dates "
                             "and addresses")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES[:3]),
                        help="engines to run (default: piiscan, without NAME/ADDRESS, presidio)")
    parser.add_argument("--baseline", metavar="DIR",
                        help="a checkout whose piiscan package runs as piiscan-baseline")
    parser.add_argument("--processes", type=int, metavar="N",
                        help="also time Scanner.detect_many on 1 and on N processes (wall time)")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--batch-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.corpus)
        return 0
    if args.batch_worker:
        batch_worker(args.batch_worker, args.corpus)
        return 0
    engines = [e for e in args.engines if e != "presidio" or presidio_available()]
    if args.baseline:
        engines.append("piiscan-baseline")
    if "presidio" in args.engines and "presidio" not in engines:
        print("presidio-analyzer is not installed (pip install -e '.[bench]'): piiscan only",
              file=sys.stderr)
    documents = make_corpus(args.mb, args.seed, args.profile)
    with tempfile.TemporaryDirectory() as folder:
        corpus_path = Path(folder) / "corpus.json"
        corpus_path.write_text(json.dumps(documents), encoding="utf-8")
        results: dict[str, list[dict]] = {e: [] for e in engines}
        for run in range(args.runs):
            for engine in engines:
                env = dict(os.environ)
                if engine == "piiscan-baseline":
                    env["PYTHONPATH"] = str(Path(args.baseline).resolve())
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", engine, "--corpus", str(corpus_path)],
                    capture_output=True, text=True, check=True, env=env)
                figures = json.loads(out.stdout.strip().splitlines()[-1])
                results[engine].append(figures)
                print(f"run {run + 1}: {engine:<24} {figures['seconds']:7.2f} s", file=sys.stderr)
        report(results, args.profile)
        if args.processes:
            megabytes = sum(len(t.encode("utf-8")) for t in documents) / 1_000_000
            measure_batch(corpus_path, args.processes, args.runs, megabytes)
    return 0


def report(results: dict[str, list[dict]], profile: str) -> None:
    first = next(iter(results.values()))[0]
    print(f"corpus ({profile}): "
          f"{first['documents']} documents, {first['megabytes']:.2f} MB, "
          f"{len(next(iter(results.values())))} runs per engine (medians)")
    print(f"{'engine':<26}{'MB/s':>8}{'docs/s':>10}{'start-up s':>12}{'ready s':>9}"
          f"{'peak RSS MiB':>14}{'entities':>10}")
    medians = {}
    for engine, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        medians[engine] = seconds
        print(f"{engine:<26}{first['megabytes'] / seconds:>8.3f}{first['documents'] / seconds:>10.1f}"
              f"{statistics.median(r['startup'] for r in runs):>12.2f}"
              f"{statistics.median(r['ready'] for r in runs):>9.2f}"
              f"{statistics.median(r['peak_rss_mib'] for r in runs):>14.1f}"
              f"{runs[0]['entities']:>10}")
    if "presidio" in medians and "piiscan" in medians:
        print(f"ratio piiscan / presidio (throughput): {medians['presidio'] / medians['piiscan']:.1f}x")
    if "piiscan-baseline" in medians and "piiscan" in medians:
        print(f"ratio piiscan / piiscan-baseline (throughput): "
              f"{medians['piiscan-baseline'] / medians['piiscan']:.3f}")
    if "piiscan-no-name-address" in medians and "piiscan" in medians:
        print(f"NAME and ADDRESS cost: throughput with them is "
              f"{medians['piiscan-no-name-address'] / medians['piiscan']:.2f} of without")


if __name__ == "__main__":
    raise SystemExit(main())
