"""Fuzzing the library loaders: random bytes, good files mutated at random (bytes
flipped, cut, repeated, hostile tokens spliced in) and good trees with any value swapped
for a random one must give a library or a LibraryError that renders in both languages —
never any other exception."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qms_desktop.domain import messages
from qms_desktop.domain.requirements import LibraryCopy
from qms_desktop.libraries import LibraryError, import_oscal_catalog, load_any, load_library
from qms_desktop.paths import LIBRARIES

YAML_SEED = b"""\
format: qms-desktop-library/1
id: mini
name: {en: Mini, zh_CN: "\xe8\xbf\xb7\xe4\xbd\xa0"}
version: "1"
languages: [en, zh_CN]
sections:
  - ref: "1"
    title: {en: One}
    guidance: Look
    tags: [a, b]
    requirements:
      - ref: "1.2"
        title: {en: One two}
    sections:
      - ref: "1.1"
        title: One one
        requirements:
          - {ref: "1.1.1", title: "Deep"}
"""

JSON_SEED = json.dumps(
    {
        "catalog": {
            "uuid": "5a1b0e0c-0000-4000-8000-000000000001",
            "metadata": {"title": "Tiny", "version": "1.0"},
            "groups": [
                {
                    "id": "ac",
                    "title": "Access Control",
                    "props": [{"name": "label", "value": "AC"}],
                    "controls": [
                        {
                            "id": "ac-1",
                            "title": "Policy",
                            "class": "SP",
                            "parts": [
                                {
                                    "id": "s",
                                    "name": "statement",
                                    "prose": "Do {{ insert: param, p1 }}.",
                                    "parts": [{"id": "a", "name": "item", "prose": "a"}],
                                }
                            ],
                            "controls": [{"id": "ac-1.1", "title": "Enh"}],
                        }
                    ],
                    "groups": [
                        {"id": "sub", "title": "Sub", "controls": [{"id": "x-1", "title": "X"}]}
                    ],
                }
            ],
            "controls": [{"id": "top", "title": "Top"}],
        }
    }
).encode()

TOKENS = [
    b"&a ",
    b"*a",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\n  - ",
    b": ",
    b'"',
    b"'",
    b"\\ud800",
    b'"\\udfff"',
    b"9" * 5000,
    b"\xc2\xb2",
    b"\xff",
    b"\x00",
    b"\xef\xbb\xbf",
    b"!!python/object/apply:os.system ",
    b"!!binary ",
    b"? ",
    b"%YAML 1.1\n---\n",
    b"\t",
    b"\r",
    b"1e999",
    b"-0",
    b"null",
    b"[" * 200,
    b'{"catalog":' * 60,
    b"<<: ",
    b"~",
]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "token", "bytes", "cut", "repeat"]))
        if op == "flip" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        elif op == "bytes":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "cut":
            del data[pos : pos + draw(st.integers(1, 64))]
        elif op == "repeat":
            chunk = data[pos : pos + draw(st.integers(1, 64))]
            data[pos:pos] = chunk * draw(st.integers(1, 50))
    return bytes(data)


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "1.\u00b2",
            "\u0663",
            "9" * 5000,
            "1." + "9" * 4400,
            "",
            " ",
            "\ud800",
            "{{ insert: param, x }}",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def tree_mutated(draw: st.DrawFn, seed: object, dump: Callable[[object], bytes]) -> bytes:
    """The seed's tree with a few values (anywhere) replaced by random ones."""
    tree = json.loads(json.dumps(seed))
    for _ in range(draw(st.integers(1, 3))):
        node = tree
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, dict | list) and child and draw(st.booleans()):
                node = child
                continue
            node[key] = draw(VALUES)
            break
    return dump(tree)


def _yaml_dump(tree: object) -> bytes:
    return yaml.safe_dump(tree, allow_unicode=True).encode("utf-8", "surrogatepass")


def _json_dump(tree: object) -> bytes:
    return json.dumps(tree).encode()


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="qms-fuzz-") as folder:
        yield Path(folder)


def only_library_errors(load: Callable[[Path], LibraryCopy], path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        lib = load(path)
    except LibraryError as exc:
        assert exc.code in messages.table(), exc.code
        exc.text("zh_CN")
        return
    assert lib.rows and lib.id


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=600),
        mutated(YAML_SEED),
        mutated((LIBRARIES / "service-commitment.yaml").read_bytes()),
        tree_mutated(yaml.safe_load(YAML_SEED), _yaml_dump),
    )
)
def test_yaml_loader_meets_random_bytes_with_library_errors_only(scratch: Path, data: bytes):
    only_library_errors(load_library, scratch / "fuzz.yaml", data)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=600), mutated(JSON_SEED), tree_mutated(json.loads(JSON_SEED), _json_dump)
    )
)
def test_oscal_loader_meets_random_bytes_with_library_errors_only(scratch: Path, data: bytes):
    only_library_errors(import_oscal_catalog, scratch / "fuzz.json", data)
    only_library_errors(load_any, scratch / "fuzz.any", data)
