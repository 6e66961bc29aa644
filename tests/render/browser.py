"""Headless Chromium for the HTML report tests: find it, load a page, return its DOM or a screenshot."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium found (install it with: apt-get install -y chromium); browser tests skipped")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    # --proxy-server points at a closed port: any network fetch the page tried would fail
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--hide-scrollbars", f"--user-data-dir={profile}", "--proxy-server=http://127.0.0.1:9",
           "--virtual-time-budget=3000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def dump_dom(page: Path, fragment: str = "") -> str:
    done = _run(["--dump-dom", page.resolve().as_uri() + fragment], page.parent / "chromium-profile")
    assert done.returncode == 0 and "<body" in done.stdout, done.stderr[-2000:]
    return done.stdout


def screenshot(page: Path, out: Path, fragment: str = "", size: str = "1400,1500") -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    done = _run([f"--window-size={size}", f"--screenshot={out}", page.resolve().as_uri() + fragment],
                page.parent / "chromium-profile")
    assert done.returncode == 0 and out.is_file(), done.stderr[-2000:]
    return out


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def all_text(self) -> str:
        return "".join(self.text) + "".join(c.all_text() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, pred) -> list[Node]:  # type: ignore[no-untyped-def]
        out = [self] if pred(self) else []
        for c in self.children:
            out += c.find_all(pred)
        return out


VOID = {"meta", "input", "br", "img", "hr", "link"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag: str) -> None:
        node = self.cur
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data: str) -> None:
        self.cur.text.append(data)


def parse(dom: str) -> Node:
    b = _Builder()
    b.feed(dom)
    return b.root
