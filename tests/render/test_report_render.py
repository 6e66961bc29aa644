"""Report counts, exit policy and renderers (with fake models); offline run with real models."""

import json
import socket

import pytest

from factcheck import check_versions
from factcheck.render import render
from tests.conftest import KERRY, FixedNLI

A = "The minister said 150 refugees would come. The talks were long."
B = "The minister said 999 refugees would come. The talks were long."


def test_counts_and_exit_policy(fake_models) -> None:  # type: ignore[no-untyped-def]
    fake_models.nli = FixedNLI(lambda a, b: (0.9, 0.05, 0.05))
    report = check_versions({"a": A, "b": B}, models=fake_models)
    assert report.counts()["error"] == 1  # the number check
    assert [report.exit_code(level) for level in ("error", "warning", "info", "never")] == [1, 1, 1, 0]
    assert report.to_dict()["summary"]["by_rule"] == {"FC220": 1}


def test_json_renderer_is_exactly_to_dict(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": A, "b": B}, models=fake_models)
    assert json.loads(render("json", [report])) == json.loads(json.dumps(report.to_dict()))


def test_text_renderer_shows_the_slot_side_by_side(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"wire": A, "web": B}, models=fake_models)
    text = render("text", [report])
    assert "FC220" in text and "wire" in text and "web" in text
    assert "150 refugees" in text and "999 refugees" in text
    assert "1 error," in text and "\x1b[" not in text


def test_markup_in_article_text_is_not_interpreted(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": "He said [bold]yes[/bold] and 150 people came.",
                             "b": "He said [bold]yes[/bold] and 151 people came."}, models=fake_models)
    assert "[bold]yes[/bold]" in render("text", [report])


@pytest.mark.model
def test_no_network_when_models_are_local(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from factcheck.models.loaded import _LOADED

    _LOADED.clear()  # load the models again, with sockets blocked
    report = check_versions([str(KERRY)])
    assert report.stats["nli_pairs"] > 0


def test_info_findings_are_short_unless_verbose_and_show_each_versions_text(fake_models) -> None:  # type: ignore[no-untyped-def]
    from factcheck.render.text import render_text

    report = check_versions({"a": A, "b": A + "\n\nPhoto: Jane Doe/Reuters"}, models=fake_models)
    short, full = render_text(report, False), render_text(report, False, verbose=True)
    assert "1 info finding:" in short and "info    FC110 slot" in short and "╭─ slot" not in short
    assert "b line 3: Photo: Jane Doe/Reuters" in short and "a: (not in this version)" in short
    assert "╭─ slot" in full and "(not in this version)" in full
    assert " - " not in short.split("info finding:")[1]


def test_json_findings_say_what_each_version_has_in_the_slot(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": A, "b": A + "\n\nPhoto: Jane Doe/Reuters"}, models=fake_models)
    d = report.to_dict()
    assert d["schema"] == "factcheck/2"
    (only,) = d["findings"]
    assert only["texts"] == {"a": None, "b": "Photo: Jane Doe/Reuters"}
