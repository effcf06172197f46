"""Running jobs: output shapes, equality with the library, errors, stop, failures."""

import json
import os
import random
import stat
import tarfile
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import piiscan
from piiscan.entities import EntityType
from piiscan.jobs import JobStatus, run_job
from piiscan.jobs.inputs import Document
from piiscan.jobs.runner import Settings, numbered, process_chunk
from piiscan.testing.documents import build_document
from piiscan.testing.values import RandomChooser
from tests.jobs.helpers import StopAfterProgress, read_outputs, records, service, start


def test_one_doc_per_line_output_matches_the_documented_layout(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "sample_data.txt").write_text("Hello Zhang Wei, I am John.\n\nSSN 212-67-4013")
    svc = service()
    job_id = start(svc, docs, tmp_path / "out", DataAccessRoleArn="arn:aws:iam::111111111111:role/R")
    job = svc.run(job_id)
    assert job.status == JobStatus.COMPLETED and job.documents_done == job.documents_total == 3
    folder = tmp_path / "out" / f"111111111111-PII-{job_id}" / "output"
    assert (folder / "output.tar.gz").exists()
    assert (tmp_path / "out" / ".write_access_check_file.temp").exists()
    out = read_outputs(tmp_path / "out")
    assert list(out) == ["sample_data.txt.out"]
    lines = out["sample_data.txt.out"].splitlines()
    assert lines[0].startswith('{"Entities":[{"BeginOffset":6,"EndOffset":15,"Type":"NAME","Score":')
    assert lines[0].endswith('"File":"sample_data.txt","Line":0}')
    assert records(out["sample_data.txt.out"])[1] == {"Entities": [], "File": "sample_data.txt",
                                                      "Line": 1}


def test_one_doc_per_file_has_no_line_and_keeps_relative_paths(tmp_path):
    docs = tmp_path / "in"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "a.txt").write_text("mail anycafe@mail.com\nsecond line")
    svc = service()
    svc.run(start(svc, docs, tmp_path / "out", InputDataConfig={"InputFormat": "ONE_DOC_PER_FILE"}))
    [record] = records(read_outputs(tmp_path / "out")["sub/a.txt.out"])
    assert record == {"Entities": [{"BeginOffset": 5, "EndOffset": 21, "Type": "EMAIL",
                                    "Score": record["Entities"][0]["Score"]}], "File": "sub/a.txt"}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), crlf=st.booleans())
def test_job_entities_equal_library_entities(tmp_path_factory, seed, crlf):
    tmp = tmp_path_factory.mktemp("eq")
    chooser = RandomChooser(random.Random(seed))
    types = [t.value for t in EntityType]
    texts = [build_document(chooser, types, entity_count=chooser.integer(0, 4), unicode=True,
                            hard_negatives=1).text.replace("\r", " ").replace("\n", " ")
             for _ in range(8)]
    (tmp / "in").mkdir()
    (tmp / "in" / "docs.txt").write_text(("\r\n" if crlf else "\n").join(texts), encoding="utf-8")
    svc = service()
    svc.run(start(svc, tmp / "in", tmp / "out"))
    got = records(read_outputs(tmp / "out")["docs.txt.out"])
    assert [r["Line"] for r in got] == list(range(len(texts)))
    for record, text in zip(got, texts, strict=True):
        expected = piiscan.detect_pii_entities(text)["Entities"] if text else []
        assert sorted(record["Entities"], key=lambda e: e["BeginOffset"]) == [
            {"BeginOffset": e["BeginOffset"], "EndOffset": e["EndOffset"], "Type": e["Type"],
             "Score": e["Score"]} for e in expected]


def test_redaction_job_writes_redacted_copies_with_the_same_line_ends(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_bytes(b"SSN 212-67-4013\r\nno pii\rcall (206) 555-0100")
    svc = service()
    svc.run(start(svc, docs, tmp_path / "out", Mode="ONLY_REDACTION",
                  RedactionConfig={"PiiEntityTypes": ["SSN"], "MaskMode": "MASK"}))
    out = read_outputs(tmp_path / "out")
    assert out["a.txt.out"] == "SSN ***********\r\nno pii\rcall (206) 555-0100"
    for line in out["a.txt.out"].replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        assert line == piiscan.redact(line, ["SSN"]) if line else True


def test_bad_documents_become_error_records_and_the_job_completes(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "mixed.txt").write_bytes(b"ok SSN 212-67-4013\n\xff\xfe binary\n" + b"y" * 1_000_001
                                     + b"\nlast")
    (docs / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff")
    svc = service()
    job = svc.run(start(svc, docs, tmp_path / "out"))
    assert job.status == JobStatus.COMPLETED
    out = records(read_outputs(tmp_path / "out")["mixed.txt.out"])
    assert [r.get("ErrorCode") for r in out] == [None, "UNSUPPORTED_ENCODING",
                                                 "DOCUMENT_SIZE_EXCEEDED", None]
    assert out[1] == {"File": "mixed.txt", "Line": 1, "ErrorCode": "UNSUPPORTED_ENCODING",
                      "ErrorMessage": out[1]["ErrorMessage"]}


def test_redaction_errors_go_to_an_errors_member(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_bytes(b"SSN 212-67-4013\n\xff bad\n")
    svc = service()
    svc.run(start(svc, docs, tmp_path / "out", Mode="ONLY_REDACTION",
                  RedactionConfig={"PiiEntityTypes": ["ALL"]}))
    out = read_outputs(tmp_path / "out")
    assert out["a.txt.out"] == "SSN ***********\n\n"
    assert records(out["a.txt.errors.out"])[0]["Line"] == 1


def test_files_layout_writes_plain_out_files(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("SSN 212-67-4013")
    svc = service()
    job_id = start(svc, docs, tmp_path / "out", PiiscanOutputLayout="FILES")
    svc.run(job_id)
    folder = tmp_path / "out" / f"000000000000-PII-{job_id}" / "output"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt.out"]


def test_tarball_is_byte_for_byte_deterministic(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "b.txt").write_text("SSN 212-67-4013\n")
    (docs / "a.txt").write_text("mail anycafe@mail.com\n")
    tarballs = []
    for run in range(2):
        svc = service()
        job_id = start(svc, docs, tmp_path / f"out{run}")
        svc.run(job_id)
        tarballs.append((tmp_path / f"out{run}" / f"000000000000-PII-{job_id}" / "output" /
                         "output.tar.gz").read_bytes())
    assert tarballs[0] == tarballs[1]
    with tarfile.open(tmp_path / "out0" / f"000000000000-PII-{1:032x}" / "output" / "output.tar.gz") as t:
        assert [(m.name, m.mtime, m.uid, m.gid, m.mode) for m in t.getmembers()] == [
            ("a.txt.out", 0, 0, 0, 0o600), ("b.txt.out", 0, 0, 0, 0o600)]


def test_inputs_are_never_modified(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_bytes(b"SSN 212-67-4013\r\n")
    before = (docs / "a.txt").read_bytes(), (docs / "a.txt").stat().st_mtime_ns
    svc = service()
    svc.run(start(svc, docs, tmp_path / "out", Mode="ONLY_REDACTION",
                  RedactionConfig={"PiiEntityTypes": ["ALL"]}))
    assert ((docs / "a.txt").read_bytes(), (docs / "a.txt").stat().st_mtime_ns) == before


def test_missing_input_fails_with_a_coded_message(tmp_path):
    svc = service()
    job = svc.run(start(svc, tmp_path / "nowhere", tmp_path / "out"))
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("NO_INPUT_DATA: ")
    assert job.end_time is not None


def test_unwritable_output_fails_with_a_coded_message(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("x")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    svc = service()
    job = svc.run(start(svc, docs, blocker / "out"))
    assert job.status == JobStatus.FAILED and job.message.startswith("NO_WRITE_ACCESS_TO_OUTPUT: ")


def test_stop_before_start(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("SSN 212-67-4013\n")
    svc = service()
    early = start(svc, docs, tmp_path / "out")
    svc.stop(JobId=early)
    assert svc.run(early).status == JobStatus.STOPPED


@pytest.mark.parametrize("workers", [1, 2])
def test_stop_during_run_keeps_a_prefix_in_order(tmp_path, workers):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("\n".join(f"line {i} SSN 212-67-4013" for i in range(1000)))
    svc = service(StopAfterProgress(after=100))
    late = start(svc, docs, tmp_path / "out2")
    job = run_job(late, svc.store, workers=workers, chunk_bytes=1500)
    assert job.status == JobStatus.STOPPED
    assert 100 <= job.documents_done < 1000
    out = records(read_outputs(tmp_path / "out2")["a.txt.out"])
    assert [r["Line"] for r in out] == list(range(len(out)))  # a prefix, in order, no gaps
    assert len(out) == job.documents_done
    assert not (tmp_path / "out2" / f"000000000000-PII-{late}" / ".staging").exists()


def test_files_come_about_four_chunks_per_worker_within_bounds():
    from piiscan.jobs.inputs import InputFile
    from piiscan.jobs.runner import CHUNK_DOCUMENTS, FEWEST_CHUNK_FILES, _chunks

    files = Settings("ONLY_OFFSETS", "ONE_DOC_PER_FILE", None)
    inputs = [InputFile(f"f{n}", f"f{n}", 220) for n in range(10_000)]

    def sizes(count, workers, most=CHUNK_DOCUMENTS, budget=None):
        return [len(items) for _, items in _chunks(inputs[:count], files, most, budget, workers)]

    assert sizes(10_000, 2) == [CHUNK_DOCUMENTS] * 10  # many small files: big tasks
    assert sizes(4_000, 2) == [500] * 8  # four per worker
    assert sizes(10_000, 64) == [FEWEST_CHUNK_FILES] * 50  # never below the fewest
    assert sizes(150, 2) == [150]  # a small job: one chunk, run in this process
    assert sizes(1_000, 2, most=30) == [30] * 33 + [10]  # the caller's bound holds
    assert sizes(1_000, 1, budget=220 * 7) == [7] * 142 + [6]  # and so do bytes


def test_a_stop_ends_a_long_chunk_within_seconds(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    document = "Call Alice Johnson at 206-555-0100 about 123 Main St, Seattle, WA 98109. " * 1300
    (docs / "a.txt").write_text("\n".join([document] * 40))  # 40 documents of ~95 KB
    svc = service(StopAfterProgress(after=0))
    job_id = start(svc, docs, tmp_path / "out")
    started = time.monotonic()
    job = run_job(job_id, svc.store, workers=2, chunk_bytes=2_000_000)
    assert job.status == JobStatus.STOPPED
    assert time.monotonic() - started < 15  # the whole job takes far longer
    assert job.documents_done < 40


def test_a_document_over_the_time_limit_is_an_error_record():
    settings_ = Settings("ONLY_OFFSETS", "ONE_DOC_PER_LINE", None)
    slow = piiscan.Scanner(time_limit=1e-9)
    long_document = "SSN 212-67-4013 " * 1500  # past CLOCK_FROM_CHARACTERS
    [output] = process_chunk(settings_, [Document("f", 3, long_document, "\n")], slow).outputs
    text, _ = numbered(output, 3)
    record = json.loads(text)
    assert record["ErrorCode"] == "DOCUMENT_TIME_LIMIT_EXCEEDED" and record["Line"] == 3
    assert "212-67" not in record["ErrorMessage"]
    redaction = Settings("ONLY_REDACTION", "ONE_DOC_PER_LINE",
                         piiscan.api.RedactionConfig.checked(["ALL"]))
    [output] = process_chunk(redaction, [Document("f", 3, long_document, "\n")], slow).outputs
    text, errors = numbered(output, 3)
    assert text == b"\n" and json.loads(errors)["ErrorCode"] == "DOCUMENT_TIME_LIMIT_EXCEEDED"
    assert list(json.loads(errors)) == ["File", "Line", "ErrorCode", "ErrorMessage"]


def test_outputs_and_staging_are_owner_only_whatever_the_umask(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("SSN 212-67-4013\n")
    previous = os.umask(0o000)
    try:
        svc = service()
        tarball_job = start(svc, docs, tmp_path / "out")
        svc.run(tarball_job)
        files_job = start(svc, docs, tmp_path / "out", PiiscanOutputLayout="FILES")
        svc.run(files_job)
    finally:
        os.umask(previous)
    out = tmp_path / "out"
    for path in [out, *out.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_files_layout_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    docs = tmp_path / "in"
    docs.mkdir()
    for index in range(5):
        (docs / f"d{index}.txt").write_text(f"SSN 212-67-401{index}\n")
    import piiscan.jobs.local as storage
    real = storage.publish_file
    written = []

    def fail_on_the_fourth(piece, target, **kwargs):
        written.append(target)
        if len(written) == 4:
            raise OSError(28, "No space left on device", str(target))
        real(piece, target, **kwargs)

    monkeypatch.setattr(storage, "publish_file", fail_on_the_fourth)
    svc = service()
    job = svc.run(start(svc, docs, tmp_path / "out", PiiscanOutputLayout="FILES"))
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("NO_WRITE_ACCESS_TO_OUTPUT: ")
    assert "No space left on device" in job.message
    folder = tmp_path / "out" / f"000000000000-PII-{job.job_id}"
    assert not (folder / "output").exists()  # none of the three written files is visible
    assert not (folder / ".staging").exists()  # and nothing is left behind
    monkeypatch.setattr(storage, "publish_file", real)
    job = svc.run(start(svc, docs, tmp_path / "out2", PiiscanOutputLayout="FILES"))
    assert sorted(read_outputs(tmp_path / "out2")) == [f"d{i}.txt.out" for i in range(5)]


def test_a_full_disk_while_processing_fails_the_job_and_leaves_nothing(tmp_path, monkeypatch):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("SSN 212-67-4013\n" * 300)
    import piiscan.jobs.runner as runner

    def full(self, owners, results):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runner._Outputs, "write", full)
    svc = service()
    job = svc.run(start(svc, docs, tmp_path / "out"))
    assert job.status == JobStatus.FAILED and "No space left on device" in job.message
    assert job.message.startswith("NO_WRITE_ACCESS_TO_OUTPUT: ")
    folder = tmp_path / "out" / f"000000000000-PII-{job.job_id}"
    assert not (folder / ".staging").exists() and not (folder / "output").exists()


def test_process_pool_and_inline_give_the_same_output(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("\n".join(f"{i} mail u{i}@example.com" for i in range(50)))
    outputs = []
    for workers in (1, 2):
        svc = service()
        run_job(start(svc, docs, tmp_path / f"out{workers}"), svc.store, workers=workers,
                chunk_bytes=100)
        outputs.append(read_outputs(tmp_path / f"out{workers}"))
    assert outputs[0] == outputs[1]


def test_a_files_job_writes_the_same_output_however_it_is_chunked(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    for i in range(60):
        (docs / f"d{i:02}.txt").write_text(f"{i} mail u{i}@example.com\r\nSSN 212-67-4013" * (i % 3))
    outputs = []
    for run, (workers, most) in enumerate([(1, 1_000), (2, 7), (2, 1)]):
        svc = service()
        job_id = start(svc, docs, tmp_path / f"out{run}", InputDataConfig={
            "InputFormat": "ONE_DOC_PER_FILE"})
        run_job(job_id, svc.store, workers=workers, chunk_documents=most)
        outputs.append((tmp_path / f"out{run}" / f"000000000000-PII-{job_id}" / "output" /
                        "output.tar.gz").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_run_job_claims_a_job_once(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("x")
    svc = service()
    job_id = start(svc, docs, tmp_path / "out")
    assert run_job(job_id, svc.store).status == JobStatus.COMPLETED
    assert run_job(job_id, svc.store) is None
    assert run_job("f" * 32, svc.store) is None


def test_process_chunk_is_the_library():
    settings_ = Settings("ONLY_OFFSETS", "ONE_DOC_PER_LINE", None)
    result = process_chunk(settings_, [Document("f", 0, "SSN 212-67-4013", "\n")])
    assert result.counts == [1] and result.complete
    text, errors = numbered(result.outputs[0], 0)
    [entity] = piiscan.detect_pii_entities("SSN 212-67-4013")["Entities"]
    assert json.loads(text) == {"Entities": [{"BeginOffset": 4, "EndOffset": 15, "Type": "SSN",
                                              "Score": entity["Score"]}],
                                "File": "f", "Line": 0}
    assert errors == b""


def test_two_jobs_with_the_same_output_prefix_do_not_collide(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("SSN 212-67-4013\n")
    svc = service()
    first = start(svc, docs, tmp_path / "shared")
    second = start(svc, docs, tmp_path / "shared", Mode="ONLY_REDACTION",
                   RedactionConfig={"PiiEntityTypes": ["ALL"]})
    svc.run(first)
    svc.run(second)
    folders = sorted(p.name for p in (tmp_path / "shared").iterdir() if p.is_dir())
    assert folders == [f"000000000000-PII-{first}", f"000000000000-PII-{second}"]
    for job_id in (first, second):
        assert (tmp_path / "shared" / f"000000000000-PII-{job_id}" / "output" /
                "output.tar.gz").exists()


def test_a_file_name_that_is_not_utf8_is_escaped_and_the_job_completes(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "ok.txt").write_text("SSN 212-67-4013\n")
    with open(os.path.join(os.fsencode(docs), b"bad\xff\xfename.txt"), "wb") as handle:
        handle.write(b"mail anycafe@mail.com\n")
    for mode in ("ONLY_OFFSETS", "ONLY_REDACTION"):
        svc = service()
        extra = {"RedactionConfig": {"PiiEntityTypes": ["ALL"]}} if mode == "ONLY_REDACTION" else {}
        job = svc.run(start(svc, docs, tmp_path / mode, Mode=mode, **extra))
        assert job.status == JobStatus.COMPLETED, job.message
        out = read_outputs(tmp_path / mode)
        assert sorted(out) == ["bad\\xff\\xfename.txt.out", "ok.txt.out"]
        if mode == "ONLY_OFFSETS":
            [record] = records(out["bad\\xff\\xfename.txt.out"])
            assert record["File"] == "bad\\xff\\xfename.txt" and record["Entities"]
        else:
            assert out["bad\\xff\\xfename.txt.out"] == "mail ****************\n"


def test_links_out_of_the_folder_become_error_records_in_the_output(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "normal.txt").write_text("hello Bob\n")
    (tmp_path / "secret.txt").write_text("Outside secret: SSN 212-67-4013\n")
    os.symlink("/etc/passwd", docs / "passwd_link")
    os.symlink(tmp_path / "secret.txt", docs / "outside_link.txt")
    for mode in ("ONLY_OFFSETS", "ONLY_REDACTION"):
        svc = service()
        extra = {"RedactionConfig": {"PiiEntityTypes": ["ALL"]}} if mode == "ONLY_REDACTION" else {}
        job = svc.run(start(svc, docs, tmp_path / mode, Mode=mode, **extra))
        assert job.status == JobStatus.COMPLETED
        out = read_outputs(tmp_path / mode)
        everything = "".join(out.values())
        assert "root:" not in everything and "212-67" not in everything and "secret" not in everything
        errors = out["passwd_link.errors.out" if mode == "ONLY_REDACTION" else "passwd_link.out"]
        [record] = records(errors)
        assert record["ErrorCode"] == "LINK_OUTSIDE_INPUT" and record["File"] == "passwd_link"


LINE_FILE = st.lists(st.tuples(st.sampled_from([b"", b"SSN 212-67-4013", b"mail a@example.com",
                                                b"\xff bad", b"caf\xc3\xa9 \xf0\x9f\x98\x80",
                                                b"x" * 70]),
                               st.sampled_from([b"\n", b"\r", b"\r\n"])), max_size=12)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(LINE_FILE, st.binary(max_size=3)), min_size=1, max_size=3),
       part_bytes=st.integers(1, 60), mode=st.sampled_from(["ONLY_OFFSETS", "ONLY_REDACTION"]))
def test_line_files_cut_into_any_parts_give_the_same_output(tmp_path_factory, files, part_bytes,
                                                            mode):
    root = tmp_path_factory.mktemp("parts")
    docs = root / "in"
    docs.mkdir()
    for index, (lines, tail) in enumerate(files):
        (docs / f"{index}.txt").write_bytes(b"".join(a + b for a, b in lines) + tail)
    redaction = {"RedactionConfig": {"PiiEntityTypes": ["ALL"]}} if mode == "ONLY_REDACTION" \
        else {}
    outputs = []
    for name, chunk_bytes in (("whole", None), ("parts", part_bytes)):
        svc = service()
        job_id = start(svc, docs, root / name, Mode=mode, **redaction)
        job = run_job(job_id, svc.store, workers=1, chunk_bytes=chunk_bytes)
        assert job.status == JobStatus.COMPLETED
        outputs.append((read_outputs(root / name), job.documents_done, job.documents_total))
    assert outputs[0] == outputs[1]


def test_lines_are_counted_as_they_are_processed_and_past_the_limit_fail_the_job(
        tmp_path, monkeypatch):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("one\ntwo\n")
    (docs / "b.txt").write_text("three\nfour\nfive\nsix\n")
    svc = service()
    job_id = start(svc, docs, tmp_path / "out")
    seen: list[int | None] = []
    update = svc.store.update

    def record_totals(job_id, expected=None, **changes):
        if "documents_total" in changes:
            seen.append(changes["documents_total"])
        return update(job_id, expected, **changes)

    monkeypatch.setattr(svc.store, "update", record_totals)
    job = run_job(job_id, svc.store, workers=1)
    assert seen == [None, 6]  # unknown while running: no pass of its own counts lines
    assert job.documents_done == job.documents_total == 6
    monkeypatch.setattr("piiscan.jobs.runner.MAX_LINES", 5)
    failed = svc.run(start(svc, docs, tmp_path / "out2"))
    assert failed.status == JobStatus.FAILED
    assert failed.message == "LIMIT_EXCEEDED: more than 5 input lines; at most 5"
    assert not list((tmp_path / "out2").glob("*/output"))
