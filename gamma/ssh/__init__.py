"""The embedded SSH server of the operator terminal (`gamma ssh serve`).

hostkey: the server's Ed25519 key, created on first start. throttle: failed logins per
client address. policy: what a connection may do (who logs in, and how; only a session with
a pseudo-terminal running the TUI). session: the TUI of one session in its own process on a
pseudo-terminal, and the pumping between it and the SSH channel. server: the listener, the
connections and the session limits.
"""
