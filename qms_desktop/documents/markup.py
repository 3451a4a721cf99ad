"""The templates' markup: restricted Markdown (headings, paragraphs with **bold** and
*italic*, bullet and numbered lists, pipe tables) plus directive lines of their own:

    @@toc            table of contents        @@pagebreak      page break
    @@control        document-control block   @@image logo     the organisation's logo
    @@image chart    the conformity chart (gap report)

Text from the workspace reaches the markup only through `escape()`, applied to every
`{{ }}` output by the sandbox, so it can never become markup.
"""

from __future__ import annotations

import re
import types
import unicodedata
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token

from qms_desktop.documents.model import (
    Block,
    Heading,
    Image,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableOfContents,
)
from qms_desktop.documents.text import is_wide

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~@=^$])")
_DIRECTIVE = re.compile(r"^@@(toc|pagebreak|control|image\s+\w+)\s*$")


LINE_BREAK = "\ue000"  # a line break inside user text; it never ends a paragraph or a table row

# Everything Python's str.splitlines() breaks a line at, beyond "\n": in a user's value a line
# break inside the paragraph or cell (vertical tab is Word's manual line break), the
# information separators a space.
_NEWLINE_LIKE = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SEPARATORS = re.compile("[\x1c-\x1e]")


def lines_only_at_newlines(text: str) -> str:
    """Text whose only line boundary is "\n" (CR LF, CR, VT, FF, NEL, U+2028/9 become one)."""
    return _SEPARATORS.sub(" ", _NEWLINE_LIKE.sub("\n", text))


def escape(text: str) -> str:
    """Make text literal in the markup: every punctuation mark that could mean something is
    backslash-escaped, and its line breaks (of every kind) cannot start a block or end a
    table row."""
    text = lines_only_at_newlines(str(text).replace(LINE_BREAK, ""))
    return _SPECIAL.sub(r"\\\1", text).replace("\n", LINE_BREAK)


class _CjkInlineState(StateInline):
    """Emphasis next to Chinese text: `**顾客与服务水平。**工作日`, `评估**复评**。` and
    `**规范。**Check-in` are bold without the spaces CommonMark would otherwise need (and
    print)."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802, N803
        scanned = super().scanDelims(start, canSplitWord)
        before = self.src[start - 1] if start > 0 else " "
        end = start
        while end < self.posMax and self.src[end] == self.src[start]:
            end += 1
        after = self.src[end] if end < self.posMax else " "
        if not (is_wide(before) or is_wide(after)):
            return scanned
        # as the "CommonMark CJK friendly" amendment has it: a run next to a Chinese
        # character or mark flanks on that side whatever stands on the other
        last_white, next_white = before.isspace(), after.isspace()
        last_punct, next_punct = _ascii_punct(before), _ascii_punct(after)
        wide = is_wide(before) or is_wide(after)
        left = not next_white and (not next_punct or last_white or last_punct or wide)
        right = not last_white and (not last_punct or next_white or next_punct or wide)
        can_open = left and (canSplitWord or not right or last_punct or is_wide(before))
        can_close = right and (canSplitWord or not left or next_punct or is_wide(after))
        return Scanned(can_open, can_close, scanned.length)


def _ascii_punct(ch: str) -> bool:
    return ch in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" or unicodedata.category(ch).startswith("P")


def _parse_inline(
    self: Any, src: str, md: MarkdownIt, env: Any, tokens: list[Token]
) -> list[Token]:
    """ParserInline.parse with the state above."""
    state = _CjkInlineState(src, md, env, tokens)
    self.tokenize(state)
    for rule in self.ruler2.getRules(""):
        rule(state)
    return state.tokens


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.inline.parse = types.MethodType(_parse_inline, md.inline)  # type: ignore[method-assign]
    md.enable("table")
    md.disable(
        [
            "image",
            "link",
            "autolink",
            "html_inline",
            "html_block",
            "code",
            "fence",
            "reference",
            "lheading",
            "blockquote",
            "hr",
            "backticks",
            "entity",
        ],
        ignoreInvalid=True,
    )
    return md


_MD = _parser()


def _runs(inline: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    for child in inline.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            runs.append(Run(child.content.replace(LINE_BREAK, "\n"), bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run("\n", bold, italic))
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def _markdown_blocks(text: str) -> list[Block]:
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            level = min(int(tok.tag[1]), 3)
            blocks.append(Heading(level, _runs(tokens[i + 1])))
            i += 3
            continue
        if tok.type == "paragraph_open":
            blocks.append(Paragraph(_runs(tokens[i + 1])))
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            ordered = tok.type == "ordered_list_open"
            items: list[tuple[Run, ...]] = []
            depth = 0
            j = i
            while j < len(tokens):
                t = tokens[j]
                if t.type in ("bullet_list_open", "ordered_list_open"):
                    depth += 1
                elif t.type in ("bullet_list_close", "ordered_list_close"):
                    depth -= 1
                    if depth == 0:
                        break
                elif t.type == "inline":
                    items.append(_runs(t))
                j += 1
            blocks.append(ListBlock(ordered, tuple(items)))
            i = j + 1
            continue
        if tok.type == "table_open":
            header: list[tuple[Run, ...]] = []
            rows: list[list[tuple[Run, ...]]] = []
            in_head = False
            j = i
            while tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "thead_open":
                    in_head = True
                elif t.type == "thead_close":
                    in_head = False
                elif t.type == "tr_open" and not in_head:
                    rows.append([])
                elif t.type == "inline":
                    (header if in_head else rows[-1]).append(_runs(t))
                j += 1
            blocks.append(Table(tuple(header), tuple(tuple(r) for r in rows)))
            i = j + 1
            continue
        i += 1
    return blocks


_HEADING_LINE = re.compile(r"^#{1,6}(?:[ \t]|$)")


def parse(
    text: str,
    images: Callable[[str], Image | None] | None = None,
    control: Callable[[], Block | None] | None = None,
    check: Callable[[], None] | None = None,
) -> list[Block]:
    """Turn rendered markup into document blocks. The Markdown is parsed a section at a time
    (a heading at the start of a line ends every block before it, so the result is the
    same), calling `check()` between sections: a deadline or Cancel can stop a huge document."""
    blocks: list[Block] = []
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            if check is not None:
                check()
            blocks.extend(_markdown_blocks("\n".join(chunk)))
            chunk.clear()

    for line in lines_only_at_newlines(text).split("\n"):
        m = _DIRECTIVE.match(line.strip())
        if not m:
            if len(chunk) > 100 and _HEADING_LINE.match(line):
                flush()
            chunk.append(line)
            continue
        flush()
        word = m.group(1)
        if word == "toc":
            blocks.append(TableOfContents())
        elif word == "pagebreak":
            blocks.append(PageBreak())
        elif word == "control":
            block = control() if control else None
            if block is not None:
                blocks.append(block)
        else:
            image = images(word.split()[1]) if images else None
            if image is not None:
                blocks.append(image)
    flush()
    return blocks
