"""Inputs: HTML, Word and JSON versions, encodings, skipped files, other languages, and bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from factcheck import check_versions
from factcheck.cli import app
from factcheck.inputs.versions import read_version

runner = CliRunner()
TITLE, P1, P2 = "Harbour plan approved", "The city council approved the harbour plan on Tuesday.", \
    "It will cost 40 million dollars, the mayor said."
PAGE = (f"<html><head><title>x</title><script>var s = '<p>not article text</p>';</script></head><body>"
        f"<nav>Home | News</nav><article><h1>{TITLE}</h1><p>{P1.replace('Tuesday', '<b>Tuesday</b>')}</p>"
        f"<div><p>{P2}</p></div></article><footer>(c) The Paper</footer></body></html>")


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(str(path))
    return path


def test_html_main_text_keeps_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE)
    v = read_version(tmp_path / "a.html")
    assert v.text == f"{TITLE}\n\n{P1}\n\n{P2}"
    assert "main text of the HTML page" in v.warnings[0]


def test_docx_and_json_wire_item(tmp_path: Path) -> None:
    assert read_version(write_docx(tmp_path / "b.docx", [TITLE, P1, P2])).text == f"{TITLE}\n\n{P1}\n\n{P2}"
    (tmp_path / "c.json").write_text(json.dumps({"id": 7, "headline": TITLE, "body": f"{P1}\n\n{P2}"}))
    assert read_version(tmp_path / "c.json").text == f"{TITLE}\n\n{P1}\n\n{P2}"


def test_mixed_formats_compare(tmp_path: Path, fake_models) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.html").write_text(PAGE)
    write_docx(tmp_path / "b.docx", [TITLE, P1, P2.replace("40", "400")])
    (tmp_path / "c.json").write_text(json.dumps({"text": f"{TITLE}\n\n{P1}\n\n{P2}"}))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    report = check_versions([str(tmp_path)], models=fake_models)
    assert [v.id for v in report.versions] == ["a.html", "b.docx"]
    assert any("c.json" in n and "--include '*.json'" in n for n in report.notes)
    assert any("notes.pdf" in n and "not a supported type" in n for n in report.notes)
    assert [f.rule for f in report.findings] == ["FC220"]
    both = check_versions([str(tmp_path)], models=fake_models, include=("*.html", "*.json"))
    assert [v.id for v in both.versions] == ["a.html", "c.json"] and both.findings == []


def test_mis_encoded_text_is_detected_with_a_warning(tmp_path: Path) -> None:
    text = "Le ministre a déclaré que l'accord était « très important » pour la région. " * 3
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    v = read_version(tmp_path / "a.txt")
    assert v.text == text and any("not valid UTF-8" in w for w in v.warnings)
    russian = "Москва: в понедельник президент заявил, что переговоры продолжатся на следующей неделе. " * 2
    (tmp_path / "b.txt").write_bytes(russian.encode("cp1251"))
    assert read_version(tmp_path / "b.txt").text == russian


def test_other_languages_are_flagged_per_version(fake_models) -> None:  # type: ignore[no-untyped-def]
    german = "Der Bundestag hat am Montag das neue Gesetz beschlossen. Die Opposition kritisierte die " \
             "Entscheidung scharf und kündigte Widerstand an. " * 3
    tmp = {"de": german, "en": P1 + " " + P2}
    from factcheck.text.language import language_warnings

    assert language_warnings("de.txt", german) and not language_warnings("kerry", P1 * 10)
    report = check_versions(tmp, models=fake_models, allow_unrelated=True)  # no crash
    assert any("looks like a different story" in n for n in report.notes)


@pytest.mark.parametrize(
    ("files", "code", "needle"),
    [
        ({"a.html": "<html><body></body></html>", "b.txt": P1}, "FCE102", "a.html: is empty"),
        ({"a.json": "[1, 2]", "b.txt": P1}, "FCE108", "not one wire item"),
        ({"a.json": '{"id": 1}', "b.txt": P1}, "FCE108", "has no text field"),
        ({"a.json": "{", "b.txt": P1}, "FCE108", "not valid JSON"),
        ({"a.docx": "not a zip", "b.txt": P1}, "FCE108", "not a readable .docx"),
        ({"a.pdf": "%PDF", "b.txt": P1}, "FCE109", "unsupported file type .pdf"),
    ],
)
def test_bad_inputs_are_one_line_errors(tmp_path: Path, files: dict[str, str], code: str, needle: str) -> None:
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    result = runner.invoke(app, ["check", "-q", *(str(tmp_path / n) for n in files)])
    assert result.exit_code == 2 and code in result.stderr and needle in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.model
def test_a_very_long_sentence_is_truncated_for_the_models_but_kept(tmp_path: Path) -> None:
    long = "The council said " + ", ".join(f"item {n} was approved" for n in range(600)) + "."
    edited = long.replace("item 599", "item 598")
    report = check_versions({"a": long + " The end came.", "b": edited + " The end came."})
    assert max(len(s.text) for s in report.sentences[0]) > 10_000
    assert report.versions[0].text.startswith(long)


# --- files in a drafts folder that are no drafts ---------------------------------------------------

ERROR_LINE = "factcheck: error: FCE102: err.txt: is empty (remove it or add the version's text)\n"


def drafts_with_strays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from factcheck.findings.baseline import write_baseline

    monkeypatch.chdir(tmp_path)   # notes name files relative to the working folder

    d = tmp_path / "drafts"
    d.mkdir()
    (d / "a.md").write_text(f"{P1}\n\n{P2}\n")
    (d / "b.md").write_text(f"{P1}\n\n{P2.replace('40', '45')}\n")
    (d / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "warning"\n')
    (d / "factcheck.toml").write_text('fail-on = "warning"\n')
    write_baseline(d / "baseline.json", [])
    (d / "err.txt").write_text(ERROR_LINE)   # what `factcheck check drafts/ 2> drafts/err.txt` left last time
    (d / "out.txt").write_bytes(b"")          # a capture left empty
    (d / "notes.pdf").write_bytes(b"%PDF")
    return d


def test_factchecks_own_files_in_a_folder_are_passed_over_without_a_note(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.inputs.versions import list_paths

    d = drafts_with_strays(tmp_path, monkeypatch)
    listing = list_paths([d])
    assert [f.name for f in listing.files] == ["a.md", "b.md"], listing
    assert [n.split(": ", 1)[0] for n in listing.notes] == ["skipped drafts/notes.pdf", "skipped drafts/out.txt"]
    assert "empty, and named like a program's captured output" in listing.notes[1]
    every = list_paths([d], include=["*"])   # a glob that takes every file still leaves factcheck's own out
    assert [f.name for f in every.files] == ["a.md", "b.md", "notes.pdf"]
    assert [n.split(": ", 1)[0] for n in every.notes] == ["skipped drafts/out.txt"]
    named = list_paths([d / "a.md", d / "b.md", d / "baseline.json", d / "err.txt", d / "pyproject.toml"])
    assert [f.name for f in named.files] == ["a.md", "b.md"]   # named on the command line: skipped, with a note
    assert [n.rsplit(": ", 1)[-1] for n in named.notes] == [
        "a factcheck baseline, not a version", "factcheck's messages of an earlier run, not a version",
        "factcheck's settings file, not a version"]


def test_an_empty_file_that_may_be_a_draft_is_still_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.errors import InputError
    from factcheck.inputs.versions import load_versions

    d = drafts_with_strays(tmp_path, monkeypatch)
    (d / "c.md").write_bytes(b"")                 # a draft whose text was lost: never compared without it
    (d / "errata.txt").write_text("")             # not a capture's name
    (d / "err.txt").write_text(ERROR_LINE + "Traceback (most recent call last):\n")   # not factcheck's alone
    with pytest.raises(InputError) as caught:
        load_versions([d])
    assert caught.value.code == "FCE102" and caught.value.message == "c.md: is empty"
    (d / "c.md").unlink()
    with pytest.raises(InputError, match=r"errata\.txt: is empty"):
        load_versions([d])
    (d / "errata.txt").unlink()
    assert [v.id for v in load_versions([d])] == ["a.md", "b.md", "err.txt"]   # read, as any other text


def test_the_file_this_run_writes_its_errors_to_is_not_a_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from factcheck.inputs.versions import list_paths

    d = drafts_with_strays(tmp_path, monkeypatch)
    (d / "err.txt").write_bytes(b"")
    (d / "out.txt").unlink()
    fd = os.open(d / "err.txt", os.O_WRONLY | os.O_TRUNC)
    saved = os.dup(2)
    try:
        os.dup2(fd, 2)   # as `factcheck check drafts/ 2> drafts/err.txt` starts: the shell made it, empty
        listing = list_paths([d])
        named = list_paths([d / "a.md", d / "b.md", d / "err.txt"])
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(fd)
    assert [f.name for f in listing.files] == ["a.md", "b.md"]
    assert [n.split(": ", 1)[0] for n in listing.notes] == ["skipped drafts/notes.pdf"]   # no word of err.txt
    assert [f.name for f in named.files] == ["a.md", "b.md"]
    assert named.notes == ["skipped drafts/err.txt: this run writes its standard error there, not a version"]
