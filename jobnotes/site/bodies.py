"""Note bodies rendered once and reused while nothing they show has changed.

Rendering a body asks the vault questions through its page's linker: where each link
leads, which notes have pages, the text of notes it embeds or links into (for their
headings and blocks). A render made through a recording linker keeps those questions
with their answers; it is reused for the same text on the same page only when every
question gets the same answer again, and then what the render did to the build (the
attachments it uses, the tags it shows) is done again in the same order. A body whose
answers differ is simply rendered anew, so a reused body is always the one a fresh render
would give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jobnotes.cache import PartsFile, digest

if TYPE_CHECKING:
    from jobnotes.obsidian.graph import LinkGraph
    from jobnotes.obsidian.links import LinkIndex, Resolution
    from jobnotes.obsidian.scan import Anchors

# A question and its answer: ("resolve", path, source) -> (rel, candidates),
# ("page", rel) -> page path, ("body", rel) -> digest of the note's text.
Question = tuple[str, str, str | None]


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    answers: tuple[tuple[Question, Any], ...]
    used: tuple[str, ...]                   # attachments, in the order the render used them
    tags: tuple[tuple[str, str], ...]       # (note, tag) as the render recorded them


def _text_digest(text: str | None) -> str | None:
    return None if text is None else digest(text.encode("utf-8", "surrogatepass"))


class _Log:
    def __init__(self) -> None:
        self.answers: dict[Question, Any] = {}
        self.used: list[str] = []
        self.tags: list[tuple[str, str]] = []


class _Index:
    def __init__(self, index: LinkIndex, log: _Log) -> None:
        self._index, self._log = index, log

    def resolve(self, path: str, source: str | None = None) -> Resolution:
        found = self._index.resolve(path, source)
        self._log.answers[("resolve", path, source)] = (found.rel, found.candidates)
        return found


class _Used:
    def __init__(self, used: set[str], log: _Log) -> None:
        self._used, self._log = used, log

    def add(self, rel: str) -> None:
        self._log.used.append(rel)
        self._used.add(rel)


class RecordingGraph:
    """The parts of a ``LinkGraph`` a page linker uses, answering and writing down."""

    def __init__(self, graph: LinkGraph, log: _Log) -> None:
        self._graph, self._log = graph, log
        self.index = _Index(graph.index, log)
        self.used = _Used(graph.used, log)
        self.tag_path = graph.tag_path
        self.soft_breaks = graph.soft_breaks

    def body(self, rel: str) -> str | None:
        text = self._graph.body(rel)
        self._log.answers[("body", rel, None)] = _text_digest(text)
        return text

    def anchors_of(self, rel: str) -> Anchors | None:
        self.body(rel)                           # the anchors follow from the text
        return self._graph.anchors_of(rel)

    def record_tag(self, rel: str, tag: str) -> None:
        self._log.tags.append((rel, tag))
        self._graph.record_tag(rel, tag)


class RecordingPages(Mapping[str, str]):
    """The note -> page map, writing down every look-up."""

    def __init__(self, pages: Mapping[str, str], log: _Log) -> None:
        self._pages, self._log = pages, log

    def get(self, rel: str, default: Any = None) -> Any:
        found = self._pages.get(rel)
        self._log.answers[("page", rel, None)] = found
        return found if found is not None else default

    def __getitem__(self, rel: str) -> str:
        found = self.get(rel)
        if found is None:
            raise KeyError(rel)
        return found

    def __iter__(self) -> Any:
        raise TypeError("a page linker only looks pages up")

    def __len__(self) -> int:
        return len(self._pages)


def _answer(question: Question, graph: LinkGraph, pages: Mapping[str, str]) -> Any:
    kind, what, source = question
    if kind == "resolve":
        found = graph.index.resolve(what, source)
        return (found.rel, found.candidates)
    if kind == "page":
        return pages.get(what)
    return _text_digest(graph.body(what))


SAVE_EVERY = 256      # bodies a store with a file saves at a time


class RenderStore:
    """Rendered bodies by (note, page, text), kept for the next build.

    ``entries`` are those an earlier build kept (``kept()``); only the bodies used by
    this build are kept for the next one. With ``save_to``, they go to that file a few
    hundred at a time (``finish`` completes it), rather than all being held until the
    build ends: on a large vault they would weigh tens of megabytes.
    """

    def __init__(self, entries: Mapping[tuple[str | None, str, str], Rendered] | None = None,
                 *, save_to: PartsFile | None = None) -> None:
        self._old = dict(entries or {})
        self._new: dict[tuple[str | None, str, str], Rendered] = {}
        self.reused = 0
        self.save_to = save_to

    def save_elsewhere(self, save_to: PartsFile) -> None:
        """From now on, save to ``save_to`` (a forked process: its own file, its own
        bodies; what this store held before is saved by the process it came from)."""
        self.save_to, self._new = save_to, {}

    def finish(self) -> None:
        """Complete the file: the bodies kept since the last part, then the file itself."""
        if self.save_to is not None:
            self.save_to.add(self._new)
            self.save_to.commit()
            self._new = {}

    def discard(self) -> None:
        """Leave the file as an earlier build left it (this build failed)."""
        if self.save_to is not None:
            self.save_to.discard()

    def _keep(self, key: tuple[str | None, str, str], rendered: Rendered) -> None:
        self._new[key] = rendered
        if self.save_to is not None and len(self._new) >= SAVE_EVERY:
            self.save_to.add(self._new)
            self._new = {}

    def kept(self) -> dict[tuple[str | None, str, str], Rendered]:
        return self._new

    def known(self) -> dict[tuple[str | None, str, str], Rendered]:
        """Every body this store holds, from earlier builds or this one: ``serve`` keeps
        them all, as it renders a page only when a browser asks for it."""
        return {**self._old, **self._new}

    def lookup(self, key: tuple[str | None, str, str], graph: LinkGraph,
               pages: Mapping[str, str]) -> str | None:
        """The kept HTML when every answer is unchanged; its effects are then replayed."""
        found = self._new.get(key) or self._old.get(key)
        if found is None:
            return None
        if any(_answer(q, graph, pages) != a for q, a in found.answers):
            return None
        for rel in found.used:
            graph.used.add(rel)
        for rel, tag in found.tags:
            graph.record_tag(rel, tag)
        self._keep(key, found)
        self.reused += 1
        return found.html

    def adopt(self, entries: Mapping[tuple[str | None, str, str], Rendered]) -> None:
        """Keep bodies another process of the same build rendered or reused."""
        self._new.update(entries)

    def keep(self, key: tuple[str | None, str, str], html: str, log: _Log) -> None:
        self._keep(key, Rendered(html, tuple(log.answers.items()), tuple(log.used),
                                 tuple(log.tags)))


def new_log() -> _Log:
    return _Log()


def body_key(source: str | None, path: str, text: str, soft_breaks: bool = False,
             ) -> tuple[str | None, str, str]:
    """What a rendered body is kept under: the note, the page and the text, and how line
    breaks read (the same text renders otherwise under the other rule)."""
    mark = "\n\x00soft-breaks" if soft_breaks else ""
    return (source, path, digest((text + mark).encode("utf-8", "surrogatepass")))
