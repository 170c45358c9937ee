"""What `scripts/run` does after installing: database, demo data on first run, then the UI.

On first run it creates the embedded SQLite database with company 1, the demo company and
the administrator `admin` with a random password, kept (readable only by this user) in
the data directory so that it can be shown again at every start.
"""

from __future__ import annotations

import importlib
import os
import secrets
import string
import sys

from gamma import bootstrap, db, schema, settings as settings_mod
from gamma.errors import GammaError

CREDENTIALS = "demo-credentials.txt"


def _new_password() -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(12))


def prepare(settings: settings_mod.Settings) -> str:
    """Create or upgrade the database; return the text to show about credentials."""
    database = db.connect(settings.database_url, settings.database.busy_timeout_ms)
    schema.upgrade(database)
    creds = settings.data_dir / CREDENTIALS
    if bootstrap.needs_init():
        password = _new_password()
        bootstrap.init(settings, database, password, demo=True)
        creds.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(creds, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(f"operatore: {bootstrap.ADMIN_LOGIN}\npassword: {password}\n")
    if creds.exists():
        return ("Credenziali dimostrative (" + str(creds) + "):\n" + creds.read_text())
    return "Accedere con il proprio operatore."


def main() -> int:
    try:
        settings = settings_mod.load()
        print(f"Database: {settings.database_url}")
        print(prepare(settings))
    except GammaError as exc:
        print(f"Errore: {exc.message}", file=sys.stderr)
        return 1
    importlib.import_module("screens.app").GammaApp(settings).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
