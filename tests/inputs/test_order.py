"""The versions' order in time: by name (a folder), as given (files), by modification time or a list;
what a report says about it; and that the rules with a direction read the versions in that order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.errors import ConfigError, InputError
from factcheck.inputs.order import OrderSpec, names_show_order, parse_order
from factcheck.inputs.versions import load_versions, read_story


def _story(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names):
        (folder / name).write_text(f"Version {n}: the council met on Tuesday.\n")
    return [folder / name for name in names]


def test_a_folder_is_read_in_name_order_with_numbers_as_numbers(tmp_path: Path) -> None:
    _story(tmp_path, "v10.txt", "v2.txt", "v1.txt")
    story = read_story([tmp_path])
    assert [v.id for v in story.versions] == ["v1.txt", "v2.txt", "v10.txt"]
    assert [v.order for v in story.versions] == [0, 1, 2]
    assert story.order.by == "name" and not story.order.assumed   # the names show an order


def test_names_that_show_no_order_are_an_assumption_the_report_states(tmp_path: Path) -> None:
    _story(tmp_path, "wire.txt", "web.txt", "update.txt")
    story = read_story([tmp_path])
    assert [v.id for v in story.versions] == ["update.txt", "web.txt", "wire.txt"]
    assert story.order.assumed and story.order.by == "name"
    line = story.order.line()
    assert line == ("versions taken in name order: update.txt, web.txt, wire.txt; the names show no order: "
                    "give the files in order or set --order")
    assert story.order.to_dict() == {"by": "name", "versions": ["update.txt", "web.txt", "wire.txt"],
                                     "assumed": True}


def test_files_named_keep_the_order_given(tmp_path: Path) -> None:
    files = _story(tmp_path, "wire.txt", "web.txt", "update.txt")
    story = read_story(files)
    assert [v.id for v in story.versions] == ["wire.txt", "web.txt", "update.txt"]
    assert [v.order for v in story.versions] == [0, 1, 2]
    assert story.order.by == "given" and not story.order.assumed
    assert story.order.line() == "versions in the order given: wire.txt, web.txt, update.txt"
    # sorted as the rules with a direction sort them: the order given, not the names
    assert sorted(reversed(story.versions), key=lambda v: v.sort_key) == story.versions


def test_files_given_in_name_order_by_a_wildcard_are_stated_as_an_assumption(tmp_path: Path) -> None:
    files = _story(tmp_path, "update.txt", "web.txt", "wire.txt")   # what `*.txt` expands to
    story = read_story(files)
    assert story.order.by == "given" and story.order.assumed
    assert "the names show no order" in story.order.line()


def test_order_by_modification_time(tmp_path: Path) -> None:
    files = _story(tmp_path, "a.txt", "b.txt", "c.txt")
    for n, f in enumerate(files):
        os.utime(f, (1_700_000_000 + 100 * (2 - n),) * 2)   # c oldest, a newest
    story = read_story([tmp_path], order=parse_order("mtime"))
    assert [v.id for v in story.versions] == ["c.txt", "b.txt", "a.txt"]
    assert story.order.by == "mtime" and not story.order.assumed
    assert story.order.line() == "versions in modification-time order, oldest first: c.txt, b.txt, a.txt"


def test_order_by_a_list(tmp_path: Path) -> None:
    _story(tmp_path, "wire.txt", "web.txt", "update.txt")
    story = read_story([tmp_path], order=parse_order("wire.txt, web.txt,update.txt"))
    assert [v.id for v in story.versions] == ["wire.txt", "web.txt", "update.txt"]
    assert story.order.by == "list" and not story.order.assumed
    # an explicit name order is not an assumption
    assert not read_story([tmp_path], order=parse_order("name")).order.assumed
    # a list may name the files by their stem, or by their path
    stems = read_story([tmp_path], order=parse_order(["wire", str(tmp_path / "web.txt"), "update.txt"]))
    assert [v.id for v in stems.versions] == ["wire.txt", "web.txt", "update.txt"]


@pytest.mark.parametrize(("listed", "words"), [
    ("wire.txt,web.txt", ["update.txt", "not in --order"]),
    ("wire.txt,web.txt,update.txt,print.txt", ["print.txt", "no version"]),
    ("wire.txt,wire.txt,web.txt,update.txt", ["wire.txt", "twice"]),
])
def test_a_list_that_does_not_fit_the_versions_is_an_input_error(tmp_path: Path, listed: str,
                                                                  words: list[str]) -> None:
    _story(tmp_path, "wire.txt", "web.txt", "update.txt")
    with pytest.raises(InputError) as caught:
        read_story([tmp_path], order=parse_order(listed))
    assert caught.value.code == "FCE123" and all(w in caught.value.one_line() for w in words)


@pytest.mark.parametrize("value", ["", "  ", "age", ["a.txt"], 3, ["a.txt", 2]])
def test_a_bad_order_is_refused_with_the_valid_ones(value: object) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_order(value, "factcheck.toml")
    assert caught.value.code == "FCE204" and "name, given, mtime" in caught.value.one_line()


def test_the_names_show_an_order_when_each_holds_a_number_or_a_date() -> None:
    assert names_show_order(["v1.txt", "v2.txt"])
    assert names_show_order(["2026-12-01-wire.md", "2026-12-02-web.md"])
    assert names_show_order(["01_wire.txt", "02_web.txt"])
    assert not names_show_order(["wire.txt", "web.txt", "update.txt"])
    assert not names_show_order(["wire.txt", "web2.txt"])


def test_a_mapping_is_in_name_order_unless_asked_otherwise() -> None:
    story = read_story({"wire": "A said so.", "web": "B said so."})
    assert [v.id for v in story.versions] == ["wire", "web"] and [v.order for v in story.versions] == [1, 0]
    assert story.order.versions == ("web", "wire")
    assert story.order.by == "name" and not story.order.assumed   # a name order asked for
    given = read_story({"wire": "A said so.", "web": "B said so."}, order=parse_order("given"))
    assert [v.order for v in given.versions] == [0, 1] and given.order.by == "given"


def test_the_only_version_error_names_the_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One version.")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError) as caught:
        load_versions([tmp_path])
    line = caught.value.one_line()
    assert caught.value.code == "FCE107" and "b.pdf" in line and "skipped" in line


def test_settings_take_an_order(tmp_path: Path) -> None:
    from factcheck.settings import load_settings

    (tmp_path / "factcheck.toml").write_text('order = ["wire.txt", "web.txt", "update.txt"]\n')
    assert load_settings(tmp_path / "factcheck.toml").order == OrderSpec("list", ("wire.txt", "web.txt", "update.txt"))
    (tmp_path / "factcheck.toml").write_text('order = "mtime"\n')
    assert load_settings(tmp_path / "factcheck.toml").order == OrderSpec("mtime")
    (tmp_path / "factcheck.toml").write_text('order = "oldest"\n')
    with pytest.raises(ConfigError, match=r"'oldest' is not an order"):
        load_settings(tmp_path / "factcheck.toml")
