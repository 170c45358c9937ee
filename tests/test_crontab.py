"""scripts/gamma.crontab: every line is a valid cron entry, every gamma command in it exists
with the options it is given (resolved through the real click commands, options parsed
as the command line would be), and scripts/cron logs and keeps the exit status."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import click
import pytest

from gamma.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
CRONTAB = ROOT / "scripts" / "gamma.crontab"
CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\d+(-\d+)?)(/\d+)?)*$")
ENV_LINE = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def entries() -> list[tuple[int, list[str], str]]:
    """(line number, the five time fields, the command) of each job line."""
    found = []
    for number, line in enumerate(CRONTAB.read_text().splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#") or ENV_LINE.match(text):
            continue
        fields = text.split(None, 5)
        found.append((number, fields[:5], fields[5]))
    return found


def environment() -> dict[str, str]:
    return dict(line.strip().split("=", 1) for line in CRONTAB.read_text().splitlines()
                if ENV_LINE.match(line.strip()))


def gamma_args(command: str) -> list[str] | None:
    """The arguments after `gamma` (or the scripts/cron wrapper), as the shell would pass
    them; None for a line that runs something else."""
    # cron turns an unescaped % into a newline: every % must be written \%.
    assert re.search(r"(?<!\\)%", command) is None, f"bare % in: {command}"
    command = command.replace("\\%", "%")
    command = re.sub(r"\$\([^)]*\)", "SUBST", command)  # $(date …) is one word's part
    words = shlex.split(command)
    wrapper = environment().get("GAMMA", "")
    head = wrapper if words[0] == "$GAMMA" else words[0]
    if head.endswith("scripts/cron") or Path(head).name == "gamma":
        return words[1:]
    return None


def resolve(args: list[str]) -> tuple[list[str], click.Command]:
    """Parse `gamma ARGS` down to the leaf command, as click would before running it:
    an unknown command or option, or a missing argument, raises click's UsageError."""
    ctx = cli.make_context("gamma", list(args))
    command: click.Command = cli
    path: list[str] = []
    while isinstance(command, click.Group):
        rest = [*ctx._protected_args, *ctx.args]  # the sub-command and what follows it
        name, sub, rest = command.resolve_command(ctx, rest)
        path.append(name)
        ctx = sub.make_context(name, rest, parent=ctx)
        command = sub
    return path, command


JOBS = [(number, fields, command) for number, fields, command in entries()]


def test_the_crontab_runs_the_batches():
    commands = [gamma_args(c) for _, _, c in JOBS]
    heads = {" ".join(a[:2]) for a in commands if a}
    assert heads == {"db backup", "stats run", "recurring generate", "periodic generate",
                     "invoice deferred"}
    env = environment()
    assert {"GAMMA", "GAMMA_DB", "GAMMA_OPERATOR", "GAMMA_COMPANY"} <= set(env)
    assert env["GAMMA"].endswith("scripts/cron")


@pytest.mark.parametrize("number,fields,command", JOBS, ids=[f"line{n}" for n, *_ in JOBS])
def test_each_line_is_a_valid_job(number, fields, command):
    assert len(fields) == 5 and all(CRON_FIELD.match(f) for f in fields), (number, fields)
    args = gamma_args(command)
    if args is None:
        assert command.split()[0] in ("find",), f"line {number}: unexpected command {command}"
        return
    try:
        path, leaf = resolve(args)
    except click.NoSuchOption as exc:
        pytest.fail(f"line {number}: gamma {' '.join(args)}: {exc.format_message()}")
    except click.UsageError as exc:
        if "inesistente" in exc.format_message() or "No such command" in exc.format_message():
            pytest.skip(f"line {number}: gamma {args[0]} not in this tree yet "
                        f"({exc.format_message()})")
        raise
    assert path == args[:len(path)]
    assert leaf.callback is not None


def test_the_backup_file_is_dated_with_escaped_percent():
    backup = next(c for _, _, c in JOBS if (gamma_args(c) or [""])[:2] == ["db", "backup"])
    assert "$(date +\\%Y\\%m\\%d)" in backup


def test_the_cron_wrapper_logs_and_keeps_the_exit_status(tmp_path):
    log = tmp_path / "cron.log"
    env = {**os.environ, "GAMMA_CRON_LOG": str(log), "HOME": str(tmp_path)}
    ok = subprocess.run([str(ROOT / "scripts" / "cron"), "--version"], env=env,
                        capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout == "" and ok.stderr == ""
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[--version\] gamma, version ",
                    log.read_text())
    bad = subprocess.run([str(ROOT / "scripts" / "cron"), "nosuch"], env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.strip() == f"gamma nosuch: uscita 2, dettagli in {log}"
    lines = log.read_text().splitlines()
    assert len(lines) == 3 and "[nosuch] Errore: comando «nosuch» inesistente" in lines[-1]
