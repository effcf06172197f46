"""Input listing and streaming: line ends, size limits, encodings, folder shapes."""

import io
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from piiscan.jobs.inputs import (
    InputFile, JobFailure, count_documents, documents, list_inputs, split_documents,
)


def lines(data: bytes, limit=1_000_000, block_size=3):
    return [(d.line, d.text, d.terminator, d.error_code)
            for d in split_documents(io.BytesIO(data), "f", limit, block_size)]


def test_lf_cr_crlf_and_no_final_newline():
    assert lines(b"a\nb\r\nc\rd") == [(0, "a", "\n", None), (1, "b", "\r\n", None),
                                     (2, "c", "\r", None), (3, "d", "", None)]


def test_crlf_split_across_blocks_is_one_terminator():
    for block_size in range(1, 6):
        assert [d[2] for d in lines(b"ab\r\ncd\r\n", block_size=block_size)] == ["\r\n", "\r\n"]


def test_empty_lines_are_documents_and_unicode_separators_are_not_line_ends():
    text = "x\u2028y\u0085z\x0b\x0c\n\n".encode()
    assert lines(text) == [(0, "x\u2028y\u0085z\x0b\x0c", "\n", None), (1, "", "\n", None)]


def test_empty_input_has_no_lines():
    assert lines(b"") == []


def test_over_long_line_is_an_error_record_and_later_lines_survive():
    data = b"short\n" + b"x" * 50 + b"\nafter\n"
    result = lines(data, limit=20, block_size=7)
    assert result[0] == (0, "short", "\n", None)
    assert result[1][0] == 1 and result[1][3] == "DOCUMENT_SIZE_EXCEEDED"
    assert result[2] == (2, "after", "\n", None)


def test_invalid_utf8_in_the_middle_is_an_error_record():
    result = lines(b"ok\nbad \xff\xfe line\nok again\n")
    assert result[1][3] == "UNSUPPORTED_ENCODING"
    assert result[2] == (2, "ok again", "\n", None)


@given(st.lists(st.tuples(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                        blacklist_characters="\r\n"), max_size=8),
                          st.sampled_from(["\n", "\r", "\r\n"])), max_size=12),
       st.integers(1, 9))
def test_splitting_round_trips_any_text(pieces, block_size):
    data = "".join(text + end for text, end in pieces)
    docs = list(split_documents(io.BytesIO(data.encode()), "f", block_size=block_size))
    assert "".join(d.text + d.terminator for d in docs) == data
    assert len(docs) == count_documents_of(data)


def count_documents_of(data: str) -> int:
    return len(data.replace("\r\n", "\n").replace("\r", "\n").split("\n")) - (
        1 if data.endswith(("\n", "\r")) or not data else 0)


def test_count_documents_matches_split(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"a\r\nb\rc\n\nd")
    source = InputFile(path, "f.txt", path.stat().st_size)
    assert count_documents(source, "ONE_DOC_PER_LINE") == 5
    assert len(list(documents(source, "ONE_DOC_PER_LINE"))) == 5


def test_folder_listing_is_recursive_sorted_and_includes_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden").write_text("h")
    (tmp_path / "empty.txt").write_text("")
    names = [f.name for f in list_inputs(tmp_path)]
    assert names == [".hidden", "a.txt", "b/z.txt", "empty.txt"]


def test_single_file_and_prefix(tmp_path):
    (tmp_path / "docs1.txt").write_text("1")
    (tmp_path / "docs2.txt").write_text("2")
    (tmp_path / "other.txt").write_text("3")
    assert [f.name for f in list_inputs(tmp_path / "docs1.txt")] == ["docs1.txt"]
    assert [f.name for f in list_inputs(tmp_path / "docs")] == ["docs1.txt", "docs2.txt"]


def test_symlinked_files_are_read_but_directory_links_not_followed(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    (target / "t.txt").write_text("t")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "real.txt").write_text("r")
    os.symlink(target / "t.txt", folder / "link.txt")
    os.symlink(target, folder / "dirlink")
    assert [f.name for f in list_inputs(folder)] == ["link.txt", "real.txt"]


def test_missing_and_empty_inputs_fail_the_job(tmp_path):
    with pytest.raises(JobFailure) as missing:
        list_inputs(tmp_path / "nope" / "x")
    assert missing.value.code == "NO_INPUT_DATA"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(JobFailure, match="NO_INPUT_DATA"):
        list_inputs(empty)


def test_one_doc_per_file_errors(tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    [doc] = documents(InputFile(binary, "blob.bin", 10), "ONE_DOC_PER_FILE")
    assert doc.error_code == "UNSUPPORTED_ENCODING" and doc.line is None
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 30)
    [doc] = documents(InputFile(big, "big.txt", 30), "ONE_DOC_PER_FILE", limit=20)
    assert doc.error_code == "DOCUMENT_SIZE_EXCEEDED"
    [doc] = documents(InputFile(tmp_path / "gone.txt", "gone.txt", 0), "ONE_DOC_PER_FILE")
    assert doc.error_code == "UNREADABLE_FILE"
