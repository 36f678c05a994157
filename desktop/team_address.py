"""Team-server addresses as the window handles them: with a password in memory only.

A team project is named by a ``postgresql://user@host:port/database?project=NAME``
address. The window may hold one *with* the password the person typed (that is how
the store connects), but everything it shows or remembers (title, recent projects)
goes through :func:`without_password`, and a password is never written anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from mapping.store import is_server_url

#: A project location: a project file, or a team-server address.
Location = Path | str


def as_location(location: str | os.PathLike[str]) -> Location:
    """A team-server address as given, anything else as a file path."""
    return location if isinstance(location, str) and is_server_url(location) \
        else Path(location)


def is_team(location: object) -> bool:
    """Whether ``location`` is a team-server address."""
    return isinstance(location, str) and is_server_url(location)


def without_password(url: str) -> str:
    """``url`` with no password at all (not even ``***``): what may be shown or remembered."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}" if user else netloc))


def with_password(url: str, password: str) -> str:
    """``url`` carrying ``password`` (kept in memory, for connecting only)."""
    parts = urlsplit(without_password(url))
    host = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username or ""
    login = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    return urlunsplit(parts._replace(netloc=login + host))


def has_password(url: str) -> bool:
    """Whether the address itself carries a password."""
    return bool(urlsplit(url).password)


def project_name(url: str) -> str:
    """The ``project`` named by an address ("" when none)."""
    return dict(parse_qsl(urlsplit(url).query)).get("project", "")


def user_name(url: str) -> str:
    """The user named by an address ("" when none)."""
    return unquote(urlsplit(url).username or "")


def server_words(url: str) -> str:
    """Where the project is, for a person: ``amina@db.city.go.ke:5432/mapping``."""
    parts = urlsplit(without_password(url))
    return f"{parts.netloc}{parts.path}"


def team_url(server: str, user: str, project: str = "", password: str = "") -> str:
    """The address of ``project`` from what the Open team project dialog asks.

    ``server`` is ``host[:port]/database`` or a whole ``postgresql://`` address (whose
    user and project the other fields complete or replace when given).
    """
    server = server.strip()
    if not is_server_url(server):
        server = "postgresql://" + server.lstrip("/")
    parts = urlsplit(server)
    host = parts.netloc.rsplit("@", 1)[-1]
    user = user.strip() or unquote(parts.username or "")
    query = dict(parse_qsl(parts.query))
    if project:
        query["project"] = project
    else:
        query.pop("project", None)
    netloc = f"{quote(user, safe='')}@{host}" if user else host
    url = urlunsplit(parts._replace(netloc=netloc, query=urlencode(query)))
    return with_password(url, password) if password else url
