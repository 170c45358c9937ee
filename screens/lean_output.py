"""A filter on the bytes the app writes to the terminal, for poor lines.

Textual writes every text segment as `ESC[<colours>m text ESC[0m` and pads every line
with spaces to the right edge. The filter keeps track of the attributes the terminal
really has, sends only the changes, and replaces blank runs that reach the right edge
(on the default background) with "erase to end of line". What reaches the screen is the
same, cell for cell (tests/test_bandwidth.py compares both through a VT emulator); only
the byte count changes. It works on the output stream, not on Textual's internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len

_TOKEN = re.compile(r"\x1b\[([0-9;:?<=>]*)([ -/]*[@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                    r"|\x1b[^\[\]]|[\r\n\x07\x08]|[^\x1b\r\n\x07\x08]+")
# Attribute codes and the code that turns each off.
_ATTR_OFF = {"1": "22", "2": "22", "3": "23", "4": "24", "5": "25", "7": "27", "8": "28",
             "9": "29", "53": "55"}


@dataclass
class Attributes:
    fg: str = ""  # "" = the terminal's default
    bg: str = ""
    flags: frozenset = field(default_factory=frozenset)

    def apply(self, params: str) -> "Attributes":
        parts = params.replace(":", ";").split(";") if params else ["0"]
        fg, bg, flags = self.fg, self.bg, set(self.flags)
        i = 0
        while i < len(parts):
            p = parts[i] or "0"
            if p == "0":
                fg, bg, flags = "", "", set()
            elif p in ("38", "48") and i + 1 < len(parts):
                width = 3 if parts[i + 1] == "5" else 5
                value = ";".join(parts[i:i + width])
                if p == "38":
                    fg = value
                else:
                    bg = value
                i += width - 1
            elif p == "39":
                fg = ""
            elif p == "49":
                bg = ""
            elif p.isdigit() and (30 <= int(p) <= 37 or 90 <= int(p) <= 97):
                fg = p
            elif p.isdigit() and (40 <= int(p) <= 47 or 100 <= int(p) <= 107):
                bg = p
            elif p in _ATTR_OFF:
                flags.add(p)
            elif p in ("21", "22"):
                flags -= {"1", "2"}
            elif p in ("23", "24", "25", "27", "28", "29", "55"):
                flags -= {k for k, v in _ATTR_OFF.items() if v == p}
            i += 1
        return Attributes(fg, bg, frozenset(flags))

    def change_to(self, new: "Attributes") -> str:
        """The shortest SGR turning these attributes into `new` ("" if equal)."""
        if new == self:
            return ""
        if not new.flags >= self.flags:
            params = ["0"] + sorted(new.flags) + [p for p in (new.fg, new.bg) if p]
        else:
            params = sorted(new.flags - self.flags)
            if new.fg != self.fg:
                params.append(new.fg or "39")
            if new.bg != self.bg:
                params.append(new.bg or "49")
        return "\x1b[" + ";".join(params) + "m"


class LeanOutput:
    """Feed it what Textual writes; it returns what to send to the terminal."""

    def __init__(self, width: int):
        self.width = width
        self.sent = Attributes()  # what the terminal has
        self.wanted = Attributes()  # what the app has asked for
        self.column: int | None = 1  # 1-based; None when unknown
        self.pending_blank = ""  # spaces not yet sent, maybe turned into erase-to-end

    def resize(self, width: int) -> None:
        self.width = width

    def feed(self, data: str) -> str:
        out: list[str] = []
        tokens = list(_TOKEN.finditer(data))
        for number, match in enumerate(tokens):
            token = match.group(0)
            final = match.group(2)
            if token == "\n":
                after = tokens[number + 1] if number + 1 < len(tokens) else None
                if after is not None and after.group(2) == "H" and "?" not in after.group(1):
                    # A new line right before an absolute move does nothing on the screen
                    # (Textual never ends its bottom line with one): the blank before it
                    # reaches the edge and the newline itself can go.
                    self._flush_blank(out, at_edge=True)
                    continue
            if final == "m":
                self.wanted = self.wanted.apply(match.group(1))
                continue
            if token[0] != "\x1b" and token not in ("\r", "\n", "\x07", "\x08"):
                self._text(token, out)
                continue
            if final == "H" and "?" not in match.group(1):
                self._flush_blank(out, at_edge=True)
                out.append(token)
                row_col = match.group(1).split(";")
                self.column = int(row_col[1]) if len(row_col) > 1 and row_col[1] else 1
                continue
            if final in ("h", "l") and match.group(1).startswith("?"):
                out.append(token)  # modes (cursor, sync): neutral to colours and blanks
                continue
            self._flush_blank(out, at_edge=token == "\r")
            if token == "\r":
                self.column = 1
            elif token != "\n":
                self.column = None
                self._sync(out)
            out.append(token)
        return "".join(out)

    def _sync(self, out: list[str]) -> None:
        change = self.sent.change_to(self.wanted)
        if change:
            out.append(change)
            self.sent = self.wanted

    def _text(self, text: str, out: list[str]) -> None:
        if self.pending_blank and (self.wanted != self._blank_attrs):
            self._flush_blank(out, at_edge=False)
        stripped = text.rstrip(" ")
        if stripped:
            self._flush_blank(out, at_edge=False)
            self._sync(out)
            out.append(stripped)
            if self.column is not None:
                self.column += cell_len(stripped)
        trailing = text[len(stripped):]
        if trailing:
            if not self.pending_blank:
                self._blank_attrs = self.wanted
            self.pending_blank += trailing

    def _flush_blank(self, out: list[str], at_edge: bool) -> None:
        blank = self.pending_blank
        if not blank:
            return
        self.pending_blank = ""
        attrs = self._blank_attrs
        reaches_edge = (self.column is not None
                        and self.column + len(blank) == self.width + 1)
        if at_edge and reaches_edge and not attrs.bg and not attrs.flags & {"7"}:
            self.wanted, saved = attrs, self.wanted
            self._sync(out)
            self.wanted = saved
            out.append("\x1b[K")
            # Erase leaves the cursor where it is; the next token repositions it.
            self.column = None
            return
        self.wanted, saved = attrs, self.wanted
        self._sync(out)
        self.wanted = saved
        out.append(blank)
        if self.column is not None:
            self.column += len(blank)

    def finish(self) -> str:
        """Whatever is held back at the end of a write (nothing may wait for the next)."""
        out: list[str] = []
        self._flush_blank(out, at_edge=False)
        return "".join(out)
