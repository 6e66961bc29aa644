"""The HTML report: self-contained, escaped, and checked in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factcheck import check_versions
from factcheck.render import render
from factcheck.report import Report
from tests.conftest import REPO
from tests.render.browser import dump_dom, parse, screenshot

ARTEFACTS = REPO / "build" / "test-artifacts"
EVIL = ('Police said 150 people came. <script>document.body.setAttribute("data-pwned","1")</script>\n\n'
        'The mayor said "><img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')"> today.')


def test_page_is_self_contained(fake_models) -> None:  # type: ignore[no-untyped-def]
    page = render("html", [check_versions({"a.md": "He paid 150 dollars.", "b.md": "He paid 151 dollars."},
                                          models=fake_models)])
    assert page.startswith("<!doctype html>") and "Content-Security-Policy" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page) and "<link" not in page
    assert "@import" not in page and "url(" not in page


def test_article_text_is_escaped(fake_models) -> None:  # type: ignore[no-untyped-def]
    page = render("html", [check_versions({"a.md": EVIL, "b.md": EVIL.replace("150", "151")}, models=fake_models)])
    assert "<script>document" not in page and "<img src=x" not in page
    # the script's tags are markup, never article text (text.markup); what is text is shown escaped
    assert 'document.body.setAttribute(&quot;data-pwned&quot;' in page and "&quot;&gt;&lt;img src=x onerror=" in page


def test_escaping_holds_in_a_real_browser(tmp_path: Path, fake_models) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "evil.html"
    page.write_text(render("html", [check_versions({"a.md": EVIL, "b.md": EVIL.replace("150", "151")},
                                                   models=fake_models)]))
    root = parse(dump_dom(page))
    body = root.find_all(lambda n: n.tag == "body")[0]
    assert body.attrs.get("data-ready") == "1"  # the page's own script ran
    assert "data-pwned" not in body.attrs
    assert not root.find_all(lambda n: n.tag == "img")
    # the script's tags are markup (text.markup); its words, and the attribute injection, show as plain text
    assert 'document.body.setAttribute("data-pwned","1")' in body.all_text()
    assert '"><img src=x onerror="document.body' in body.all_text()


@pytest.mark.model
def test_kerry_page_weight(real_report: Report) -> None:
    assert len(render("html", [real_report]).encode()) < 300 * 1024


@pytest.mark.model
def test_kerry_in_chromium_unhcr_slot_filters_and_screenshot(tmp_path: Path, real_report: Report) -> None:
    page = tmp_path / "report.html"
    page.write_text(render("html", [real_report]))
    root = parse(dump_dom(page))
    rows = root.find_all(lambda n: n.tag == "tr" and "slot" in n.classes())
    gloss = [r for r in rows if "[United Nations Human Rights Council]" in r.all_text()]
    assert len(gloss) == 1 and "worst-error" in gloss[0].classes()
    cells = [c for c in gloss[0].children if c.tag == "td" and c.attrs.get("data-version")]
    assert {c.attrs["data-version"] for c in cells} == {"001_743a431a600bc642.txt", "002_34aa966e328dcec3.txt"}
    assert "UNHCR" in cells[0].all_text() and "UNHCR" in cells[1].all_text()
    found = root.find_all(lambda n: n.attrs.get("data-slot") == gloss[0].attrs["id"])
    errors = found[0].find_all(lambda n: n.attrs.get("data-rule") == "FC201")
    assert errors and errors[0].attrs["data-severity"] == "error" and "UNHRC" in errors[0].all_text()

    ids = {n.attrs["id"] for n in root.find_all(lambda n: "id" in n.attrs)}
    anchors = root.find_all(lambda n: n.tag == "a" and n.attrs.get("href", "").startswith("#"))
    links = [n.attrs["href"][1:] for n in anchors]
    summary = [n for n in anchors if "also" not in (n.parent.attrs.get("class") or "")]
    assert len(summary) == len(real_report.findings)  # one summary item per finding
    assert set(links) <= ids  # every link, "also at slot N" ones included, jumps to a slot

    filtered = parse(dump_dom(page, "#hide=info"))
    info = filtered.find_all(lambda n: n.attrs.get("data-severity") == "info")
    shown = filtered.find_all(lambda n: n.attrs.get("data-severity") in ("error", "warning"))
    assert info and all("hidden" in n.attrs for n in info)
    assert shown and not any("hidden" in n.attrs for n in shown)

    shot = screenshot(page, tmp_path / "report.png", "#hide=info&flagged")
    assert shot.stat().st_size > 50_000  # a blank page is about 6 kB
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTEFACTS / "report.png")
    shutil.copy(page, ARTEFACTS / "report.html")


def test_identical_slots_collapse_and_only_flagged_filter(tmp_path: Path, fake_models) -> None:  # type: ignore[no-untyped-def]
    same = "The council met on Monday.\n\nIt approved the budget."
    page = tmp_path / "r.html"
    page.write_text(render("html", [check_versions({"a.md": same + "\n\nIt cost 5 dollars.",
                                                    "b.md": same + "\n\nIt cost 6 dollars."}, models=fake_models)]))
    root = parse(dump_dom(page, "#flagged"))
    body = root.find_all(lambda n: n.tag == "body")[0]
    assert {"collapse-identical", "only-flagged"} <= body.classes()
    rows = root.find_all(lambda n: n.tag == "tr" and "slot" in n.classes())
    assert sum("identical" in r.classes() for r in rows) == 2
    assert [("unflagged" in r.classes()) for r in rows] == [True, True, False]
