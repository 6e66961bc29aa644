import os
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.inputs.versions import decode, load_versions, read_version

TEXT = "The minister said on Tuesday that 150 refugees would arrive.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        ("Caf\u00e9 \u201cquoted\u201d \u2014 text".encode("cp1252"), "cp1252"),
    ],
)
def test_decode_detects_encodings(data: bytes, encoding: str) -> None:
    text, enc, _ = decode(data, "x.txt")
    assert enc == encoding
    assert "quoted" in text or "refugees" in text


def test_latin1_fallback_keeps_text() -> None:
    text, enc, warnings = decode(b"na\xefve \x81 caf\xe9", "x.txt")
    assert enc == "latin-1" and "caf\u00e9" in text and warnings


def test_binary_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01" * 3)
    with pytest.raises(InputError, match="binary"):
        read_version(f)


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    for content in ("", "  \n\t\n"):
        f = tmp_path / "a.txt"
        f.write_text(content)
        with pytest.raises(InputError, match="empty"):
            read_version(f)


def test_huge_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("word " * 100)
    with pytest.raises(InputError, match="over the limit"):
        read_version(f, max_bytes=100)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:  # pragma: no cover - not as root
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    f.chmod(0)
    with pytest.raises(InputError, match="permission"):
        read_version(f)


def test_folder_is_sorted_by_name_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second version. It differs.")
    (tmp_path / "a.md").write_text("First version. It is here.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden")
    vs = load_versions([tmp_path])
    assert [v.id for v in vs] == ["a.md", "b.txt"]


def test_one_version_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    with pytest.raises(InputError, match="only one version"):
        load_versions([tmp_path])


def test_missing_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_versions([tmp_path / "nope"])
    with pytest.raises(InputError, match=r"has no \.txt, \.md"):
        load_versions([tmp_path])


def test_mapping_input_keeps_names_and_text() -> None:
    vs = load_versions({"wire": "A said so.", "web": "B said so."})
    assert [v.id for v in vs] == ["wire", "web"] and vs[0].text == "A said so."


def test_same_file_names_in_two_folders_get_distinct_ids(tmp_path: Path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "story.txt").write_text(f"Version {d}.")
    vs = load_versions([tmp_path / "x" / "story.txt", tmp_path / "y" / "story.txt"])
    assert vs[0].id != vs[1].id


def test_permission_error_is_one_clear_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT)

    real_open = os.open

    def denied(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path) == f:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(InputError, match="permission denied") as err:
        read_version(f)
    assert err.value.code == "FCE106"
