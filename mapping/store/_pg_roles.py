"""Team members on a team server: a login for each person, with one Quartier role.

Run by the database administrator (a user allowed to create roles). The password is
turned into a SCRAM verifier on this computer (libpq's ``PQencryptPasswordConn``), so
the plain password never travels to the server nor lands in its statement log; it is
never printed or stored in a project.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from layers.i18n import tr
from mapping.store._pg_connect import (
    ServerAddress,
    ServerError,
    ServerPermissionError,
    connect,
    plain_errors,
)
from mapping.store._pg_schema import ROLES, check_server


def add_member(address: ServerAddress, user: str, role: str, password: str) -> str:
    """Create (or update) the login ``user`` as a Quartier ``role``; returns a sentence.

    Parameters
    ----------
    address
        The team server.
    user
        The person's login name.
    role
        ``facilitator``, ``mapper`` or ``viewer``.
    password
        Their password (not printed, not stored here).
    """
    if role not in ROLES:
        raise ServerError(tr("“{role}” is not a Quartier role: choose facilitator, mapper or "
                             "viewer.", role=role))
    if not user or len(user) > 63 or user.startswith(("pg_", "quartier_")):
        raise ServerError(tr("“{user}” cannot be a login name on the team server.", user=user))
    if len(password) < 8:
        raise ServerError(tr("Choose a password of at least 8 characters."))
    connection = connect(address)
    try:
        with plain_errors(address, tr("adding {name}", name=user)), connection.transaction():
            check_server(connection, address)
            verifier = connection.pgconn.encrypt_password(
                password.encode(), user.encode(), b"scram-sha-256").decode()
            exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                        (user,)).fetchone()
            name = sql.Identifier(user)
            try:
                with connection.transaction():
                    if exists:
                        connection.execute(sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(
                            name, sql.Literal(verifier)))
                    else:
                        connection.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                            name, sql.Literal(verifier)))
            except psycopg.errors.InsufficientPrivilege:
                raise ServerPermissionError(tr(
                    "This user may not add people to the team server; ask its administrator "
                    "(a user allowed to create roles) to run this.")) from None
            for other in ROLES.values():
                connection.execute(sql.SQL("REVOKE {} FROM {}").format(
                    sql.Identifier(other), name))
            connection.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(ROLES[role]),
                                                                  name))
    finally:
        connection.close()
    where = f"{address.host}:{address.port}/{address.database}"
    if exists:
        return tr("{user} updated as {role} on {where}.", user=user, role=role, where=where)
    return tr("{user} added as {role} on {where}.", user=user, role=role, where=where)
