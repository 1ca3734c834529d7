"""Start a throwaway PostgreSQL server from Debian's packaged binaries (tests and `make postgres`).

Debian installs initdb/pg_ctl under /usr/lib/postgresql/<major>/bin, outside PATH. PostgreSQL
refuses to run as root, so when we are root the server runs as the `postgres` OS user that the
Debian package creates. The server listens on 127.0.0.1 only, with trust authentication:
it is for tests and local development, never for real data.

    python -m kaoguan.store.pgserver start var/postgres --port 54329   # prints the URL
    python -m kaoguan.store.pgserver stop var/postgres
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server binaries are not installed."""


def find_bin_dir() -> Path:
    """The newest /usr/lib/postgresql/<major>/bin that has initdb and pg_ctl."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    for initdb in reversed(candidates):
        bin_dir = Path(initdb).parent
        if (bin_dir / "pg_ctl").exists():
            return bin_dir
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin; "
        "run `make system` (installs Debian's postgresql package) and try again"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *argv]
    return argv


def _run(argv: list[str]) -> None:
    result = subprocess.run(_as_server_user(argv), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")


@dataclass
class PostgresServer:
    data_dir: Path
    port: int
    bin_dir: Path

    @classmethod
    def create(cls, data_dir: str | Path, port: int | None = None) -> PostgresServer:
        """Initialise `data_dir` (if it holds no cluster yet) for a server on `port`."""
        server = cls(Path(data_dir).resolve(), port or free_port(), find_bin_dir())
        if not (server.data_dir / "PG_VERSION").exists():
            server._initdb()
        return server

    def _initdb(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.data_dir, SUPERUSER, SUPERUSER)
            self.data_dir.chmod(0o700)
        _run([str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
              "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])

    @property
    def log_file(self) -> Path:
        return self.data_dir / "server.log"

    def url(self, database: str = SUPERUSER) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        # The socket directory is the data directory: no need for /var/run/postgresql to be writable.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir} -c fsync=off"
        _run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_file),
              "-o", options, "-w", "-t", "60", "start"])

    def stop(self) -> None:
        _run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"])

    def is_running(self) -> bool:
        return (self.data_dir / "postmaster.pid").exists()

    def create_database(self, name: str) -> str:
        """CREATE DATABASE `name` (if missing); returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _port_of_running(data_dir: Path) -> int | None:
    pid_file = data_dir / "postmaster.pid"
    if not pid_file.exists():
        return None
    lines = pid_file.read_text().splitlines()
    return int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kaoguan.store.pgserver", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("data_dir")
    parser.add_argument("--port", type=int, default=54329)
    parser.add_argument("--database", default="kaoguan")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    try:
        running_port = _port_of_running(data_dir)
        server = PostgresServer.create(data_dir, running_port or args.port)
        if args.action == "stop":
            if running_port:
                server.stop()
            print(f"PostgreSQL in {server.data_dir} stopped")
            return 0
        if not running_port:
            server.start()
        print(server.create_database(args.database))
    except (PostgresUnavailable, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
