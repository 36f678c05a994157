"""Connecting to a PostGIS team server, and saying in plain words what went wrong.

A team-server address is a ``postgresql://`` URL with a ``project`` parameter
(``postgresql://amina@db.city.go.ke:5432/mapping?project=kibera``). The password may
be in the URL, in ``PGPASSWORD`` or in ``~/.pgpass`` (libpq reads both); it is never
written to a project file and never shown: every message names the server by its
URL *without* the password (:func:`redact`), and any text from the server is scrubbed
of it too.

Every failure becomes a :class:`ServerError` (a :class:`~layers.errors.ProjectError`)
carrying one sentence: a wrong password, an unknown host, a server that is not
running, a database that does not exist, a connection dropped in the middle of work.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors

from layers.errors import ProjectError
from layers.i18n import tr

#: Seconds to wait for a server that does not answer before saying so.
CONNECT_TIMEOUT = 10
#: An editor's transaction left open this long (a frozen laptop) is ended by the server,
#: so that it never holds others' edits.
IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000

_SCHEMES = ("postgresql://", "postgres://")
_PROJECT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


class ServerError(ProjectError):
    """A team server cannot be reached, read or written."""


class ServerConnectionError(ServerError):
    """The server cannot be reached, or refused the user, or the connection dropped."""


class ServerPasswordError(ServerConnectionError):
    """The server refused the user name or password (or wants a password it was not given)."""


class ServerSchemaError(ServerError):
    """The database is not a Quartier team server of this version (or has no PostGIS)."""


class ServerPermissionError(ServerError):
    """The server refused the change: the user's role does not allow it."""


class VerifiedFeatureError(ServerPermissionError):
    """A mapper tried to change a feature a facilitator has verified."""


@dataclass(frozen=True)
class ServerAddress:
    """A parsed team-server URL."""

    #: The URL libpq connects with (password included, ``project`` removed).
    conninfo: str
    #: The same URL without the password, for messages and ``location``.
    shown: str
    #: Host name (or socket folder) for messages.
    host: str
    #: Port for messages.
    port: int
    #: Database name.
    database: str
    #: User name ("" when libpq's default applies).
    user: str
    #: Project name from ``?project=`` ("" when none).
    project: str
    #: The password given in the URL ("" when none): scrubbed from every message.
    password: str


def redact(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    netloc = f"{user}:***@{host}" + (f":{parts.port}" if _port_or_none(parts) else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _port_or_none(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def parse_address(url: str, need_project: bool = False) -> ServerAddress:
    """Read a ``postgresql://`` URL; a malformed one is refused in a plain sentence."""
    shown = redact(url)
    example = "postgresql://user@host:5432/database?project=NAME"
    if not url.startswith(_SCHEMES):
        raise ServerConnectionError(tr("{address} is not a team-server address; write it as "
                                       "{example}.", address=shown, example=example))
    try:
        parts = urlsplit(url)
        port = parts.port or 5432
    except ValueError as error:
        raise ServerConnectionError(tr("{address} is not a valid team-server address "
                                       "({reason}); write it as {example}.", address=shown,
                                       reason=error, example=example)) from None
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise ServerConnectionError(tr("{address} names no database; write it as {example}.",
                                       address=shown, example=example))
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    project = query.pop("project", "")
    if project and not _PROJECT_NAME.match(project):
        raise ServerConnectionError(tr(
            "“{project}” cannot be a project name on a team server: use letters, digits, "
            "- and _ (up to 40), starting with a letter or digit.", project=project))
    if need_project and not project:
        raise ServerConnectionError(tr("{address} names no project; add ?project=NAME to it.",
                                       address=shown))
    query.setdefault("connect_timeout", str(CONNECT_TIMEOUT))
    query.setdefault("application_name", "quartier")
    conninfo = urlunsplit(parts._replace(scheme="postgresql", query=urlencode(query)))
    without_project = {k: v for k, v in dict(parse_qsl(parts.query)).items() if k != "project"}
    shown_query = urlencode({**without_project, **({"project": project} if project else {})})
    shown = redact(urlunsplit(parts._replace(query=shown_query)))
    return ServerAddress(conninfo=conninfo, shown=shown, host=parts.hostname or "localhost",
                         port=port, database=database, user=unquote(parts.username or ""),
                         project=project, password=unquote(parts.password or ""))


def with_project(address: ServerAddress, project: str) -> str:
    """The shown URL of ``address`` naming ``project``."""
    parts = urlsplit(address.shown)
    query = dict(parse_qsl(parts.query))
    query["project"] = project
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def without_password(address: ServerAddress) -> str:
    """The address to record (in a checked-out file): no password at all, not even ``***``."""
    parts = urlsplit(address.shown)
    netloc = quote(address.user, safe="") + "@" if address.user else ""
    netloc += parts.hostname or ""
    netloc += f":{address.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def scrub(text: str, address: ServerAddress) -> str:
    """Server text with the password removed, on one line."""
    if address.password:
        text = text.replace(address.password, "***")
        text = text.replace(quote(address.password, safe=""), "***")
    return " ".join(text.split())


def connect(address: ServerAddress, *, autocommit: bool = False,
            lock_timeout: float | None = None) -> psycopg.Connection:
    """Open a connection; every refusal becomes one plain sentence."""
    options = f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_MS}"
    if lock_timeout is not None:
        options += f" -c lock_timeout={int(lock_timeout * 1000)}"
    try:
        return psycopg.connect(address.conninfo, autocommit=autocommit, options=options)
    except psycopg.Error as error:
        raise connection_failure(error, address) from None


def connection_failure(error: BaseException, address: ServerAddress) -> ServerError:
    """The plain sentence for a failed connection attempt."""
    text = scrub(str(error), address).lower()
    where = f"{address.host}:{address.port}"
    who = address.user or tr("this user")
    if "password authentication failed" in text or "no password supplied" in text \
            or "password" in text and "authentication" in text:
        return ServerPasswordError(tr(
            "The server at {where} refused the user name or password for {who}. Check them "
            "(Quartier never stores the password in the project).", where=where, who=who))
    if f'database "{address.database.lower()}" does not exist' in text:
        return ServerConnectionError(tr(
            "The server at {where} has no database called “{database}”. Check the "
            "address, or ask its administrator to create it.", where=where,
            database=address.database))
    if "role" in text and "does not exist" in text:
        return ServerConnectionError(tr(
            "The server at {where} has no user called {who}. Check the user name, or ask its "
            "administrator to add you (quartier server roles add).", where=where, who=who))
    if "could not translate host name" in text or "name or service not known" in text:
        return ServerConnectionError(tr(
            "The server name {host} is unknown. Check the address (and the network).",
            host=address.host))
    if "timeout expired" in text or "timed out" in text:
        return ServerConnectionError(tr(
            "The server at {where} did not answer within {seconds} seconds. Check the "
            "address and the network.", where=where, seconds=CONNECT_TIMEOUT))
    if "connection refused" in text or "could not connect" in text \
            or "no such file or directory" in text:
        return ServerConnectionError(tr(
            "Cannot reach a PostgreSQL server at {where}: none is running there, or a "
            "firewall blocks it. Check the address and the port.", where=where))
    if "pg_hba.conf" in text:
        return ServerConnectionError(tr(
            "The server at {where} does not accept {who} from this computer (its pg_hba.conf "
            "rules). Ask its administrator.", where=where, who=who))
    return ServerConnectionError(tr("Cannot connect to the server at {where}: {reason}",
                                    where=where, reason=scrub(str(error), address)))


@contextlib.contextmanager
def plain_errors(address: ServerAddress, doing: str) -> Iterator[None]:
    """Turn database errors inside the block into plain sentences.

    ``doing`` completes "... while {doing}": a translated phrase that stands alone
    (``tr("publishing {name}", name=...)``, ``tr("reading the project")``).
    """
    where = f"{address.host}:{address.port}"
    try:
        yield
    except ProjectError:
        raise
    except pg_errors.InsufficientPrivilege as error:
        raise ServerPermissionError(tr(
            "The server refused this while {doing}: your role does not allow it ({reason}).",
            doing=doing, reason=scrub(error.diag.message_primary or str(error), address))
        ) from None
    except pg_errors.DiskFull as error:
        raise ServerError(tr("The server at {where} is out of disk space; nothing of this was "
                             "saved while {doing}. Ask its administrator to free space.",
                             where=where, doing=doing)) from error
    except (pg_errors.AdminShutdown, pg_errors.CrashShutdown, pg_errors.CannotConnectNow,
            pg_errors.IdleInTransactionSessionTimeout) as error:
        raise _dropped(where, doing) from error
    except psycopg.OperationalError as error:
        text = str(error).lower()
        if any(word in text for word in ("server closed", "terminat", "connection", "ssl syscall",
                                         "consuming input failed", "eof", "lost")):
            raise _dropped(where, doing) from error
        raise ServerError(tr("The server at {where} failed while {doing}: {reason}",
                             where=where, doing=doing,
                             reason=scrub(str(error), address))) from error
    except psycopg.Error as error:
        raise ServerError(tr("The server at {where} refused this while {doing}: {reason}",
                             where=where, doing=doing,
                             reason=scrub(str(error), address))) from error


def _dropped(where: str, doing: str) -> ServerConnectionError:
    return ServerConnectionError(tr(
        "The connection to the server at {where} was lost while {doing}; nothing of it was "
        "saved there. Try again when the server is back.", where=where, doing=doing))
