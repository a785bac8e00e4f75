"""A strict YAML reader for files other people (or attackers) may have written.

``yaml.safe_load`` still accepts aliases (billion-laughs bombs), ``<<`` merges, duplicate
keys (silently keeping the last) and raises ``RecursionError`` on deep nesting. Here the
event stream is checked first (no aliases, no anchors, bounded depth, no tags beyond the
plain scalar types), then the node tree is built into plain Python values by our own code:
duplicate keys and non-string keys are errors, timestamps and binary stay refused.
"""

from __future__ import annotations

import importlib.util
import os
import re
import stat
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from briefing_tui.core.errors import BriefingError


def _lazy(name: str) -> ModuleType:
    """``name``, imported on its first use: the app's first screen reads no YAML unless a
    sidecar or settings file is there (PyYAML: ~0.02 s of start-up; issue 17)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if TYPE_CHECKING:
    import yaml
else:
    yaml = _lazy("yaml")

MAX_DEPTH = 32
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@cache
def _loader() -> type:
    """PyYAML's C loader when built with libyaml, else its pure-Python one."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class YamlError(BriefingError):
    """The YAML cannot be used; ``str()`` is a one-line reason."""


_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")


class Yaml11Number(str):
    """A number in a form only YAML 1.1 reads as one: ``055`` (octal: 45), ``0x10``,
    ``0b11``, ``4:04`` (base 60: 244), ``1_000``.

    YAML 1.2, JSON and people read these otherwise (or not at all), so an offset written
    so must not silently become another number: it stays the text written (a ``str``,
    which the sidecar's checks refuse with :meth:`reason`) and is written back as is.
    """

    def reason(self) -> str:
        meaning = yaml.load(f"x: {self}", Loader=_loader())["x"]
        return f"{self} is not a plain decimal number (YAML 1.1 would read it as {meaning})"


def _where(mark: Any) -> str:
    return f" (line {mark.line + 1})" if mark is not None else ""


def _check_events(source: str) -> None:
    depth = 0
    for event in yaml.parse(source, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(f"aliases (*name) are not allowed{_where(event.start_mark)}")
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise YamlError(f"anchors (&name) are not allowed{_where(event.start_mark)}")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"nested deeper than {MAX_DEPTH} levels"
                                f"{_where(event.start_mark)}")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _resolve_scalar(node: yaml.ScalarNode, loader: Any) -> Any:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # a plain date stays the text the person wrote
    if node.tag == "tag:yaml.org,2002:int" and len(node.value) > 40:
        return node.value  # too big to be an offset; the schema check reports it
    if (node.tag == "tag:yaml.org,2002:int" and not _DECIMAL.fullmatch(node.value)) or \
            (node.tag == "tag:yaml.org,2002:float" and ("_" in node.value or ":" in node.value)):
        return Yaml11Number(node.value)
    if node.tag not in _ALLOWED_TAGS:
        raise YamlError(f"the tag {node.tag} is not allowed{_where(node.start_mark)}")
    return loader.construct_object(node)


def _build(node: yaml.Node, loader: Any) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _resolve_scalar(node, loader)
    if node.tag not in _ALLOWED_TAGS:
        raise YamlError(f"the tag {node.tag} is not allowed{_where(node.start_mark)}")
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, loader) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(f"merge keys (<<) are not allowed{_where(key_node.start_mark)}")
            if not isinstance(key_node, yaml.ScalarNode) or \
                    key_node.tag != "tag:yaml.org,2002:str":
                raise YamlError(f"keys must be plain text{_where(key_node.start_mark)}")
            key = key_node.value
            if key in result:
                raise YamlError(f"duplicate key {key!r}{_where(key_node.start_mark)}")
            result[key] = _build(value_node, loader)
        return result
    raise YamlError("unexpected YAML node")  # pragma: no cover - all kinds handled


def load_yaml(source: str) -> Any:
    """Parse one YAML document strictly into dicts, lists and scalars."""
    try:
        _check_events(source)
        loader = _loader()(source)
        try:
            node = loader.get_single_node()
            return None if node is None else _build(node, loader)
        finally:
            loader.dispose()
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise YamlError(f"{problem}{_where(mark)}") from None
    except (RecursionError, ValueError, OverflowError) as exc:
        raise YamlError(f"unreadable YAML ({type(exc).__name__})") from None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_small_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a small regular file, or :class:`YamlError` with a one-line reason.

    Opened non-blocking and checked to be a regular file before reading: a FIFO or a
    device given as a codebook or settings file is refused at once instead of hanging.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except FileNotFoundError:
        raise YamlError("no such file") from None
    except OSError as exc:
        raise YamlError(f"cannot read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _kind(mode)
            raise YamlError(f"it is {kind}, not a file" if kind.startswith("a ") else kind)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes and (chunk := os.read(fd, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise YamlError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise YamlError(f"larger than the {max_bytes // 2**20} MiB limit")
    return data


def load_yaml_file(path: Path, max_bytes: int) -> Any:
    """Read and strictly parse a YAML file of at most ``max_bytes``."""
    data = read_small_file(path, max_bytes)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(f"not UTF-8 (bad byte at offset {exc.start})") from None
    return load_yaml(source)
