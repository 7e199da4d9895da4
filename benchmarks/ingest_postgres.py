"""benchmarks/ingest.py against a throwaway PostgreSQL 15 server, started and removed the
way the test suite does it (tests/pg.py: Debian's binaries, a free port, fsync off).

    python benchmarks/ingest_postgres.py --articles 300                      # synthetic
    python benchmarks/ingest_postgres.py --gva ../shared/data/gva --articles 300

Every argument goes to benchmarks/ingest.py; ``--db`` is this server.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pg  # the test suite's throwaway-server helper


def main(argv: list[str]) -> int:
    start = getattr(pg.postgres_server, "__wrapped__", pg.postgres_server)  # the fixture's function
    servers = start()
    server = next(servers)
    try:
        url = f"postgresql://{server.user}@{server.host}:{server.port}/postgres"
        command = [sys.executable, str(ROOT / "benchmarks" / "ingest.py"), "--db", url, *argv]
        return subprocess.run(command, check=False, cwd=ROOT).returncode
    finally:
        next(servers, None)  # stops the server and removes its files


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
