"""Settings: one typed object, read once from layered sources.

Order, later wins: built-in defaults, /etc/gamma/gamma.toml, ~/.config/gamma/gamma.toml,
the file named by $GAMMA_CONFIG (or --config), then GAMMA_* environment variables
(GAMMA_<SECTION>_<KEY>, plus the short forms GAMMA_DB, GAMMA_OPERATOR, GAMMA_COMPANY).
Every effective value remembers where it came from, for `gamma config show`.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from gamma.errors import ConfigError

BUILTIN = "predefinito"


def _doc(text: str, default: Any) -> Any:
    return field(default=default, metadata={"doc": text})


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = _doc(
        "Database URL: sqlite:///percorso/assoluto.db, sqlite:relativo.db or "
        "postgresql://utente:password@host:porta/database?schema=nome. "
        "Empty: gamma.db in paths.data_dir.", "")
    busy_timeout_ms: int = _doc(
        "SQLite: how long a writer waits for another writer before giving up (ms).", 10000)
    pg_dump: str = _doc("PostgreSQL: the pg_dump program used by `gamma db backup`.", "pg_dump")
    pg_restore: str = _doc(
        "PostgreSQL: the pg_restore program used by `gamma db restore`.", "pg_restore")


@dataclass(frozen=True)
class PathSettings:
    data_dir: str = _doc(
        "Where Gamma keeps its embedded database and files. Empty: "
        "$XDG_DATA_HOME/gamma or ~/.local/share/gamma.", "")


@dataclass(frozen=True)
class CliSettings:
    operator: str = _doc("Operator the CLI acts as when --operator is not given.", "admin")
    company: int = _doc(
        "Company the CLI works on when --company is not given; 0: the only or first "
        "company granted to the operator.", 0)


@dataclass(frozen=True)
class SecuritySettings:
    max_failed_logins: int = _doc(
        "Consecutive failed logins after which an operator is locked.", 5)
    lockout_minutes: int = _doc("How long a locked-out operator stays locked.", 15)
    password_min_length: int = _doc("Shortest password accepted.", 8)
    scrypt_n: int = _doc(
        "scrypt cost (a power of two) for new password hashes; existing hashes keep "
        "their own cost.", 32768)


@dataclass(frozen=True)
class LockSettings:
    expiry_minutes: int = _doc(
        "A record lock not renewed for this long may be taken by another operator.", 30)


@dataclass(frozen=True)
class LocaleSettings:
    timezone: str = _doc("Time zone for dates and times shown to operators.", "Europe/Rome")


@dataclass(frozen=True)
class TerminalSettings:
    low_bandwidth: str = _doc(
        "Small redraws for poor lines: \"ssh\" (on for SSH sessions only), \"on\" or "
        "\"off\".", "ssh")
    draft_save_seconds: int = _doc(
        "How often a mask being filled in is saved as a draft while the operator types.", 2)


@dataclass(frozen=True)
class ArticleSettings:
    numeric_code_width: int = _doc(
        "Purely numeric article codes are right-aligned, zero-padded to this many digits "
        "(123 → 0000123 with 7); 0 keeps codes as typed.", 0)


@dataclass(frozen=True)
class SalesSettings:
    credit_check: str = _doc(
        "A customer over the credit limit: \"warn\", \"block\" (overridable by those granted "
        "function 209) or \"off\".", "warn")
    negative_stock: str = _doc(
        "A line taking on hand below zero: \"warn\", \"block\" or \"allow\".", "warn")
    below_minimum: str = _doc(
        "A line taking on hand below the article's minimum stock: \"warn\" or \"allow\".",
        "warn")
    depot: str = _doc("Depot code the lines move stock from when none is given.", "01")
    stamp_duty: str = _doc("Stamp duty (imposta di bollo) on invoices without VAT.", "2.00")
    stamp_duty_threshold: str = _doc(
        "Stamp duty is due when the amounts without VAT exceed this.", "77.47")
    stamp_duty_natures: str = _doc(
        "VAT natures whose amounts count towards the stamp duty threshold.",
        "N1,N2.1,N2.2,N3.5,N3.6,N4")
    stamp_duty_charged: bool = _doc(
        "Charge the stamp duty to the customer, as a line with the VAT code below.", True)
    stamp_duty_vat_code: str = _doc("VAT code of the stamp duty line (excluded, art. 15).", "N1")
    collection_charge_vat_code: str = _doc(
        "VAT code of the collection charges (spese d'incasso) line.", "22")
    withholding_rate: str = _doc(
        "Withholding tax rate (ritenuta d'acconto) for customers that are withholding agents.",
        "20")
    rate_lookback_days: int = _doc(
        "How many days back to look for an exchange rate when the document's day has none.",
        7)


@dataclass(frozen=True)
class PricingSettings:
    priority: str = _doc(
        "Which pricing conditions win, first to last (gamma price explain shows them).",
        "promotion,customer_article,campaign,customer_family,quantity_break,parametric,"
        "category_family,last_price,customer_list")


@dataclass(frozen=True)
class SshSettings:
    listen: str = _doc("Address and port `gamma ssh serve` listens on.", "127.0.0.1:2222")
    host_key: str = _doc(
        "Ed25519 host key file, created on first start. Empty: ssh_host_ed25519_key in "
        "paths.data_dir.", "")
    max_sessions: int = _doc("Most SSH sessions open at once, all operators together.", 100)
    max_sessions_per_operator: int = _doc("Most SSH sessions open at once per operator.", 3)
    keepalive_seconds: int = _doc(
        "Keepalive interval that notices a silently dropped line; 0 disables it.", 30)
    failed_auth_per_minute: int = _doc(
        "Failed authentications per client address per minute before it is made to wait.",
        10)
    hangup_grace_seconds: int = _doc(
        "After a disconnect, how long the session's process has to clean up (locks "
        "released, drafts kept) before it is killed.", 5)
    resume: bool = _doc(
        "Keep a dropped session for its operator to come back to (as `gamma ssh serve "
        "--resume`); needs tmux.", False)
    resume_minutes: float = _doc(
        "With `gamma ssh serve --resume`: how long a dropped session waits for its "
        "operator to come back.", 10.0)


@dataclass(frozen=True)
class EInvoiceSettings:
    schema_dir: str = _doc(
        "Directory holding the official FatturaPA schema (Schema_del_file_xml_FatturaPA_"
        "v1.2.2.xsd and xmldsig-core-schema.xsd), against which every file is validated "
        "before it leaves. Empty: fatturapa in paths.data_dir.", "")
    outbox: str = _doc(
        "Folder the exported files are written to, for the intermediary to pick up. "
        "Empty: einvoice/outbox in paths.data_dir.", "")
    transmitter: str = _doc(
        "IdTrasmittente when an intermediary transmits the files: country and tax id, "
        "e.g. IT01234567890. Empty: the company itself.", "")
    withholding_reason: str = _doc(
        "CausalePagamento of the withholding tax (DatiRitenuta), as in the form 770.", "A")
    attach_pdf: bool = _doc("Attach the PDF of the document to the exported file.", False)
    channel: str = _doc(
        "How the files reach SDI with `gamma einvoice send`: \"outbox\" (an intermediary "
        "takes them from the outbox folder) or \"pec\" (e-mailed to SDI, see [pec]).",
        "outbox")


@dataclass(frozen=True)
class PecSettings:
    host: str = _doc("SMTP server of the company's PEC mailbox, e.g. smtps.pec.aruba.it.", "")
    port: int = _doc("SMTP port: 465 with security \"ssl\", 587 or 25 with \"starttls\".",
                     465)
    security: str = _doc("Connection security: \"ssl\", \"starttls\" or \"none\".", "ssl")
    user: str = _doc("PEC mailbox login. Empty: no login.", "")
    password: str = _doc(
        "PEC mailbox password (better given as GAMMA_PEC_PASSWORD than written here).", "")
    sender: str = _doc("The company's PEC address the files are sent from.", "")
    sdi_address: str = _doc(
        "SDI's PEC address: sdi01@pec.fatturapa.it for the first file, then the one SDI "
        "assigned in its first receipt.", "sdi01@pec.fatturapa.it")
    timeout_seconds: int = _doc("How long to wait for the SMTP server before giving up.", 30)


@dataclass(frozen=True)
class OrderSettings:
    auto_preorders: bool = _doc(
        "At the confirmation of a customer order or a sale, note a pre-order for what "
        "each article's availability (on hand − committed + on order) does not cover.",
        False)
    residual_on_change: str = _doc(
        "A confirmed delivery note, invoice or goods receipt changed after it fulfilled "
        "orders: \"auto\" moves the orders' residuals with it, \"confirm\" asks first "
        "(keeping them unchanged is the other answer).", "auto")


@dataclass(frozen=True)
class StockSettings:
    lot_auto: str = _doc(
        "A sale of a lot-tracked article without a lot: \"propose\" refuses it naming the lot "
        "that expires first with enough stock; \"fefo\" takes that lot.", "propose")


SECTIONS: dict[str, type] = {
    "database": DatabaseSettings,
    "paths": PathSettings,
    "cli": CliSettings,
    "security": SecuritySettings,
    "locks": LockSettings,
    "locale": LocaleSettings,
    "terminal": TerminalSettings,
    "articles": ArticleSettings,
    "sales": SalesSettings,
    "pricing": PricingSettings,
    "ssh": SshSettings,
    "einvoice": EInvoiceSettings,
    "pec": PecSettings,
    "orders": OrderSettings,
    "stock": StockSettings,
}

ENV_ALIASES = {
    "GAMMA_DB": "database.url",
    "GAMMA_OPERATOR": "cli.operator",
    "GAMMA_COMPANY": "cli.company",
}


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    paths: PathSettings = field(default_factory=PathSettings)
    cli: CliSettings = field(default_factory=CliSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    locks: LockSettings = field(default_factory=LockSettings)
    locale: LocaleSettings = field(default_factory=LocaleSettings)
    terminal: TerminalSettings = field(default_factory=TerminalSettings)
    articles: ArticleSettings = field(default_factory=ArticleSettings)
    sales: SalesSettings = field(default_factory=SalesSettings)
    pricing: PricingSettings = field(default_factory=PricingSettings)
    ssh: SshSettings = field(default_factory=SshSettings)
    einvoice: EInvoiceSettings = field(default_factory=EInvoiceSettings)
    pec: PecSettings = field(default_factory=PecSettings)
    orders: OrderSettings = field(default_factory=OrderSettings)
    stock: StockSettings = field(default_factory=StockSettings)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def data_dir(self) -> Path:
        if self.paths.data_dir:
            return Path(self.paths.data_dir).expanduser()
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        return Path(base) / "gamma"

    @property
    def database_url(self) -> str:
        """The effective database URL: the configured one or the embedded default."""
        return self.database.url or f"sqlite:///{self.data_dir / 'gamma.db'}"

    def items(self):
        """(key, value, doc, source) for every setting, in declaration order."""
        for section, cls in SECTIONS.items():
            values = getattr(self, section)
            for f in dataclasses.fields(cls):
                key = f"{section}.{f.name}"
                yield key, getattr(values, f.name), f.metadata["doc"], self.sources.get(key, BUILTIN)

    def replace(self, **dotted: Any) -> "Settings":
        """A copy with some settings changed, e.g. replace(**{"cli.operator": "mario"})."""
        values = {key: value for key, value, _, _ in self.items()}
        sources = dict(self.sources)
        for key, value in dotted.items():
            if key not in values:
                raise ConfigError(f"Impostazione sconosciuta: {key}")
            values[key] = _coerce(key, value, "argomento")
            sources[key] = "argomento"
        return _build(values, sources)


def _field_type(key: str) -> type:
    section, name = key.split(".", 1)
    for f in dataclasses.fields(SECTIONS[section]):
        if f.name == name:
            return type(f.default)
    raise KeyError(key)


def _coerce(key: str, value: Any, origin: str) -> Any:
    wanted = _field_type(key)
    try:
        if wanted is bool:
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered in {"1", "true", "yes", "si", "sì", "on"}:
                    return True
                if lowered in {"0", "false", "no", "off", ""}:
                    return False
                raise ValueError(value)
            return bool(value)
        if wanted is int and isinstance(value, bool):
            raise ValueError(value)
        return wanted(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"{origin}: {key} deve essere di tipo {wanted.__name__}, trovato {value!r}") from None


def _build(values: dict[str, Any], sources: dict[str, str]) -> Settings:
    sections = {}
    for section, cls in SECTIONS.items():
        prefix = section + "."
        sections[section] = cls(**{k[len(prefix):]: v for k, v in values.items()
                                   if k.startswith(prefix)})
    settings = Settings(**sections, sources=sources)
    _validate(settings)
    return settings


def _validate(s: Settings) -> None:
    positive = {
        "security.max_failed_logins": s.security.max_failed_logins,
        "security.lockout_minutes": s.security.lockout_minutes,
        "security.password_min_length": s.security.password_min_length,
        "locks.expiry_minutes": s.locks.expiry_minutes,
        "database.busy_timeout_ms": s.database.busy_timeout_ms,
        "pec.port": s.pec.port,
        "pec.timeout_seconds": s.pec.timeout_seconds,
    }
    for key, value in positive.items():
        if value <= 0:
            raise ConfigError(f"{key} deve essere maggiore di zero ({s.sources.get(key)})")
    choices = {"sales.credit_check": (s.sales.credit_check, ("warn", "block", "off")),
               "sales.negative_stock": (s.sales.negative_stock, ("warn", "block", "allow")),
               "sales.below_minimum": (s.sales.below_minimum, ("warn", "allow")),
               "stock.lot_auto": (s.stock.lot_auto, ("propose", "fefo")),
               "orders.residual_on_change": (s.orders.residual_on_change,
                                             ("auto", "confirm")),
               "einvoice.channel": (s.einvoice.channel, ("outbox", "pec")),
               "pec.security": (s.pec.security, ("ssl", "starttls", "none"))}
    for key, (value, allowed) in choices.items():
        if value not in allowed:
            raise ConfigError(f"{key} deve essere uno di {', '.join(allowed)} "
                              f"({s.sources.get(key)})")
    n = s.security.scrypt_n
    if n < 2 or n & (n - 1):
        raise ConfigError("security.scrypt_n deve essere una potenza di due")
    try:
        ZoneInfo(s.locale.timezone)
    except Exception:
        raise ConfigError(f"locale.timezone: fuso orario sconosciuto {s.locale.timezone!r}") from None


def config_files(env: Mapping[str, str], explicit: str | None = None) -> list[Path]:
    """The configuration files consulted, lowest priority first (missing ones included)."""
    home_config = Path(env.get("XDG_CONFIG_HOME") or Path(env.get("HOME", "~")) / ".config")
    files = [Path("/etc/gamma/gamma.toml"), home_config.expanduser() / "gamma" / "gamma.toml"]
    chosen = explicit or env.get("GAMMA_CONFIG")
    if chosen:
        files.append(Path(chosen).expanduser())
    return files


def _read_toml(path: Path, required: bool) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        if required:
            raise ConfigError(f"File di configurazione non trovato: {path}") from None
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML non valido ({exc})") from None
    flat = {}
    for section, table in data.items():
        if section not in SECTIONS or not isinstance(table, dict):
            raise ConfigError(f"{path}: sezione sconosciuta [{section}]")
        names = {f.name for f in dataclasses.fields(SECTIONS[section])}
        for name, value in table.items():
            if name not in names:
                raise ConfigError(f"{path}: impostazione sconosciuta {section}.{name}")
            flat[f"{section}.{name}"] = value
    return flat


def load(env: Mapping[str, str] | None = None, config_file: str | None = None) -> Settings:
    """Read the settings from every layer. Raise ConfigError naming the file and the key."""
    env = os.environ if env is None else env
    defaults = Settings()
    values = {key: value for key, value, _, _ in defaults.items()}
    sources: dict[str, str] = {}
    files = config_files(env, config_file)
    for index, path in enumerate(files):
        required = index >= 2  # a file asked for by name must exist
        for key, value in _read_toml(path, required).items():
            values[key] = _coerce(key, value, str(path))
            sources[key] = str(path)
    for var, value in env.items():
        if not var.startswith("GAMMA_"):
            continue
        key = ENV_ALIASES.get(var)
        if key is None:
            rest = var[len("GAMMA_"):].lower()
            section, _, name = rest.partition("_")
            if section not in SECTIONS or name not in {
                    f.name for f in dataclasses.fields(SECTIONS[section])}:
                continue  # GAMMA_CONFIG and friends are not settings
            key = f"{section}.{name}"
        values[key] = _coerce(key, value, var)
        sources[key] = var
    return _build(values, sources)
