"""The sandbox templates run in. Jinja's `ImmutableSandboxedEnvironment` keeps Python's
internals out of reach and data unchanged; this adds the bounds it does not set: the time a
template runs, the text it writes, the size of every value it builds (repetition, joining,
padding, formatting), the size of its numbers, and which files it may include."""

from __future__ import annotations

import contextvars
import functools
import inspect
import re
import string
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from jinja2 import BytecodeCache, FunctionLoader, StrictUndefined, TemplateSyntaxError, nodes
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

from qms_desktop.documents.errors import DocumentError, TemplateError
from qms_desktop.documents.markup import escape
from qms_desktop.domain.messages import Message

MAX_MARKUP = 20 * 1024 * 1024  # characters one template run may write
MAX_VALUE = MAX_MARKUP  # characters (or items) in any one value a template builds
MAX_BUILT = 5 * MAX_MARKUP  # characters all the values a template builds add up to
MAX_INT_BITS = 100_000  # an integer a template computes (about 30 000 decimal digits)
MAX_SOURCE = 1024 * 1024  # bytes of one template file
_INCLUDABLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.j2$")


class Trusted(str):
    """Markup built by the application itself (never user text): passes the escaping."""


class Refused(SecurityError):
    """The template asked for more than the sandbox gives; becomes a TemplateError naming the
    template, its line and this code's sentence."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class _IncludeRefused(TemplateSyntaxError):
    """An include, import or extends the sandbox refuses, found when the template is compiled."""

    def __init__(
        self,
        code: str,
        lineno: int,
        name: str | None,
        filename: str | None,
        params: dict[str, object] | None = None,
    ) -> None:
        super().__init__(code, lineno, name, filename)
        self.code = code
        self.params = params or {}


class _Stopped(BaseException):
    """Raised into the template's frames when time is up or the user cancelled (a
    BaseException, so no `except Exception` inside Jinja or the template can swallow it)."""

    def __init__(self, cancelled: bool) -> None:
        super().__init__()
        self.cancelled = cancelled


# -- sizes ----------------------------------------------------------------------------------------


def weight(value: Any, budget: int = MAX_VALUE) -> int:
    """About how many characters `value` becomes as text (strings by length, sequences and
    mappings by their items); counting stops once it passes `budget`."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple | dict | set | frozenset):
        total = len(value)
        items = value.items() if isinstance(value, dict) else value
        for item in items:
            if total > budget:
                break
            total += weight(item, budget - total)
        return total
    return 1


class _Budget:
    """What one template run has built so far, in characters."""

    def __init__(self) -> None:
        self.built = 0


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "template_budget", default=None
)


def _limit(size: int, limit: int = MAX_VALUE) -> None:
    """Refuse building a value of `size` characters or items; count it towards the run's budget."""
    if size > limit:
        raise Refused("documents.value_too_large", size=size, limit=limit)
    budget = _budget.get()
    if budget is not None:
        budget.built += size
        if budget.built > MAX_BUILT:
            raise Refused("documents.too_much_built", limit_mb=MAX_BUILT // 1048576)


def _limit_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise Refused("documents.number_too_large", digits=MAX_INT_BITS * 3 // 10)


def _int_arg(value: Any) -> int:
    return value if isinstance(value, int) else 0


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?[a-zA-Z%]")


def _percent_widths(fmt: str) -> int:
    """The widths and precisions a %-format asks for; one taken from a value ('%*d') is refused."""
    total = 0
    for match in _PERCENT.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise Refused("documents.dynamic_width")
            if group:
                total += int(group) if len(group) < 10 else MAX_VALUE + 1
    return total


def _brace_widths(fmt: str) -> int:
    """The widths a str.format pattern asks for; one taken from a value ('{:{}}') is refused."""
    total = 0
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return 0  # the real call reports the malformed pattern
    for _literal, _field, spec, _conversion in fields:
        if spec:
            if "{" in spec:
                raise Refused("documents.dynamic_width")
            total += sum(int(d) if len(d) < 10 else MAX_VALUE + 1 for d in re.findall(r"\d+", spec))
    return total


def _check_replace(s: Any, old: Any, new: Any, count: Any = None) -> None:
    if isinstance(s, str) and isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        hits = s.count(old) if old else len(s) + 1
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        _limit(len(s) + hits * (len(new) - len(old)))


def _check_join(separator: Any, items: list[Any] | tuple[Any, ...] | str) -> None:
    sep = len(separator) if isinstance(separator, str) else 0
    _limit(weight(items) + sep * max(0, len(items) - 1))


def _check_str_method(
    owner: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Refuse a str method call whose result would be too large; returns the arguments to use
    (an iterable to join is read once, here)."""
    first = args[0] if args else None
    if name in ("format", "format_map"):
        _limit(len(owner) + _brace_widths(owner) + weight((args, kwargs)))
    elif name in ("center", "ljust", "rjust", "zfill"):
        _limit(_int_arg(first))
    elif name == "expandtabs":
        _limit(
            len(owner) + owner.count("\t") * _int_arg(first if args else kwargs.get("tabsize", 8))
        )
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
    elif name == "join" and args:
        items = list(args[0])
        _check_join(owner, items)
        return (items, *args[1:])
    elif name == "translate" and isinstance(first, dict):
        longest = max((len(v) if isinstance(v, str) else 1 for v in first.values()), default=1)
        _limit(len(owner) * longest)
    return args


# -- checked filters ----------------------------------------------------------------------------


def _filter_checks() -> dict[str, Callable[[dict[str, Any]], None]]:
    def center(a: dict[str, Any]) -> None:
        _limit(_int_arg(a.get("width", 80)))

    def indent(a: dict[str, Any]) -> None:
        s, width = str(a.get("s", "")), a.get("width", 4)
        amount = len(width) if isinstance(width, str) else _int_arg(width)
        _limit(len(s) + (s.count("\n") + 1) * amount)

    def wordwrap(a: dict[str, Any]) -> None:
        s, width = str(a.get("s", "")), max(1, _int_arg(a.get("width", 79)))
        wrap = a.get("wrapstring") or "\n"
        _limit(len(s) + (len(s) // width + s.count("\n") + 1) * len(str(wrap)))

    def replace(a: dict[str, Any]) -> None:
        _check_replace(str(a.get("s", "")), a.get("old"), a.get("new"), a.get("count"))

    def join(a: dict[str, Any]) -> None:
        value, separator = a.get("value"), a.get("d", "")
        items = value if isinstance(value, list | tuple | str) else []
        if a.get("attribute") is None:
            _check_join(separator, items)
        else:  # the items' attribute is joined, not the items: the separators are what can grow
            _limit(len(separator if isinstance(separator, str) else "") * max(0, len(items) - 1))

    def format_(a: dict[str, Any]) -> None:
        value = str(a.get("value", ""))
        _limit(len(value) + _percent_widths(value) + weight((a.get("args"), a.get("kwargs"))))

    def count_arg(name: str) -> Callable[[dict[str, Any]], None]:
        return lambda a: _limit(_int_arg(a.get(name)))

    def tojson(a: dict[str, Any]) -> None:
        _limit((weight(a.get("value")) + 1) * (_int_arg(a.get("indent")) + 1))

    def urlize(a: dict[str, Any]) -> None:
        if sum(len(str(a.get(key) or "")) for key in ("target", "rel")) > 1000:
            raise Refused("documents.value_too_large", size=MAX_VALUE + 1, limit=MAX_VALUE)

    return {
        "center": center,
        "indent": indent,
        "wordwrap": wordwrap,
        "replace": replace,
        "join": join,
        "format": format_,
        "batch": count_arg("linecount"),
        "slice": count_arg("slices"),
        "tojson": tojson,
        "urlize": urlize,
    }


_FILTER_CHECKS = _filter_checks()


def _checked_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    check = _FILTER_CHECKS.get(name)
    signature = inspect.signature(func) if check else None
    passed = (
        getattr(func, "jinja_pass_arg", None) is not None
    )  # a context or environment comes first
    # Jinja's async-capable filters pass a context their wrapped function's signature lacks.
    skip = (
        1
        if passed
        and signature is not None
        and next(iter(signature.parameters), "")
        not in ("eval_ctx", "context", "environment", "env")
        else 0
    )

    @functools.wraps(func)  # keeps Jinja's pass_context / pass_eval_context marker
    def run(*args: Any, **kwargs: Any) -> Any:
        if check is not None and signature is not None:
            value = int(passed)
            if (
                name == "join"
                and len(args) > value
                and not isinstance(args[value], list | tuple | str)
            ):
                args = (
                    *args[:value],
                    list(args[value]),
                    *args[value + 1 :],
                )  # read once, to measure it
            try:
                bound = signature.bind(*args[skip:], **kwargs)
            except TypeError:
                bound = None  # the real call reports the wrong arguments
            if bound is not None:
                bound.apply_defaults()
                check(dict(bound.arguments))
        result = func(*args, **kwargs)
        if isinstance(result, str):
            _limit(len(result))
        return result

    return run


def _checked_range(*args: Any) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise Refused("documents.range_too_large", size=len(numbers), limit=MAX_RANGE)
    return numbers


def _checked_join(pieces: Iterable[Any]) -> str:
    """What Jinja joins a block's output with (`{% set x %}…{% endset %}`, macros, filter
    blocks): refused when the result would be too large."""
    parts = list(pieces)
    _limit(sum(len(p) if isinstance(p, str) else 1 for p in parts))
    return "".join(parts)


def checked_concat(parts: tuple[Any, ...]) -> str:
    """`a ~ b ~ c`, refused when the result would be too large."""
    _limit(sum(weight(p) for p in parts))
    return "".join(map(str, parts))


class _CodeGenerator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's name
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _finalize(value: Any) -> str:
    if isinstance(value, Trusted):
        return str(value)
    if value is None:
        return ""
    return escape(str(value))


def _pct(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the session, keyed by file and checked against the
    source's checksum: compiling costs more than running (the quality manual: 13 ms of 16).
    Only code that compiled, include checks and all, is kept."""

    SIZE = 64

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        with self.lock:
            data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        with self.lock:
            if len(self.store) >= self.SIZE:
                self.store.pop(next(iter(self.store)))
            self.store[bucket.key] = data


_COMPILED = _CompiledTemplates()


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """One template folder's sandbox: includes only of its own files, checked operators,
    filters and method calls."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})
    code_generator_class = _CodeGenerator

    def __init__(self, folder: Path) -> None:
        super().__init__(
            loader=FunctionLoader(self._load),
            undefined=StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_COMPILED,
        )
        self.folder = Path(folder)
        self.filters["pct"] = _pct
        self.filters = {name: _checked_filter(name, f) for name, f in self.filters.items()}
        self.globals["range"] = _checked_range
        self.globals[TICK] = _tick
        self.globals.pop("lipsum", None)  # placeholder text has no place in a document
        self.checked_concat = checked_concat
        self.concat = _checked_join  # type: ignore[assignment]

    def _load(self, name: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder / name
        if not path.is_file():  # a pipe or a device would never end
            raise TemplateError("documents.not_a_file", path=path)
        try:
            if path.stat().st_size > MAX_SOURCE:
                raise TemplateError(
                    "documents.template_too_large", path=path, limit_kb=MAX_SOURCE // 1024
                )
            return path.read_text(encoding="utf-8"), str(path), lambda: True
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(
                "documents.template_unreadable", path=path, reason=str(exc)
            ) from exc

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            target = getattr(node, "template", None)
            if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
                raise _IncludeRefused("documents.include_dynamic", node.lineno, name, filename)
            wanted = target.value
            if wanted == name:
                raise _IncludeRefused(
                    "documents.include_self", node.lineno, name, filename, {"name": wanted}
                )
            if not _INCLUDABLE.match(wanted) or not (self.folder / wanted).is_file():
                raise _IncludeRefused(
                    "documents.include_missing", node.lineno, name, filename, {"name": wanted}
                )
        for node in tree.find_all((nodes.For, nodes.Macro, nodes.CallBlock)):
            # every loop turn and macro call checks the time limit and Cancel (see _Watch)
            tick = nodes.ExprStmt(
                nodes.Call(nodes.Name(TICK, "load"), [], [], None, None), lineno=node.lineno
            )
            cast(Any, node).body.insert(0, tick)
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                _limit_bits(left.bit_length() + right.bit_length())
            elif isinstance(left, str | list | tuple) and isinstance(right, int):
                _limit(weight(left) * max(0, right))
            elif isinstance(right, str | list | tuple) and isinstance(left, int):
                _limit(weight(right) * max(0, left))
        elif operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                _limit(weight(left) + weight(right))
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                _limit_bits(left.bit_length() * right)
        elif operator == "%" and isinstance(left, str):
            _limit(len(left) + _percent_widths(left) + weight(right))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's
        target = getattr(__obj, "__wrapped__", __obj)  # str.format arrives wrapped by the sandbox
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            args = _check_str_method(owner, getattr(target, "__name__", ""), args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str):
            _limit(len(result))
        return result


# -- running a template ----------------------------------------------------------------------------


def _where(template_id: str, file: str, line: int | None) -> Message:
    if line:
        return Message(
            "documents.where_line", {"template": template_id, "file": file, "line": line}
        )
    return Message("documents.where", {"template": template_id, "file": file})


def _error_place(exc: BaseException, folder: Path, default: str) -> tuple[str, int | None]:
    """The template file and line where `exc` happened (Jinja rewrites tracebacks to them)."""
    place: tuple[str, int | None] = (default, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.parent == folder and path.name.endswith(".j2"):
            place = (path.name, frame.lineno)
    return place


class _Watch:
    """The time limit and the user's Cancel, checked at every loop turn and macro call of the
    template (the only constructs that repeat; everything else is bounded by the size caps):
    `_parse` puts a call to `_qms_tick()` at the start of every loop body and macro. A tracer
    on every line (sys.settrace) tripled the run time of a big document."""

    def __init__(self, time_limit: float, cancel: Callable[[], bool] | None) -> None:
        self.end = time.monotonic() + time_limit
        self.cancel = cancel
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.count & 63:
            return
        if time.monotonic() > self.end:
            raise _Stopped(cancelled=False)
        if self.cancel is not None and self.cancel():
            raise _Stopped(cancelled=True)


_watch: contextvars.ContextVar[_Watch | None] = contextvars.ContextVar(
    "template_watch", default=None
)
TICK = "_qms_tick"


def _tick() -> str:
    watch = _watch.get()
    if watch is not None:
        watch.tick()
    return ""


def render(
    folder: Path,
    file: str,
    template_id: str,
    context: dict[str, Any],
    *,
    time_limit: float,
    cancel: Callable[[], bool] | None = None,
) -> str:
    """Run `folder/file` in the sandbox, with a time limit, the user's cancel and an output cap."""
    folder = Path(folder)
    env = TemplateSandbox(folder)
    try:
        template = env.get_template(file)
    except _IncludeRefused as exc:
        raise TemplateError(
            exc.code,
            where=_where(template_id, Path(exc.filename or file).name, exc.lineno),
            **exc.params,
        ) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(
            "documents.template_syntax",
            where=_where(template_id, Path(exc.filename or file).name, exc.lineno),
            cause=exc.message or "",
        ) from None
    parts: list[str] = []
    size = 0
    too_much = False
    budget = _budget.set(_Budget())
    watch = _watch.set(_Watch(time_limit, cancel))
    try:
        chunks: Iterator[str] = template.generate(**context)
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_MARKUP:
                too_much = True
                break
            parts.append(chunk)
    except _Stopped as stop:
        if stop.cancelled:
            raise DocumentError("documents.cancelled") from None
        raise TemplateError(
            "documents.template_timeout",
            where=_where(template_id, file, None),
            seconds=round(time_limit),
        ) from None
    except Refused as exc:
        raise TemplateError(
            exc.code, where=_where(template_id, *_error_place(exc, folder, file)), **exc.params
        ) from None
    except RecursionError as exc:
        raise TemplateError(
            "documents.template_recursion",
            where=_where(template_id, *_error_place(exc, folder, file)),
        ) from None
    except SecurityError as exc:
        raise TemplateError(
            "documents.template_forbidden",
            where=_where(template_id, *_error_place(exc, folder, file)),
            cause=str(exc),
        ) from None
    except JinjaTemplateError as exc:
        raise TemplateError(
            "documents.template_failed",
            where=_where(template_id, *_error_place(exc, folder, file)),
            cause=str(exc),
            kind=type(exc).__name__,
        ) from None
    except (
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
        IndexError,
        ZeroDivisionError,
        OverflowError,
        MemoryError,
    ) as exc:
        raise TemplateError(
            "documents.template_failed",
            where=_where(template_id, *_error_place(exc, folder, file)),
            cause=str(exc),
            kind=type(exc).__name__,
        ) from None
    finally:
        _watch.reset(watch)
        _budget.reset(budget)
    if too_much:
        raise TemplateError(
            "documents.template_too_much_output",
            where=_where(template_id, file, None),
            limit_mb=MAX_MARKUP // 1048576,
        )
    return "".join(parts)
