"""The context every service takes first: who acts, on which company, at what time."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from gamma.errors import GammaError
from gamma.settings import Settings
from models import Company, Operator


class Clock:
    """The time source; tests pass a FixedClock."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FixedClock(Clock):
    def __init__(self, at: datetime):
        self.at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta) -> None:
        self.at += timedelta(**delta)


SYSTEM_LOGIN = "system"


@dataclass(frozen=True)
class Context:
    """Who acts (operator; None only for bootstrap work), on which company, when.

    `function` is the function code of the operation under way, recorded in the audit log.
    """

    settings: Settings
    operator: Operator | None
    company: Company | None = None
    clock: Clock = dataclasses.field(default_factory=Clock)
    session_id: int | None = None
    function: str | None = None

    @property
    def login(self) -> str:
        return self.operator.login if self.operator else SYSTEM_LOGIN

    @property
    def is_system(self) -> bool:
        return self.operator is None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.locale.timezone)

    def now(self) -> datetime:
        """Now, as an aware UTC datetime."""
        return self.clock.now().astimezone(timezone.utc)

    def local(self, moment: datetime) -> datetime:
        """A stored instant in the operators' time zone."""
        return moment.astimezone(self.tz)

    def today(self) -> date:
        return self.local(self.now()).date()

    def with_function(self, code: str | None) -> "Context":
        return dataclasses.replace(self, function=code) if code else self

    def with_company(self, company: Company | None) -> "Context":
        return dataclasses.replace(self, company=company)

    def with_session(self, session_id: int | None) -> "Context":
        return dataclasses.replace(self, session_id=session_id)

    def require_company(self) -> Company:
        if self.company is None:
            raise GammaError("Nessuna ditta selezionata: indicare la ditta (--company)")
        return self.company
