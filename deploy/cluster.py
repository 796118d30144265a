"""The whole set on this machine: PostgreSQL, N Streamlit replicas, nginx in front, login.

    python -m deploy.cluster start [--replicas 2] [--port 8500]   # make cluster
    python -m deploy.cluster status                              # each replica's readiness
    python -m deploy.cluster stop                                # make cluster-stop

What `start` brings up, each process in its own session with its log under the folder
(default data/cluster/):
- PostgreSQL from the machine's binaries (deploy/postgres.py), data kept in the folder,
  unless --database-url names a database; two roles in it, as in production
  (data_access/roles.py): brobygger_owner owns the schema, migrates and may prune the audit
  log, brobygger_app, which the replicas run as, may only read and append to it; demo data
  when the database has none;
- unless --secrets names a secrets file with a real [auth] section: a local OpenID Connect
  provider (oidc-provider-mock, the one the login tests use; loopback only, it logs in whoever
  clicks) with one user per role, and a secrets file pointing at it;
- N replicas, `streamlit run app.py` on 127.0.0.1 (ports from --replica-port), all with
  BROBYGGER_REQUIRE_LOGIN=1, the same database and the same cookie secret (a login cookie
  made on one replica is valid on all), migrating at start under the migration lock;
- nginx (Debian's package) from deploy/nginx.conf.template: cookie affinity, websocket
  upgrade, long timeouts; as root it runs as an unprivileged user.
`start` returns when every replica answers /api/ready and the proxy answers; the processes
keep running until `stop`, which ends exactly the processes it started (by their recorded id).
Tests use the same code as a context manager: `with Cluster(folder, replicas=2) as cluster:`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from deploy.members import Member, State, _alive, _unprivileged, _wait_http, stop_members
from deploy.postgres import LocalPostgres, free_port

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
DEFAULT_DIR = PROJECT_ROOT / "data" / "cluster"
AFFINITY_COOKIE = "brobygger_replica"
DATABASE = "brobygger"
OWNER_ROLE = "brobygger_owner"  # owns the schema: migrations, audit prune
APP_ROLE = "brobygger_app"  # the replicas: SELECT and INSERT on the audit log, no more
NGINX_INSTALL = "apt-get install nginx"

# The local provider's users: one per role, and writers for the load test.
USERS: dict[str, dict] = {
    "udvalg": {"email": "ulla@kommune.dk", "name": "Ulla Udvalg", "roles": ["udvalg"]},
    "medarbejder": {"email": "mads@kommune.dk", "name": "Mads Gade", "roles": ["medarbejder"]},
    "leder": {"email": "lene@kommune.dk", "name": "Lene Leder", "roles": ["leder"]},
    "admin": {"email": "anna@kommune.dk", "name": "Anna Admin", "roles": ["admin"]},
    **{
        f"writer-{n}": {
            "email": f"writer{n}@kommune.dk",
            "name": f"Skribent {n}",
            "roles": ["medarbejder"],
        }
        for n in range(1, 11)
    },
}


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


class Cluster:
    def __init__(
        self,
        folder: Path = DEFAULT_DIR,
        replicas: int = 2,
        port: int | None = None,
        replica_ports: list[int] | None = None,
        database_url: str | None = None,
        owner_url: str | None = None,
        secrets_file: Path | None = None,
        demo: bool = True,
        env: dict[str, str] | None = None,
        upstream_header: bool = False,
    ):
        self.folder = Path(folder).resolve()
        self.replica_count = replicas
        self.port = port or free_port()
        self.replica_ports = replica_ports or [free_port() for _ in range(replicas)]
        self.database_url = database_url
        self.owner_url = owner_url
        self.secrets_file = secrets_file
        self.demo = demo
        self.env = env or {}
        # X-Brobygger-Replica in responses: which replica answered (tests; not for production).
        self.upstream_header = upstream_header
        self.state = State(str(self.folder))
        self.children: dict[int, subprocess.Popen] = {}
        self.postgres: LocalPostgres | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def replica_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.replica_ports]

    # ---- pieces ---------------------------------------------------------------------------
    def _spawn(self, name: str, args: list[str], marker: str, **kwargs) -> subprocess.Popen:
        log_path = self.folder / f"{name}.log"
        with log_path.open("a") as log:
            process = subprocess.Popen(
                args,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # survives `start` returning; stopped by `stop`
                **kwargs,
            )
        self.children[process.pid] = process
        self.state.members.append(Member(name, process.pid, marker, log=str(log_path)))
        self.state.save()
        return process

    def _start_database(self) -> str:
        if self.database_url:
            return self.database_url
        self.postgres = LocalPostgres(self.folder / "postgres").start()
        assert self.postgres.process is not None
        pid, log = self.postgres.process.pid, str(self.postgres.log_path)
        self.children[pid] = self.postgres.process
        self.state.members.append(Member("postgres", pid, "postgres", log=log))
        self.state.save()
        for role in (OWNER_ROLE, APP_ROLE):
            self.postgres.create_role(role)
        superuser_url = self.postgres.create_database(DATABASE, owner=OWNER_ROLE)
        self._hand_over(superuser_url)
        self.owner_url = self.postgres.url(DATABASE, user=OWNER_ROLE)
        return self.postgres.url(DATABASE, user=APP_ROLE)

    @staticmethod
    def _hand_over(superuser_url: str) -> None:
        """A database kept from a cluster of one role: its tables go to the owner."""
        from data_access.db import create_engine_for
        from data_access.roles import hand_over

        engine = create_engine_for(superuser_url)
        try:
            with engine.begin() as conn:
                hand_over(conn, OWNER_ROLE)
        finally:
            engine.dispose()

    def _start_identity_provider(self) -> Path:
        if self.secrets_file:
            return self.secrets_file
        port = free_port()
        users = {f"sub-{name}": claims for name, claims in USERS.items()}
        process = self._spawn(
            "oidc",
            [
                sys.executable,
                "-m",
                "tests.browser.oidc_provider",
                f"--port={port}",
                f"--users={json.dumps(users)}",
            ],
            "tests.browser.oidc_provider",
            cwd=PROJECT_ROOT,
        )
        provider = f"http://127.0.0.1:{port}"
        _wait_http(f"{provider}/.well-known/openid-configuration", 60, process)
        secret_path = self.folder / "secrets.toml"
        cookie_secret = secrets.token_urlsafe(32)  # the same for every replica
        secret_path.write_text(
            f"""# Made by deploy/cluster.py for the local trial: login at the local test provider.
[auth]
redirect_uri = "{self.url}/oauth2callback"
cookie_secret = "{cookie_secret}"
client_id = "brobygger-cluster"
client_secret = "cluster-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[auth.client_kwargs]
# The replica's calls to the provider (token, keys) wait up to 30 s, not httpx's 5 s: the local
# test provider is one Python process sharing a busy machine with everything else.
timeout = 30
""",
            encoding="utf-8",
        )
        secret_path.chmod(0o600)
        return secret_path

    def _start_replica(self, index: int, port: int, db_url: str, secrets_path: Path) -> None:
        env = {
            **os.environ,
            "BROBYGGER_DATABASE_URL": db_url,
            "BROBYGGER_REQUIRE_LOGIN": "1",
            **self.env,
        }
        if self.owner_url:  # migrates as the owner at start and grants the app's role
            env["BROBYGGER_DATABASE_OWNER_URL"] = self.owner_url
        self._spawn(
            f"replica-{index}",
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                f"--server.port={port}",
                "--server.address=127.0.0.1",
                "--server.headless=true",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
                f"--secrets.files={secrets_path}",
            ],
            f"--server.port={port}",
            cwd=PROJECT_ROOT,
            env=env,
        )
        self.state.members[-1].url = f"http://127.0.0.1:{port}"

    def nginx_config(self) -> str:
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;"
            for port in self.replica_ports
        )
        header = (
            "            add_header X-Brobygger-Replica $upstream_addr always;"
            if self.upstream_header
            else ""
        )
        return TEMPLATE.read_text(encoding="utf-8").format(
            prefix=self.folder / "nginx",
            listen=f"127.0.0.1:{self.port}",
            servers=servers,
            cookie=AFFINITY_COOKIE,
            cookie_flags="",  # behind TLS: "; Secure"
            upstream_header=header,
        )

    def _start_nginx(self) -> None:
        nginx = find_nginx()
        if nginx is None:
            raise FileNotFoundError(f"nginx not found ({NGINX_INSTALL})")
        prefix = self.folder / "nginx"
        for sub in ("", "tmp"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        (prefix / "nginx.conf").write_text(self.nginx_config(), encoding="utf-8")
        user = _unprivileged()
        as_user: dict = {}
        if user is not None:  # the master itself unprivileged: it needs no root for a high port
            for path in (prefix, prefix / "tmp"):
                os.chown(path, user.pw_uid, user.pw_gid)
            for name in ("error.log", "access.log", "nginx.pid"):
                (prefix / name).touch()
                os.chown(prefix / name, user.pw_uid, user.pw_gid)
            as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        process = self._spawn(
            "nginx",
            [
                nginx,
                "-p",
                str(prefix),
                "-c",
                str(prefix / "nginx.conf"),
                "-e",
                str(prefix / "error.log"),
                "-g",
                "daemon off;",
            ],
            str(prefix / "nginx.conf"),
            **as_user,
        )
        _wait_http(f"{self.url}/_stcore/health", 30, process)

    # ---- the whole -------------------------------------------------------------------------
    def start(self, timeout: float = 180) -> Cluster:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # PostgreSQL and nginx run as other users: they must get in
            self.folder.chmod(self.folder.stat().st_mode | 0o055)
        existing = State.load(self.folder)
        if existing and any(_alive(m) for m in existing.members):
            raise RuntimeError(f"a cluster is already running from {self.folder} (stop it first)")
        try:
            db_url = self._start_database()
            self.state.database_url = db_url
            self.state.owner_url = self.owner_url or ""
            self._prepare(db_url)
            secrets_path = self._start_identity_provider()
            # All replicas at once: the migration lock makes them take turns.
            for index, port in enumerate(self.replica_ports, start=1):
                self._start_replica(index, port, db_url, secrets_path)
            for member in self.state.replicas():
                _wait_http(f"{member.url}/api/ready", timeout, self.children.get(member.pid))
            self._start_nginx()
        except BaseException:
            self.stop()
            raise
        self.state.url = self.url
        self.state.save()
        return self

    def _prepare(self, db_url: str) -> None:
        """Demo data, when asked, before the replicas start: the schema first (as the owner,
        granting the app's role, as a replica does at start). Without demo data the replicas
        migrate the empty database between them."""
        from data_access.db import create_engine_for, has_activity, prepare_database
        from data_access.demo import write_demo
        from data_access.organisation import load_organisation
        from data_access.settings import ORG_FILE

        if not self.demo:
            return
        prepare_database(db_url, self.owner_url)
        engine = create_engine_for(self.owner_url or db_url)
        try:
            if not has_activity(engine):
                write_demo(engine, load_organisation(ORG_FILE.value()))
        finally:
            engine.dispose()

    def stop(self) -> None:
        order = sorted(
            self.state.members,
            key=lambda m: {"nginx": 0, "postgres": 3, "oidc": 2}.get(m.name, 1),
        )
        stop_members(order, self.children)
        self.state.members = []
        self.state.save()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def replica_memory_kib(pid: int) -> tuple[int, int]:
    """(resident now, peak resident) of a process, in KiB, from /proc."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="runtime folder")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8500, help="the proxy's port")
    parser.add_argument("--replica-port", type=int, default=8601, help="the first replica's")
    parser.add_argument("--database-url", help="use this database instead of our own server")
    parser.add_argument(
        "--owner-url", help="with --database-url: the schema owner's URL (two roles)"
    )
    parser.add_argument("--secrets", type=Path, help="a secrets file with a real [auth]")
    args = parser.parse_args(argv)
    folder = args.dir.resolve()
    if args.command == "stop":
        state = State.load(folder)
        if state is None or not state.members:
            print("no cluster running from", folder)
            return 0
        order = sorted(
            state.members, key=lambda m: {"nginx": 0, "postgres": 3, "oidc": 2}.get(m.name, 1)
        )
        stop_members(order, {})
        state.members = []
        state.save()
        print("stopped")
        return 0
    if args.command == "status":
        state = State.load(folder)
        if state is None or not state.members:
            print("no cluster running from", folder)
            return 1
        for member in state.members:
            line = f"{member.name:12} pid {member.pid:7} {'up' if _alive(member) else 'DOWN'}"
            if member.url:
                try:
                    with urllib.request.urlopen(f"{member.url}/api/ready", timeout=5) as r:
                        line += f"  {member.url}  {r.read().decode()}"
                except (OSError, urllib.error.HTTPError) as error:
                    line += f"  {member.url}  not ready ({error})"
            print(line)
        return 0
    ports = [args.replica_port + i for i in range(args.replicas)]
    cluster = Cluster(
        folder,
        replicas=args.replicas,
        port=args.port,
        replica_ports=ports,
        database_url=args.database_url,
        owner_url=args.owner_url,
        secrets_file=args.secrets,
    )
    cluster.start()
    print(f"Brobygger runs at {cluster.url} ({args.replicas} replicas behind nginx)")
    if cluster.state.owner_url:
        print(
            f"The replicas run as {APP_ROLE} (the audit log: read and append only); "
            f"migrations and `python -m data_access.audit prune --url {cluster.state.owner_url}` "
            f"as {OWNER_ROLE}"
        )
    if not args.secrets:
        print("Log in at the local test provider as one of:", ", ".join(f"sub-{u}" for u in USERS))
    print(f"Logs and state in {folder}; stop with: make cluster-stop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
