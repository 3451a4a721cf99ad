"""The document model both writers draw: blocks of headings, paragraphs, lists, tables,
images, page breaks, a table of contents and the document-control block."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from qms_desktop.documents.sketch import Sketch

# A picture: its bytes (PNG or JPEG: the workspace's logo) or a chart the app drew (a PNG in
# the DOCX, vectors in the PDF)
Picture = bytes | Sketch


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    level: int  # 1..3
    runs: tuple[Run, ...]
    number: str = ""  # "1", "1.2", "1.2.3": printed by the PDF writer, list numbering in DOCX

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def label(self) -> str:
        """The heading as the contents and the outline show it: number and text."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]


@dataclass(frozen=True)
class Image:
    """A picture by its bytes (the workspace's logo) or a chart the app drew: never a file
    name, so nothing in a template or a user's text can make a writer read a file."""

    data: Picture
    width_cm: float = 4.0

    def __post_init__(self) -> None:
        if not isinstance(self.data, (bytes, Sketch)):
            raise TypeError("Image.data must be the picture's bytes, not a file name")

    def picture_bytes(self) -> bytes:
        """The picture as PNG or JPEG bytes (a chart painted)."""
        return self.data.png() if isinstance(self.data, Sketch) else self.data


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableOfContents:
    pass


@dataclass(frozen=True)
class ControlBlock:
    """The document-control block: number, revision, status, people, dates, history."""

    fields: tuple[tuple[str, str], ...]  # (label, value)
    history_header: tuple[str, ...]
    history: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | ListBlock | Table | Image | PageBreak | TableOfContents | ControlBlock


@dataclass(frozen=True)
class Document:
    title: str
    number: str
    revision: str
    organisation: str
    lang: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    logo: bytes | None = None  # the picture's bytes; anything else is ignored by the writers
    page_label: str = "Page {page} of {pages}"  # the footer, in the document's language
    toc_title: str = "Contents"
    author: str = ""  # who prepared it (the control block's "Prepared by")
    subject: str = ""
    keywords: tuple[str, ...] = ()
    page_size: str = "A4"  # a key of PAGE_SIZES
    landscape: bool = False  # the page turned sideways (a template.yaml's orientation)
    margin_cm: float = 2.0
    created: datetime | None = None  # when it was made (now, if not given)


PAGE_SIZES = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94), "A5": (14.8, 21.0)}  # cm


def page_size_cm(name: str, landscape: bool = False) -> tuple[float, float]:
    """Width and height of the named page size (A4 for an unknown name), sideways when
    `landscape`."""
    width, height = PAGE_SIZES.get(name, PAGE_SIZES["A4"])
    return (height, width) if landscape else (width, height)
