"""Markup in a draft that is not article text: shortcodes, tags, images and link targets; and Markdown's
character references, which a reader sees rendered.

A draft pasted from a CMS keeps its markup: WordPress shortcodes (``[caption id="attachment_27781"
align="alignright" width="300"] ... [/caption]``, ``[gallery ids="101,102"]``), inline HTML tags
(``<img src=... />``), Markdown images (``![alt](photo.jpg)``) and link targets (``[the report](https://...)``),
attribute lists (``{#intro .lead}``). ``mask_markup`` blanks them (spaces, one for one, line ends kept)
in the text that is checked, so an attachment id or a photo's width is never read as a figure of the
story; the text a reader reads stays (a link's words, a caption's words between its shortcodes: a page
shows them, so a figure changed in a caption is still found). ``[United Nations Human Rights Council]``
(an editor's insertion, capitalised, no attributes) and ``[sic]`` are article text and stay.

``markdown_references`` decodes ``&#51;``, ``&#x33;`` and ``&amp;`` as Markdown renders them, except
references to line ends and control characters (kept as written, so line numbers hold).
"""

from __future__ import annotations

import html
import re
import unicodedata

# shortcodes of media, blanked even without attributes ("[gallery]", "[embed]")
_MEDIA = ("caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist", "youtube", "vimeo", "tweet",
          "instagram", "iframe", "img", "image", "figure", "photo")
_ATTR = r"""[\w-]+\s*=\s*(?:"[^"\]\n]{0,500}"|'[^'\]\n]{0,500}'|[^\s\]"']{1,200})"""
_SHORTCODE = re.compile(rf"\[/?[a-z][a-z0-9_-]{{0,40}}(?:\s+{_ATTR}){{1,30}}\s*/?\]|\[/[a-z][a-z0-9_-]{{0,40}}\]"
                        rf"|\[(?:{'|'.join(_MEDIA)})\s*/?\]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"\n]{0,1000}\"|'[^'\n]{0,1000}'|"
                  r"[^\s>\"']{1,500}))?){0,40}\s*/?>")
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_LINK_TARGET = re.compile(r"(?<=\])\((?:https?://|/|\.{1,2}/|mailto:|#)[^)\s\n]{0,2000}(?:\s+\"[^\"\n]{0,200}\")?\)")
_ATTR_LIST = re.compile(r"\{[#.:][\w .#:=\"'-]{0,200}\}")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NOT_LINE_END = re.compile(r"[^\n]")


def _blank(m: re.Match[str]) -> str:
    return _NOT_LINE_END.sub(" ", m.group())


def mask_markup(norm: str) -> str:
    """``norm`` with its markup blanked (same length, line ends kept)."""
    if "[" in norm:
        norm = _SHORTCODE.sub(_blank, norm)
        norm = _IMAGE.sub(_blank, norm)
        norm = _LINK_TARGET.sub(_blank, norm)
    if "<" in norm:
        norm = _TAG.sub(_blank, norm)
    if "{" in norm:
        norm = _ATTR_LIST.sub(_blank, norm)
    return norm


def _decoded(m: re.Match[str]) -> str:
    ref = m.group()
    out = html.unescape(ref)
    if out == ref or len(out) != 1 or unicodedata.category(out) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
        return ref   # unknown, several characters, a line end or a control character: kept as written
    return out   # a soft hyphen or a no-break space too: ``text.visible`` then reads it as shown


def markdown_references(text: str) -> str:
    """Markdown's character references decoded as it renders them (``1&#51;`` reads "13")."""
    return _REFERENCE.sub(_decoded, text) if "&" in text else text
