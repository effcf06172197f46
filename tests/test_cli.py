"""The command line: output, exit codes, help text."""

import json
import subprocess
import sys

import pytest

from piiscan import cli


def run(args, stdin=None):
    return subprocess.run([sys.executable, "-m", "piiscan", *args], input=stdin,
                          capture_output=True, timeout=120, check=False)


def test_detect_pii_entities_prints_aws_cli_json(capsys):
    code = cli.main(["detect-pii-entities", "--text", "SSN 212-67-4013", "--language-code", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out)["Entities"][0]["BeginOffset"] == 4
    assert out.startswith('{\n    "Entities": [')


def test_contains_pii_entities(capsys):
    assert cli.main(["contains-pii-entities", "--text", "Call Alice at (206) 555-0100"]) == 0
    assert [x["Name"] for x in json.loads(capsys.readouterr().out)["Labels"]] == ["NAME", "PHONE"]


def test_rejected_request_exit_code_and_stderr(capsys):
    code = cli.main(["detect-pii-entities", "--text", "hi", "--language-code", "fr"])
    captured = capsys.readouterr()
    assert code == cli.EXIT_REJECTED == 3
    assert captured.out == ""
    assert "ValidationException" in captured.err


def test_detect_file_and_stdin(tmp_path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text("café SSN 212-67-4013\n", encoding="utf-8")
    assert cli.main(["detect", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["Entities"][0]["BeginOffset"] == 9
    result = run(["detect", "-"], stdin=b"SSN 212-67-4013")
    assert result.returncode == 0
    assert json.loads(result.stdout)["Entities"][0]["Type"] == "SSN"


def test_redact_file(tmp_path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text("SSN 212-67-4013\nbye\n", encoding="utf-8")
    assert cli.main(["redact", str(path), "--mask-mode", "REPLACE_WITH_PII_ENTITY_TYPE"]) == 0
    assert capsys.readouterr().out == "SSN [SSN]\nbye\n"


def test_missing_and_binary_files_exit_4(tmp_path, capsys):
    assert cli.main(["detect", str(tmp_path / "missing.txt")]) == cli.EXIT_INPUT == 4
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert cli.main(["redact", str(binary)]) == 4
    assert "not valid UTF-8 (byte 0" in capsys.readouterr().err


def test_usage_error_exit_2():
    assert run(["detect-pii-entities"]).returncode == 2
    assert run(["no-such-command"]).returncode == 2


def test_every_command_and_option_has_help_text():
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}
    assert set(helps) == set(subparsers.choices)
    for name, text in helps.items():
        assert text and len(text) > 20, name
        for action in subparsers.choices[name]._actions:
            assert action.help, f"{name} {'/'.join(action.option_strings) or action.dest}"
        result = run([name, "--help"])
        assert result.returncode == 0, name


def test_generate_says_what_it_wrote_and_bad_paths_are_one_line(tmp_path):
    result = run(["generate", str(tmp_path / "c.jsonl"), "--count", "3"])
    assert result.returncode == 0 and b"wrote 3 documents" in result.stderr
    result = run(["generate", "/proc/no/such/place", "--count", "2"])
    assert result.returncode == 4, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and b"Traceback" not in result.stderr


def test_evaluate_on_a_file_that_is_not_utf8_exits_4(tmp_path, capsys):
    corpus = tmp_path / "latin1.jsonl"
    corpus.write_bytes('{"text": "caf\xe9"}\n'.encode("latin-1"))
    assert cli.main(["evaluate", str(corpus)]) == cli.EXIT_INPUT
    assert "not valid UTF-8" in capsys.readouterr().err


def test_evaluate_prints_per_type_table(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "1", "text": "SSN 212-67-4013", "entities": [
        {"Type": "SSN", "BeginOffset": 4, "EndOffset": 15}]}) + "\n", encoding="utf-8")
    assert cli.main(["evaluate", str(corpus), "--min-f1", "0.9"]) == 0
    out = capsys.readouterr().out
    assert "SSN" in out and "MICRO" in out
    assert cli.main(["evaluate", str(corpus), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[str(corpus)]["exact"]["SSN"]["f1"] == 1.0


def test_evaluate_halves_split_a_corpus_in_two_fixed_parts(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    lines = [{"id": f"dev:p{n // 3}:n{n % 3}", "text": "SSN 212-67-4013", "entities": []}
             for n in range(60)]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    counts = {}
    for half in ("tuning", "checking"):
        assert cli.main(["evaluate", str(corpus), "--half", half, "--json"]) == 0
        counts[half] = json.loads(capsys.readouterr().out)[str(corpus)]["documents"]
    assert counts["tuning"] + counts["checking"] == 60
    assert counts["tuning"] % 3 == 0 and 0 < counts["tuning"] < 60  # patients stay whole


def test_evaluate_min_f1_failure_exits_1(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "1", "text": "nothing here", "entities": [
        {"Type": "SSN", "BeginOffset": 0, "EndOffset": 7}]}) + "\n", encoding="utf-8")
    assert cli.main(["evaluate", str(corpus), "--min-f1", "0.5"]) == cli.EXIT_CHECK_FAILED


@pytest.mark.parametrize("line", ["not json", '{"text": 5}',
                                  '{"text": "ab", "entities": [{"Type": "SSN", "BeginOffset": 0, "EndOffset": 9}]}'])
def test_evaluate_rejects_malformed_corpus_lines(tmp_path, capsys, line):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text(line + "\n", encoding="utf-8")
    assert cli.main(["evaluate", str(corpus)]) == cli.EXIT_REJECTED
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli():
    result = run(["--help"])
    assert result.returncode == 0 and b"detect-pii-entities" in result.stdout
