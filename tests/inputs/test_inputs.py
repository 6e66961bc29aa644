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
