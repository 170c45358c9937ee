"""What every Gamma screen shares: the status line, the message line, the footer of keys,
F1 help, and keys processed in order by the app (see screens/keys.py)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static

from screens import keys


class LeanFocus:
    """Focus changes that repaint only the widgets concerned.

    Textual's Screen declares `focused` as a repainting reactive, so moving between two
    fields repaints all 24 lines; the two fields restyle themselves anyway (their :focus
    rules). The footer is told only when the set of keys really changes.
    """

    focused: Reactive = Reactive(None, repaint=False)
    _published_keys: tuple | None = None

    def refresh_bindings(self) -> None:
        try:
            keys_now = tuple((key, b.binding.description, b.enabled)
                             for key, b in self.active_bindings.items())
        except Exception:  # not mounted yet: let Textual decide
            keys_now = None
        if keys_now is not None and keys_now == self._published_keys:
            return
        self._published_keys = keys_now
        super().refresh_bindings()


class KeyedScreen:
    """Mixin: `terminal_key` runs the screen's bindings and edits inputs synchronously."""

    async def terminal_key(self, event: events.Key) -> bool:
        if await self.handle_key(event):
            return True
        binding = keys.binding_for(self, event.key)
        if binding is not None:
            await self.run_action(binding.action)
            return True
        focused = self.focused
        if isinstance(focused, Input) and not focused.disabled:
            return keys.edit_input(focused, event)
        return False

    async def handle_key(self, event: events.Key) -> bool:
        """Screen-specific keys before bindings; True when handled."""
        return False

    def focus_now(self, widget) -> None:
        """Focus at once, not at the next idle: the next key must find it focused."""
        self.set_focus(widget)


class StatusLine(Static):
    """Company │ operator │ date │ function code."""

    def show_function(self, code: str) -> None:
        ctx = self.app.ctx
        if ctx is None or ctx.company is None:
            self.update("")
            return
        company = ctx.company
        self.update(f"Ditta {company.code} {company.name[:30]} │ {ctx.operator.display} │ "
                    f"{ctx.today():%d/%m/%Y}" + (f" │ {code}" if code else ""))


class GammaScreen(LeanFocus, KeyedScreen, Screen):
    """A full screen: status line on top, message line and keys at the bottom."""

    DEFAULT_CSS = """
    GammaScreen {
        #status { background: $primary; color: $text; height: 1; }
        #title { height: 1; text-style: bold; }
        #message { height: 1; color: $warning; }
    }
    """
    BINDINGS = [Binding("f1", "app.show_keys", "Tasti")]
    FUNCTION_CODE = ""
    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status", markup=False)
        yield Static(self.TITLE_TEXT, id="title", markup=False)
        yield from self.body()
        yield Static("", id="message", markup=False)
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # Textual calls every class's own on_mount, subclass first: subclasses must not
        # call this one again through super().
        self.query_one(StatusLine).show_function(self.FUNCTION_CODE)

    def say(self, text: str) -> None:
        self.query_one("#message", Static).update(text)

    @property
    def ctx(self):
        return self.app.ctx


class GammaModal(LeanFocus, KeyedScreen, ModalScreen):
    """A dialog over the current screen."""


class Plain(Static):
    """Static text shown as is: data typed by users may hold [brackets]."""

    def __init__(self, content: str = "", **kw):
        kw.setdefault("markup", False)
        super().__init__(content, **kw)


class LineInput(Input, inherit_bindings=False):
    """A one-line input without border and without a blinking cursor (about 1 KB/s idle).

    Its keys are applied by the screen (screens/keys.py), so it declares no bindings of
    its own: Input's would hide the screen's Enter and Del from the footer.
    """

    DEFAULT_CSS = """
    LineInput { border: none; height: 1; padding: 0; }
    LineInput:focus { border: none; }
    """
    # Input sets its virtual size on every keystroke, and the layout reactive then
    # re-lays out the whole screen (3-4 ms of CPU per key, measured with Textual 8.2):
    # a one-line input's size never depends on its text, so the layout pass is skipped.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args, **kw):
        # Selecting on the Focus event would come after keys already typed (type-ahead).
        kw.setdefault("select_on_focus", False)
        super().__init__(*args, **kw)
        self.cursor_blink = False
