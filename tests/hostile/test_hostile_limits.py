"""Issue 18, bounds: .docx bombs, huge or deep HTML, long paragraphs and too many versions end in a
coded error (or a report) within 10 s and 1 GB. Bombs are built here with zipfile, never committed."""

from __future__ import annotations

import json
import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.hostile.run import run_cli

A = "The council approved the harbour plan on Tuesday. It will cost 40 million dollars.\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
HEAD = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'
TAIL = "</w:body></w:document>"
MB = 1 << 20


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def repeated(unit: str, total: int) -> Iterable[bytes]:
    """``unit`` repeated to about ``total`` bytes, a megabyte at a time (never all in memory)."""
    block = (unit * max(1, MB // len(unit))).encode()
    for _ in range(max(1, total // len(block))):
        yield block


def write_docx(path: Path, body: Iterable[bytes] | str, parts: dict[str, Iterable[bytes]] | None = None,
               prolog: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w") as f:
            f.write((prolog + HEAD).encode())
            for chunk in [body.encode()] if isinstance(body, str) else body:
                f.write(chunk)
            f.write(TAIL.encode())
        for name, chunks in (parts or {}).items():
            with z.open(name, "w") as f:
                for chunk in chunks:
                    f.write(chunk)
    return path


def check(tmp_path: Path, *extra: str) -> list[str]:
    (tmp_path / "a.txt").write_text(A)
    return ["check", "-q", "--no-cache", "a.txt", *extra]


LAUGHS = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefgh", "bcdefghi", strict=True))
          + "]>")


# 4. .docx decompression bombs, and .docx that lxml refuses

@pytest.mark.parametrize(("build", "needle"), [
    (lambda p: write_docx(p, repeated("<w:p/>", 40 * MB)), "more than 100 to 1: a decompression bomb?"),
    (lambda p: write_docx(p, repeated("<w:tc><w:p/></w:tc>", 34 * MB)), "more than 100 to 1"),  # 1.8M cells
    (lambda p: write_docx(p, para("Text."), {"word/media/image1.png": repeated("\0", 300 * MB)}),
     "inflate to 3"),
    (lambda p: write_docx(p, "<w:p>" * 5000), "bad XML: Excessive depth"),
    (lambda p: write_docx(p, para("&i;"), prolog=LAUGHS), "bad XML"),
    (lambda p: write_docx(p, "<w:p><w:r>"), "bad XML"),
], ids=["ratio", "1.8M-cells", "image-300MB", "depth", "entities", "unclosed"])
def test_docx_bombs_and_bad_xml_are_refused(tmp_path: Path, build, needle: str) -> None:  # type: ignore[no-untyped-def]
    build(tmp_path / "b.docx")
    assert (tmp_path / "b.docx").stat().st_size < 5 * MB
    run = run_cli(check(tmp_path, "b.docx"), tmp_path)
    run.one_line_error("FCE108", needle)
    run.bounded()


def test_an_image_bomb_is_refused_whatever_max_bytes(tmp_path: Path) -> None:
    write_docx(tmp_path / "b.docx", para("Text."), {"word/media/image1.png": repeated("\0", 300 * MB)})
    run = run_cli(check(tmp_path, "b.docx", "--max-bytes", str(100 * MB)), tmp_path)
    run.one_line_error("FCE108", "a decompression bomb?")
    run.bounded()


def test_deflate64_is_refused(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "b.docx", para("Text."))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    # compression method 9 (Deflate64, which zipfile cannot inflate), in the local and the central header
    struct.pack_into("<H", data, info.header_offset + 8, 9)
    central = data.find(b"PK\x01\x02")  # the central directory's entries, to the document's
    while data[central + 46:central + 46 + len(info.filename)] != info.filename.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<H", data, central + 10, 9)
    path.write_bytes(bytes(data))
    run = run_cli(check(tmp_path, "b.docx"), tmp_path)
    run.one_line_error("FCE108", "unsupported compression method")
    run.bounded()


def test_a_docx_of_many_cells_stops_at_the_sentence_limit(tmp_path: Path) -> None:
    cells = "".join(f"<w:tc>{para(f'Cell {n}.')}</w:tc>" for n in range(3000))
    write_docx(tmp_path / "b.docx", f"{para('Title.')}<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
    run = run_cli(check(tmp_path, "b.docx", "--max-sentences", "1000"), tmp_path)
    run.one_line_error("FCE117", "b.docx: more than 1,000 sentences")
    assert "--max-sentences" in run.stderr
    run.bounded()


# 6. sentence splitting is linear: a long paragraph ends at the limit, quickly

def test_a_megabyte_paragraph_of_short_sentences(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Word. " * 200_000)  # 1.2 MB, one paragraph, 200,000 sentences
    run = run_cli(check(tmp_path, "b.txt"), tmp_path)
    run.one_line_error("FCE117", "b.txt: more than 20,000 sentences, the limit (split the file, or raise "
                       "--max-sentences)")
    run.bounded()


# 7. HTML extraction is linear in nesting depth

def test_fifty_thousand_nested_blocks(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.html").write_text("<html><body>" + "<blockquote>x " * 50_000 + "</body></html>")  # 0.7 MB
    (tmp_path / "c.html").write_text("<div><span>" * 50_000 + f"<p>{A}</p>" + "</span></div>" * 50_000)  # 1.5 MB
    run = run_cli(["check", "-q", "--no-cache", "-f", "json", "a.txt", "b.html", "c.html", "--fail-on", "never",
                   "--allow-unrelated"], tmp_path)
    assert run.code == 0, run.stderr
    run.bounded()
    versions = {v["id"]: v for v in json.loads(run.stdout)["versions"]}
    assert versions["b.html"]["characters"] > 0.9 * 2 * 50_000 and versions["c.html"]["sentences"] == 2


# 9. limits on versions, sentences and characters

def test_five_thousand_files(tmp_path: Path) -> None:
    for n in range(5000):
        (tmp_path / f"{n:04d}.txt").write_text(f"Version {n}.")
    run = run_cli(["check", "-q", "--no-cache", "."], tmp_path)
    run.one_line_error("FCE116", "5,000 versions is over the limit of 200 (compare fewer files, or raise "
                       "--max-versions)")
    run.bounded()


@pytest.mark.parametrize(("name", "content", "extra", "code", "needle"), [
    ("b.html", lambda: "<p>x</p>" * 400_000, [], "FCE117", "b.html: more than 20,000 sentences"),
    ("b.txt", lambda: "word " * 420_000, [], "FCE118", "b.txt: more than 2,000,000 characters of text, the limit "
     "(split the file, or raise --max-chars)"),
    ("b.json", lambda: '{"body": "' + "word " * 420_000 + '"}', [], "FCE118", "b.json: more than 2,000,000"),
    ("b.html", lambda: "<p>word</p>" * 1000, ["--max-chars", "1000"], "FCE118", "more than 1,000 characters"),
    ("b.txt", lambda: "One.\n\n" * 50, ["--max-sentences", "10"], "FCE117", "more than 10 sentences"),
], ids=["400k-p", "2.1M-chars", "json-2.1M-chars", "max-chars", "max-sentences"])
def test_a_version_past_a_limit(tmp_path: Path, name: str, content, extra: list[str], code: str,  # type: ignore[no-untyped-def]
                                needle: str) -> None:
    (tmp_path / name).write_text(content())
    run = run_cli(check(tmp_path, name, *extra), tmp_path)
    run.one_line_error(code, needle)
    run.bounded()


def test_limits_can_be_raised(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{n}.txt").write_text(A.replace("40", str(40 + n)))
    run = run_cli(["check", "-q", "--no-cache", ".", "--max-versions", "3"], tmp_path)
    run.one_line_error("FCE116", "4 versions is over the limit of 3")
    run = run_cli(["check", "-q", "--no-cache", ".", "--max-versions", "4", "--fail-on", "never"], tmp_path)
    assert run.code == 0, run.stderr
