"""The Quartier schema on a PostGIS team server: its tables, roles and row rules.

One database holds any number of projects. The ``quartier`` schema holds what the
server is (its layout version) and the list of projects; each project lives in a
schema of its own (``project_kibera``) with the same tables as the project file:
``quartier_metadata``, ``quartier_layers``, the base and analysis layers, the four
participatory layers, ``quartier_edit_history`` and ``quartier_mapping_sessions``,
so QGIS or ``ogrinfo PG:`` read them as ordinary PostGIS tables.

Three roles say who may do what, and the database itself enforces it (GRANTs and
row-level security policies), not only Quartier:

* ``quartier_facilitator``: everything, including marking features verified and
  publishing projects (project tables are owned by this role);
* ``quartier_mapper``: reads everything, adds and edits *draft* participatory
  features (a verified one is out of reach; setting ``verified`` is refused);
* ``quartier_viewer``: reads.

The history is append-only for mappers: they may add rows, never change one.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from layers import participatory
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import HISTORY_TABLE, SESSIONS_TABLE
from mapping.store._pg_connect import (
    ServerAddress,
    ServerPermissionError,
    ServerSchemaError,
    connect,
    plain_errors,
)
from mapping.store.schema import LAYERS_TABLE, METADATA_TABLE, QUARTIER_VERSION

#: Layout version of the server schema; a server of another version is refused.
SERVER_SCHEMA_VERSION = 1
SERVER_SCHEMA = "quartier"
#: One row: the number of the last edit, taken at the end of each edit's transaction so
#: that edits are numbered in the order they are committed (see changes_since).
COUNTER_TABLE = "quartier_edit_counter"
FACILITATOR = "quartier_facilitator"
MAPPER = "quartier_mapper"
VIEWER = "quartier_viewer"
ROLES = {"facilitator": FACILITATOR, "mapper": MAPPER, "viewer": VIEWER}
#: Channel of the notification sent after each edit.
EDITS_CHANNEL = "quartier_edits"

_PG_TYPES = {"TEXT": "text", "INTEGER": "bigint", "REAL": "double precision",
             "DATETIME": "text"}


def project_schema(project: str) -> str:
    """The PostgreSQL schema that holds a project (``project_kibera``)."""
    return "project_" + project.lower().replace("-", "_")


def init_server(address: ServerAddress) -> str:
    """Create the Quartier schema and roles in a PostGIS database (again: no change).

    Returns
    -------
    str
        What was done, in a sentence.

    Raises
    ------
    ServerSchemaError
        PostGIS is not available, or the database holds a Quartier schema of another version.
    """
    connection = connect(address)
    try:
        with plain_errors(address, tr("preparing the database")), connection.transaction():
            _ensure_postgis(connection, address)
            found = _schema_version(connection)
            if found is not None:
                _refuse_other_version(found, address)
                _create_roles(connection)
                _grant_server(connection, address)
                return tr("{address} is already a Quartier team server (schema version "
                          "{version}); nothing to do.", address=address.shown, version=found)
            _create_roles(connection)
            connection.execute(sql.SQL(
                "CREATE SCHEMA {s};"
                "CREATE TABLE {s}.schema_version (version integer NOT NULL,"
                " quartier_version text, created_at timestamptz NOT NULL DEFAULT now());"
                "CREATE TABLE {s}.projects (name text PRIMARY KEY, schema_name text NOT NULL"
                " UNIQUE, title text, published_at timestamptz NOT NULL DEFAULT now(),"
                " published_by text NOT NULL DEFAULT current_user)"
            ).format(s=sql.Identifier(SERVER_SCHEMA)))
            connection.execute(sql.SQL(
                "INSERT INTO {s}.schema_version (version, quartier_version) VALUES (%s, %s)"
            ).format(s=sql.Identifier(SERVER_SCHEMA)), (SERVER_SCHEMA_VERSION, QUARTIER_VERSION))
            _grant_server(connection, address)
    finally:
        connection.close()
    return tr("{address} is now a Quartier team server (schema version {version}, roles "
              "{facilitator}, {mapper}, {viewer}).", address=address.shown,
              version=SERVER_SCHEMA_VERSION, facilitator=FACILITATOR, mapper=MAPPER,
              viewer=VIEWER)


def _ensure_postgis(connection: psycopg.Connection, address: ServerAddress) -> None:
    installed = connection.execute(
        "SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone()
    if installed:
        return
    available = connection.execute(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
    if not available:
        raise ServerSchemaError(tr(
            "The server at {where} is PostgreSQL without PostGIS. Ask its administrator to "
            "install PostGIS (on Debian: postgresql-15-postgis-3).",
            where=f"{address.host}:{address.port}"))
    try:
        with connection.transaction():
            connection.execute("CREATE EXTENSION postgis")
    except psycopg.errors.InsufficientPrivilege:
        raise ServerSchemaError(tr(
            "The database “{database}” at {where} has no PostGIS, and this user may not add "
            "it. Ask the administrator to run CREATE EXTENSION postgis in it.",
            database=address.database, where=f"{address.host}:{address.port}")) from None


def _schema_version(connection: psycopg.Connection) -> int | None:
    exists = connection.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name ="
        " 'schema_version'", (SERVER_SCHEMA,)).fetchone()
    if not exists:
        return None
    row = connection.execute(sql.SQL("SELECT max(version) FROM {}.schema_version").format(
        sql.Identifier(SERVER_SCHEMA))).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def _refuse_other_version(found: int, address: ServerAddress) -> None:
    if found == SERVER_SCHEMA_VERSION:
        return
    where = f"{address.host}:{address.port}"
    if found > SERVER_SCHEMA_VERSION:
        raise ServerSchemaError(tr(
            "The team server at {where} holds Quartier projects in schema version {found}; "
            "this Quartier uses version {version}. Update Quartier to work with it.",
            where=where, found=found, version=SERVER_SCHEMA_VERSION))
    raise ServerSchemaError(tr(
        "The team server at {where} holds Quartier projects in schema version {found}; this "
        "Quartier uses version {version}. Ask its administrator to upgrade the server's "
        "projects.", where=where, found=found, version=SERVER_SCHEMA_VERSION))


def check_server(connection: psycopg.Connection, address: ServerAddress) -> None:
    """Refuse a database that is not a Quartier team server of this version."""
    where = f"{address.host}:{address.port}"
    postgis = connection.execute(
        "SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone()
    if not postgis:
        raise ServerSchemaError(tr(
            "The database “{database}” at {where} has no PostGIS: it is not a Quartier "
            "team server. Run quartier server init on it first.", database=address.database,
            where=where))
    found = _schema_version(connection)
    if found is None:
        raise ServerSchemaError(tr(
            "The database “{database}” at {where} is not a Quartier team server yet. "
            "Run quartier server init on it first.", database=address.database, where=where))
    _refuse_other_version(found, address)


def _create_roles(connection: psycopg.Connection) -> None:
    for role in (VIEWER, MAPPER, FACILITATOR):
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                    (role,)).fetchone()
        if not exists:
            try:
                with connection.transaction():
                    connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(
                        sql.Identifier(role)))
            except psycopg.errors.InsufficientPrivilege:
                raise ServerPermissionError(tr(
                    "This user may not create the Quartier roles ({facilitator}, {mapper}, "
                    "{viewer}). Run quartier server init as the database administrator.",
                    facilitator=FACILITATOR, mapper=MAPPER, viewer=VIEWER)) from None
            except psycopg.errors.DuplicateObject:
                pass  # made by another init at the same moment


def _grant_server(connection: psycopg.Connection, address: ServerAddress) -> None:
    schema = sql.Identifier(SERVER_SCHEMA)
    everyone = sql.SQL(", ").join(sql.Identifier(r) for r in (VIEWER, MAPPER, FACILITATOR))
    connection.execute(sql.SQL("GRANT USAGE ON SCHEMA {s} TO {all};"
                               "GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {all};"
                               "GRANT INSERT, UPDATE, DELETE ON {s}.projects TO {f};"
                               "GRANT CONNECT ON DATABASE {db} TO {all};"
                               "GRANT CREATE ON DATABASE {db} TO {f}").format(
        s=schema, all=everyone, f=sql.Identifier(FACILITATOR),
        db=sql.Identifier(address.database)))


def create_project_tables(connection: psycopg.Connection, schema: str) -> None:
    """The project's own tables (all but the base layers), empty, with their rules.

    Runs inside the publishing transaction, as ``quartier_facilitator``.
    """
    s = sql.Identifier(schema)
    connection.execute(sql.SQL(
        "CREATE SCHEMA {s};"
        "CREATE TABLE {s}.{meta} (key text PRIMARY KEY, value text);"
        "CREATE TABLE {s}.{layers} (name text PRIMARY KEY, kind text NOT NULL, title text,"
        " source text, added_at text, draw_order integer, visible boolean NOT NULL DEFAULT true,"
        " opacity double precision NOT NULL DEFAULT 1.0, style jsonb NOT NULL DEFAULT '{{}}');"
        "CREATE TABLE {s}.{sessions} (id text PRIMARY KEY, name text, started_at text,"
        " facilitator text);"
        "CREATE TABLE {s}.{history} (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        " layer text NOT NULL, uuid text NOT NULL, version integer NOT NULL,"
        " action text NOT NULL, contributor text, mapping_session text, at text, preset text,"
        " tags jsonb, geometry_wkb bytea, attributes jsonb, edit_id bigint NOT NULL, note text,"
        " UNIQUE (layer, uuid, version));"
        "CREATE INDEX ON {s}.{history} (edit_id);"
        "CREATE TABLE {s}.{counter} (only_row boolean PRIMARY KEY DEFAULT true"
        " CHECK (only_row), last_edit_id bigint NOT NULL DEFAULT 0);"
        "INSERT INTO {s}.{counter} DEFAULT VALUES"
    ).format(s=s, meta=sql.Identifier(METADATA_TABLE), layers=sql.Identifier(LAYERS_TABLE),
             sessions=sql.Identifier(SESSIONS_TABLE), history=sql.Identifier(HISTORY_TABLE),
             counter=sql.Identifier(COUNTER_TABLE)))
    for layer in ParticipatoryLayer:
        _create_participatory_table(connection, schema, layer)


def _create_participatory_table(connection: psycopg.Connection, schema: str,
                                layer: ParticipatoryLayer) -> None:
    columns: list[sql.Composable] = [sql.SQL("fid bigint GENERATED BY DEFAULT AS IDENTITY UNIQUE")]
    for field in participatory.fields(layer):
        if field.name == "uuid":
            kind = "text PRIMARY KEY"
        elif field.name == "tags":
            kind = "jsonb NOT NULL DEFAULT '{{}}'"
        elif field.name == "version":
            kind = "integer NOT NULL CHECK (version >= 1)"
        elif field.name == "review_status":
            kind = "text NOT NULL DEFAULT 'draft' CHECK (review_status IN ('draft', 'verified'))"
        else:
            kind = _PG_TYPES[field.sql_type]
        columns.append(sql.SQL("{} " + kind).format(sql.Identifier(field.name)))
    geometry_type = participatory.GEOMETRY_TYPES[layer]
    columns.append(sql.SQL(f"geom geometry({geometry_type}, 4326)"))
    table = sql.Identifier(schema, str(layer))
    connection.execute(sql.SQL("CREATE TABLE {} ({})").format(table, sql.SQL(", ").join(columns)))
    connection.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(table))


def grant_project(connection: psycopg.Connection, schema: str) -> None:
    """GRANTs and row-level security on a project's tables (at the end of publishing)."""
    s = sql.Identifier(schema)
    f, m, v = (sql.Identifier(r) for r in (FACILITATOR, MAPPER, VIEWER))
    connection.execute(sql.SQL(
        "GRANT USAGE ON SCHEMA {s} TO {v}, {m}, {f};"
        "GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {v}, {m}, {f};"
        "GRANT ALL ON ALL TABLES IN SCHEMA {s} TO {f};"
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {m}, {f};"
        "GRANT INSERT ON {s}.{history} TO {m};"
        "GRANT INSERT ON {s}.{sessions} TO {m};"
        "GRANT UPDATE ON {s}.{counter} TO {m}"
    ).format(s=s, f=f, m=m, v=v, history=sql.Identifier(HISTORY_TABLE),
             sessions=sql.Identifier(SESSIONS_TABLE), counter=sql.Identifier(COUNTER_TABLE)))
    for layer in ParticipatoryLayer:
        table = sql.Identifier(schema, str(layer))
        # Policies bind every role but the table's owner (quartier_facilitator owns it);
        # FORCE makes them bind the facilitator's members too, through their own policy.
        connection.execute(sql.SQL(
            "GRANT INSERT, UPDATE, DELETE ON {t} TO {m};"
            "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;"
            "ALTER TABLE {t} FORCE ROW LEVEL SECURITY;"
            "CREATE POLICY everyone_reads ON {t} FOR SELECT TO {v}, {m}, {f} USING (true);"
            "CREATE POLICY facilitator_all ON {t} FOR ALL TO {f} USING (true) WITH CHECK (true);"
            "CREATE POLICY mapper_adds_drafts ON {t} FOR INSERT TO {m}"
            " WITH CHECK (review_status = 'draft');"
            "CREATE POLICY mapper_edits_drafts ON {t} FOR UPDATE TO {m}"
            " USING (review_status = 'draft') WITH CHECK (review_status = 'draft');"
            "CREATE POLICY mapper_deletes_drafts ON {t} FOR DELETE TO {m}"
            " USING (review_status = 'draft')"
        ).format(t=table, f=f, m=m, v=v))
    history = sql.Identifier(schema, HISTORY_TABLE)
    connection.execute(sql.SQL(
        "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;"
        "ALTER TABLE {t} FORCE ROW LEVEL SECURITY;"
        "CREATE POLICY everyone_reads ON {t} FOR SELECT TO {v}, {m}, {f} USING (true);"
        "CREATE POLICY facilitator_all ON {t} FOR ALL TO {f} USING (true) WITH CHECK (true);"
        "CREATE POLICY mapper_appends ON {t} FOR INSERT TO {m}"
        " WITH CHECK (action <> 'review' AND coalesce(attributes->>'review_status', 'draft')"
        " = 'draft')"
    ).format(t=history, f=f, m=m, v=v))
