"""Where each key of a TOML text is: tomllib gives values but no positions."""

from __future__ import annotations

import bisect
import re
import tomllib

Key = tuple[str, ...]
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class _KeyLocator:
    """Finds where each key and table header of a (valid) TOML text starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.found: dict[Key, tuple[int, int]] = {}
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _pos(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1

    def _record(self, key: Key, index: int) -> None:
        for end in range(1, len(key) + 1):
            self.found.setdefault(key[:end], self._pos(index))

    def scan(self) -> dict[Key, tuple[int, int]]:
        table: Key = ()
        try:
            while True:
                self._skip(newlines=True)
                if self.i >= len(self.text):
                    break
                start = self.i
                if self.text[start] == "[":
                    self.i += 2 if self.text.startswith("[[", start) else 1
                    self._skip()
                    table = self._key()
                    self._record(table, start)
                    self.i = self.text.index("]", self.i) + 1
                    if self.text.startswith("]", self.i):
                        self.i += 1
                else:
                    self._key_value(table)
                if self.i == start:
                    self.i += 1
        except (ValueError, IndexError, tomllib.TOMLDecodeError):
            pass    # never fail on a shape not foreseen: positions are a convenience
        return self.found

    def _skip(self, newlines: bool = False) -> None:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.i += 1
            elif ch == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                break

    def _key(self) -> Key:
        parts: list[str] = []
        while True:
            self._skip()
            ch = self.text[self.i]
            if ch in "\"'":
                end = self._string_end(self.i)
                parts.append(tomllib.loads(f"k = {self.text[self.i:end]}")["k"])
                self.i = end
            else:
                match = _BARE_KEY.match(self.text, self.i)
                if not match:
                    raise ValueError("no key here")
                parts.append(match.group())
                self.i = match.end()
            self._skip()
            if not self.text.startswith(".", self.i):
                return tuple(parts)
            self.i += 1

    def _key_value(self, prefix: Key) -> None:
        start = self.i
        key = prefix + self._key()
        self._record(key, start)
        self._skip()
        self.i += 1          # the "="
        self._skip()
        self._value(key)

    def _string_end(self, index: int) -> int:
        """Index just past the string literal that opens at ``index``."""
        text = self.text
        quote = text[index]
        delim = quote * 3 if text.startswith(quote * 3, index) else quote
        i = index + len(delim)
        while True:
            if quote == '"' and text[i] == "\\":
                i += 2
            elif text.startswith(delim, i):
                i += len(delim)
                extra = 0
                while len(delim) == 3 and extra < 2 and text.startswith(quote, i):
                    i += 1   # a multi-line string may end with up to two more quotes
                    extra += 1
                return i
            else:
                i += 1

    def _value(self, key: Key) -> None:
        text = self.text
        ch = text[self.i]
        if ch in "\"'":
            self.i = self._string_end(self.i)
        elif ch in "[{":
            closing = "]" if ch == "[" else "}"
            self.i += 1
            while True:
                self._skip(newlines=True)
                if text[self.i] == closing:
                    self.i += 1
                    return
                if ch == "[":
                    self._value(key)
                else:
                    self._key_value(key)
                self._skip(newlines=True)
                if text[self.i] == ",":
                    self.i += 1
        else:
            while self.i < len(text) and text[self.i] not in ",]}\n#":
                self.i += 1


def locate_keys(text: str) -> dict[Key, tuple[int, int]]:
    """Map every key path (and table header) in TOML ``text`` to its 1-based line and column."""
    return _KeyLocator(text).scan()


