"""The text of a Word .docx file, read without trusting it.

Before anything is inflated, the sizes the archive declares are added up: more than
``DOCX_INFLATE`` times ``--max-bytes`` in all, or a compression ratio above ``DOCX_RATIO`` to 1,
is refused (zipfile stops each member at its declared size, so the sizes cannot lie). Only the
main document part is read, streamed through lxml without entities, DTDs or the network, and
cleared as it goes; images and other parts are never inflated. The text is the body's paragraphs,
then the cells of its tables (each cell once, even when it spans columns), as python-docx gives them.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import IO, Any

from factcheck.errors import InputError
from factcheck.inputs.limits import Limits, Paragraphs

DOCX_INFLATE = 20      # the parts may add up to this many times --max-bytes
DOCX_RATIO = 100       # nor inflate more than this many times the file's size...
RATIO_FLOOR = 1 << 20  # ...once they add up to more than a megabyte
MAIN_PART = "word/document.xml"
_REL_TYPE = "/officeDocument"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TC, _TR, _BODY = f"{W}p", f"{W}tc", f"{W}tr", f"{W}body"
_RUN_PARTS = {f"{W}t", f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"}
_HINT = "open it in Word and save it again, or export it as text"


def _refuse(name: str, what: str, hint: str = _HINT) -> InputError:
    return InputError(f"{name}: is not a readable .docx file ({what})", hint, "FCE108")


def check_sizes(archive: zipfile.ZipFile, size: int, name: str, max_bytes: int) -> None:
    """Refuse an archive whose parts inflate past DOCX_INFLATE x max_bytes or DOCX_RATIO x its size."""
    total = sum(info.file_size for info in archive.infolist())
    cap = DOCX_INFLATE * max_bytes
    if total > cap:
        raise _refuse(name, f"its parts inflate to {total:,} bytes, over the limit of {cap:,} "
                      f"({DOCX_INFLATE} x --max-bytes)", "raise --max-bytes if the document is genuine")
    if total > RATIO_FLOOR and total > DOCX_RATIO * size:
        raise _refuse(name, f"{size:,} bytes inflate to {total:,}, more than {DOCX_RATIO} to 1: a decompression "
                      "bomb?")


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part named by the package's relationships (word/document.xml as a rule)."""
    from lxml import etree

    try:
        info = archive.getinfo("_rels/.rels")
    except KeyError:
        return MAIN_PART
    with archive.open(info) as stream:
        for _, rel in etree.iterparse(stream, events=("end",), tag="{*}Relationship", resolve_entities=False,
                                      no_network=True, load_dtd=False):
            if str(rel.get("Type", "")).endswith(_REL_TYPE) and rel.get("Target"):
                return str(rel.get("Target")).lstrip("/")
    return MAIN_PART


def _run_text(run: Any) -> str:
    out = []
    for e in run:
        tag = e.tag
        if tag not in _RUN_PARTS:
            continue
        if tag == f"{W}t":
            out.append(e.text or "")
        elif tag == f"{W}br":
            out.append("\n" if e.get(f"{W}type", "textWrapping") == "textWrapping" else "")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n" if tag == f"{W}cr" else "\t")
    return "".join(out)


def paragraph_text(p: Any) -> str:
    """A paragraph's text as python-docx gives it: its runs and its hyperlinks' runs."""
    parts = []
    for child in p:
        if child.tag == f"{W}r":
            parts.append(_run_text(child))
        elif child.tag == f"{W}hyperlink":
            parts.extend(_run_text(r) for r in child if r.tag == f"{W}r")
    return "".join(parts)


def _stream_text(stream: IO[bytes], name: str, limits: Limits) -> str:
    from lxml import etree

    body, cells = Paragraphs(name, limits), Paragraphs(name, limits)
    for _, el in etree.iterparse(stream, events=("end",), tag=(_P, _TC, _TR), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False, remove_comments=True):
        parent = el.getparent()
        if el.tag == _P and parent is not None:
            if parent.tag == _BODY:
                body.add(paragraph_text(el).strip())
            elif parent.tag == _TC:
                table = parent.getparent()
                table = table.getparent() if table is not None else None
                if table is not None and table.getparent() is not None and table.getparent().tag == _BODY:
                    cells.add(paragraph_text(el).strip())
        el.clear()
        if parent is not None:  # what came before in the same parent is done with
            while el.getprevious() is not None:
                del parent[0]
        if body.chars + cells.chars > limits.chars:
            raise limits.chars_error(name)
        if len(body.items) + len(cells.items) > limits.sentences:
            raise limits.sentences_error(name)
    return "\n\n".join(body.items + cells.items)


def docx_text(data: bytes, name: str, max_bytes: int, limits: Limits | None = None) -> str:
    """Paragraphs of a Word document, tables' cells after them, one paragraph each."""
    from lxml import etree

    limits = limits or Limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_sizes(archive, len(data), name, max_bytes)
        part = _main_part(archive)
        with archive.open(part) as stream:
            return _stream_text(stream, name, limits)
    except KeyError as exc:
        raise _refuse(name, "no main document part") from exc
    except etree.XMLSyntaxError as exc:
        raise _refuse(name, f"bad XML: {str(exc).splitlines()[0][:120] if str(exc) else 'unreadable'}") from exc
    except NotImplementedError as exc:
        raise _refuse(name, "an unsupported compression method") from exc
    except RuntimeError as exc:
        raise _refuse(name, "encrypted") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise _refuse(name, exc.__class__.__name__) from exc
