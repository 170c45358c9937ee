"""SSH terminal: bytes per operator action at 80x24 (what the app writes, and what goes
on the wire through a counting proxy with compression on), low-bandwidth mode beside the
default mode, against the issue's goals; then 20 concurrent sessions: keystroke-to-echo
time against the SSH round trip of the same connections (a keepalive request answered by
the server) in the same run, and memory per session.

    scripts/bench ssh
"""

import contextlib
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

import logging  # noqa: E402

import paramiko  # noqa: E402

from gamma import bootstrap, db, schema  # noqa: E402
from gamma.access import grants, operators  # noqa: E402
from gamma.access.grants import Grantee, GrantChange  # noqa: E402
from gamma.context import Context  # noqa: E402
from gamma.settings import load  # noqa: E402

logging.getLogger("paramiko").setLevel(logging.CRITICAL + 1)
PASSWORD = "bench-password"
SESSIONS = int(os.environ.get("BENCH_SSH_SESSIONS", 20))
KEYS_PER_SESSION = 30
GOALS = {"first screen": 4096, "keystroke": 100, "next field": 400, "list move": 300,
         "screen change": 3072, "idle per second": 0}
F2, DOWN, TAB = "\x1bOQ", "\x1b[B", "\t"


def prepare(workdir: str) -> str:
    url = f"sqlite:///{workdir}/bench.db"
    settings = load(env={"HOME": "/nonexistent"}).replace(**{"security.scrypt_n": 1024})
    database = db.connect(url)
    schema.upgrade(database)
    bootstrap.init(settings, database, PASSWORD)
    ctx = Context(settings, operators.find("admin"))
    for n in range(30):
        operators.add_group(ctx, f"gruppo{n:02d}", f"Gruppo numero {n}")
    for n in range(SESSIONS):
        operators.add(ctx, f"op{n:02d}", PASSWORD)
        grants.grant(ctx, Grantee.of_operator(f"op{n:02d}"),
                     GrantChange(functions=("921", "922"), companies=(1,)))
    db.close()
    return url


class Server:
    def __init__(self, url: str, workdir: str, mode: str):
        config = os.path.join(workdir, f"{mode}.toml")
        with open(config, "w") as fh:
            fh.write(f'[security]\nscrypt_n = 1024\n[paths]\ndata_dir = "{workdir}"\n'
                     f'[terminal]\nlow_bandwidth = "{mode}"\n'
                     f'[ssh]\nlisten = "127.0.0.1:0"\nmax_sessions_per_operator = 5\n')
        self.log = open(os.path.join(workdir, f"{mode}.log"), "w+")
        env = {k: v for k, v in os.environ.items() if not k.startswith("GAMMA_")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gamma.cli.main", "--db", url, "--config", config, "ssh",
             "serve"], stdout=self.log, stderr=self.log, env=env, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            self.log.seek(0)
            text = self.log.read()
            if "in ascolto su " in text:
                address = text.split("in ascolto su ", 1)[1].split()[0]
                self.port = int(address.rsplit(":", 1)[1])
                return
            time.sleep(0.05)
        raise SystemExit("gamma ssh serve did not start:\n" + text)

    def stop(self):
        self.process.terminate()
        self.process.wait(20)


class CountingProxy:
    """Forwards one TCP connection to the server, counting server→client bytes."""

    def __init__(self, port: int):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.target = port
        self.down = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        client, _ = self.listener.accept()
        server = socket.create_connection(("127.0.0.1", self.target))
        threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
        threading.Thread(target=self._pipe, args=(server, client, True), daemon=True).start()

    def _pipe(self, source, sink, count):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                # One side hung up: hang up the other, as a real line would.
                for sock in (sink, source):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                return
            if count:
                self.down += len(data)
            try:
                sink.sendall(data)
            except OSError:
                return


class Terminal:
    def __init__(self, port: int, login: str, compress: bool = True):
        self.client = paramiko.SSHClient()
        self.client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        self.client.connect("127.0.0.1", port, username=login, password=PASSWORD,
                            compress=compress, look_for_keys=False, allow_agent=False)
        self.channel = self.client.invoke_shell(term="xterm", width=80, height=24)
        self.received = 0
        self.text = b""

    def settle(self, quiet: float = 0.4, limit: float = 15.0) -> int:
        got, deadline = 0, time.monotonic() + limit
        self.channel.settimeout(quiet)
        while time.monotonic() < deadline:
            try:
                data = self.channel.recv(65536)
            except socket.timeout:
                break
            if not data:
                break
            got += len(data)
            self.text = (self.text + data)[-20000:]
        self.received += got
        return got

    def wait_for(self, needle: bytes, limit: float = 120.0):
        deadline = time.monotonic() + limit
        self.channel.settimeout(0.2)
        while needle not in self.text and time.monotonic() < deadline:
            try:
                data = self.channel.recv(65536)
            except socket.timeout:
                continue
            self.text = (self.text + data)[-20000:]

    def send(self, keys: str):
        self.channel.sendall(keys.encode())

    def close(self):
        self.client.close()


def bytes_per_action(port: int) -> dict:
    proxy = CountingProxy(port)
    term = Terminal(proxy.port, "admin")
    figures = {}

    def step(name, keys="", quiet=0.5):
        wire = proxy.down
        if keys:
            term.send(keys)
        app = term.settle(quiet)
        figures[name] = (app, proxy.down - wire)

    step("first screen", quiet=1.5)
    step("screen change", "922\r", quiet=0.8)
    step("keystroke", "m")
    step("next field", TAB)
    term.send(TAB * 8 + F2)
    term.settle(1.0)
    step("list move", DOWN)
    wire = proxy.down
    time.sleep(3)
    idle = term.settle(0.1)
    figures["idle per second"] = (idle / 3, (proxy.down - wire) / 3)
    term.close()
    return figures


def session_rss(server_pid: int) -> list[int]:
    """Resident memory (KB) of each session process (the server's children)."""
    out = subprocess.run(["ps", "-o", "pid=,ppid=,rss=", "-A"], capture_output=True,
                         text=True).stdout
    return [int(rss) for pid, ppid, rss in (line.split() for line in out.splitlines())
            if int(ppid) == server_pid]


def concurrency(server: Server) -> dict:
    terminals = []
    for n in range(SESSIONS):
        term = Terminal(server.port, f"op{n:02d}")
        terminals.append(term)
    print(f"  {SESSIONS} sessions connected", file=sys.stderr)
    for term in terminals:
        term.wait_for(b"sigla della funzione")
        term.settle(0.3)
        term.send("922\r")
    for term in terminals:
        term.wait_for(b"Codice operatore")
        term.settle(0.3)
    print("  masks open", file=sys.stderr)
    deadline = time.monotonic() + 15
    rss = session_rss(server.process.pid)
    while len(rss) > SESSIONS and time.monotonic() < deadline:
        time.sleep(0.5)  # the session of the byte counts may still be hanging up
        rss = session_rss(server.process.pid)
    echo, rtt = [], []
    lock = threading.Lock()

    def typist(term: Terminal):
        mine, pings = [], []
        transport = term.client.get_transport()
        for k in range(KEYS_PER_SESSION):
            start = time.perf_counter()
            term.send("abcdefghij"[k % 10] if k % 12 != 11 else "\x7f")
            term.channel.settimeout(5)
            term.channel.recv(65536)
            mine.append(time.perf_counter() - start)
            term.settle(0.05)
            start = time.perf_counter()
            transport.global_request("keepalive@openssh.com", wait=True)
            pings.append(time.perf_counter() - start)
            time.sleep(0.05)
        with lock:
            echo.extend(mine)
            rtt.extend(pings)

    threads = [threading.Thread(target=typist, args=(t,)) for t in terminals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for term in terminals:
        term.close()
    p95 = lambda values: statistics.quantiles(values, n=20)[18]  # noqa: E731
    return {"echo_p95": p95(echo), "echo_median": statistics.median(echo),
            "rtt_p95": p95(rtt), "rss": rss}


def main():
    workdir = tempfile.mkdtemp(prefix="gamma-bench-ssh-")
    url = prepare(workdir)
    results = {}
    for mode in ("on", "off"):
        server = Server(url, workdir, mode)
        try:
            results[mode] = bytes_per_action(server.port)
            if mode == "on":
                load_figures = concurrency(server)
        finally:
            server.stop()
    print("SSH terminal, 80x24, bytes per action (app = written by the app, wire = on the "
          "TCP connection, zlib on)")
    print(f"{'action':<16}{'low app':>9}{'low wire':>10}{'default app':>13}"
          f"{'default wire':>14}{'goal (app)':>12}{'low/goal':>10}")
    for name, goal in GOALS.items():
        low_app, low_wire = results["on"][name]
        full_app, full_wire = results["off"][name]
        ratio = f"{low_app / goal:.2f}" if goal else ("0" if low_app == 0 else "over")
        print(f"{name:<16}{low_app:>9.0f}{low_wire:>10.0f}{full_app:>13.0f}{full_wire:>14.0f}"
              f"{goal:>12}{ratio:>10}")
    f = load_figures
    rss = f["rss"]
    print(f"\n{SESSIONS} concurrent sessions, {KEYS_PER_SESSION} keystrokes each "
          f"(low-bandwidth):")
    print(f"  keystroke to echo: median {f['echo_median'] * 1000:.1f} ms, "
          f"p95 {f['echo_p95'] * 1000:.1f} ms (goal < 50 ms)")
    print(f"  SSH round trip (keepalive) p95 {f['rtt_p95'] * 1000:.1f} ms: echo/round trip "
          f"{f['echo_p95'] / f['rtt_p95']:.1f}x")
    if rss:
        print(f"  memory per session: {statistics.mean(rss) / 1024:.1f} MB resident "
              f"(min {min(rss) / 1024:.1f}, max {max(rss) / 1024:.1f}, {len(rss)} processes)")
    print(f"  bench process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}"
          " MB")


if __name__ == "__main__":
    main()
