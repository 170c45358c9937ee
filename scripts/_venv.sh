# Sourced by scripts/run, scripts/test and scripts/bench: makes sure .venv exists and holds
# the project installed (editable) with at least the given extras. Re-installs only when
# setup.cfg or pyproject.toml changed or an extra is missing, so repeated runs start at once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

find_python() {
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            command -v "$candidate"; return 0
        fi
    done
    echo "Gamma richiede Python 3.11 o successivo: nessun interprete adatto trovato." >&2
    return 1
}

ensure_venv() {
    local wanted_extras="$1"
    if [ ! -x "$VENV/bin/python" ]; then
        "$(find_python)" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
    fi
    local stamp="$VENV/.gamma-installed"
    local hash
    hash="$(cat "$ROOT/setup.cfg" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    local have_hash="" have_extras=""
    if [ -f "$stamp" ]; then
        read -r have_hash have_extras < "$stamp" || true
    fi
    local extras="$wanted_extras"
    if [ "$have_hash" = "$hash" ]; then
        local missing=""
        for extra in ${wanted_extras//,/ }; do
            case ",$have_extras," in *",$extra,"*) ;; *) missing=1 ;; esac
        done
        [ -z "$missing" ] && return 0
        extras="$(printf '%s\n' ${have_extras//,/ } ${wanted_extras//,/ } | sort -u | paste -sd, -)"
    fi
    echo "Installazione di Gamma in $VENV…" >&2
    if ! "$VENV/bin/python" -m pip install --quiet -e "$ROOT${extras:+[$extras]}" \
            > "$VENV/pip.log" 2>&1; then
        cat "$VENV/pip.log" >&2
        echo "Installazione fallita (dettagli sopra e in $VENV/pip.log)." >&2
        return 1
    fi
    echo "$hash $extras" > "$stamp"
}
