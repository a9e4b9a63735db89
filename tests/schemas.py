"""The schema each engine ends up with, read from its catalog into one comparable shape:
tables with their columns in order, keys, foreign keys, CHECK value lists and named indexes.

SQLite's declared types are mapped to the PostgreSQL types the migrations must use there
(`expected_postgres_type`), so one equality covers both the structure and the type rules.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from bot.storage.migrate import MIGRATIONS_DIR, migrations

POSTGRES_DIR = MIGRATIONS_DIR / "postgresql"


def postgres_migrations() -> list[Path]:
    """The shared files in order, each replaced by its PostgreSQL form where there is one."""
    return [POSTGRES_DIR / p.name if (POSTGRES_DIR / p.name).exists() else p for p in migrations()]


@dataclass
class Table:
    columns: list[tuple[str, str, bool, str | None]] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()
    unique: set[tuple[str, ...]] = field(default_factory=set)
    foreign_keys: set[tuple[tuple[str, ...], str, tuple[str, ...], str]] = field(
        default_factory=set)
    checks: set[tuple[str, frozenset[str]]] = field(default_factory=set)


@dataclass
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)
    # name -> (table, columns, unique, predicate)
    indexes: dict[str, tuple[str, tuple[str, ...], bool, str]] = field(default_factory=dict)


def expected_postgres_type(column: str, sqlite_type: str) -> str:
    """Ids (row ids, Telegram ids, references to either) are BIGINT; other integers INTEGER."""
    if sqlite_type == "INTEGER":
        return "bigint" if column == "id" or column.endswith("_id") else "integer"
    return sqlite_type.lower()


def _predicate(text: str | None) -> str:
    """A partial index's WHERE clause without casts, parentheses or spacing differences."""
    return " ".join(re.sub(r"::\w+|[()]", "", text or "").split())


def _checks(sql: str, pattern: str) -> set[tuple[str, frozenset[str]]]:
    found = {(column, frozenset(re.findall(r"'([^']*)'", values)))
             for column, values in re.findall(pattern, sql)}
    assert len(found) == sql.count("CHECK"), f"a CHECK this test cannot read: {sql}"
    return found


def sqlite_schema(db: sqlite3.Connection) -> Schema:
    schema = Schema()
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite_%'"):
        table = schema.tables[name] = Table()
        info = db.execute(f"PRAGMA table_info({name})").fetchall()
        keys = sorted((pk, column) for _, column, _, _, _, pk in info if pk)
        table.primary_key = tuple(column for _, column in keys)
        for _, column, kind, notnull, default, pk in info:
            rowid = kind == "INTEGER" and table.primary_key == (column,)
            default = "identity" if rowid and column == "id" else default
            table.columns.append((column, expected_postgres_type(column, kind),
                                  bool(notnull or pk), default))
        for _, index, _, origin, _ in db.execute(f"PRAGMA index_list({name})"):
            if origin == "u":
                table.unique.add(tuple(r[2] for r in db.execute(f"PRAGMA index_info({index})")))
        references: dict[int, list[tuple[str, str, str, str]]] = {}
        for key, _, parent, column, parent_column, _, on_delete, _ in db.execute(
                f"PRAGMA foreign_key_list({name})"):
            references.setdefault(key, []).append((column, parent, parent_column, on_delete))
        for parts in references.values():
            table.foreign_keys.add((tuple(p[0] for p in parts), parts[0][1],
                                    tuple(p[2] for p in parts), parts[0][3]))
        table.checks = _checks(sql, r"CHECK \((\w+) IN \(([^)]*)\)\)")
    for name, table_name, sql in db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql NOT NULL"):
        columns = tuple(r[2] for r in db.execute(f"PRAGMA index_info({name})"))
        where = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else None
        schema.indexes[name] = (table_name, columns, sql.startswith("CREATE UNIQUE"),
                                _predicate(where))
    return schema


async def postgres_schema(db: asyncpg.Connection) -> Schema:
    schema = Schema()
    for row in await db.fetch(
            "SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity"
            " FROM information_schema.columns WHERE table_schema = 'public'"
            " ORDER BY table_name, ordinal_position"):
        default = "identity" if row["is_identity"] == "YES" else row["column_default"]
        schema.tables.setdefault(row["table_name"], Table()).columns.append(
            (row["column_name"], row["data_type"], row["is_nullable"] == "NO",
             default and re.sub(r"::\w+", "", default)))
    for row in await db.fetch(
            "SELECT conrelid::regclass::text AS table_name, contype::text,"
            " pg_get_constraintdef(oid) AS definition FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace"):
        table, kind, definition = (schema.tables[row["table_name"]], row["contype"],
                                   row["definition"])
        keyed = re.match(r"(?:PRIMARY KEY|UNIQUE|FOREIGN KEY) \(([^)]*)\)", definition)
        columns = tuple(keyed[1].split(", ")) if keyed else ()
        if kind == "p":
            table.primary_key = columns
        elif kind == "u":
            table.unique.add(columns)
        elif kind == "f":
            parent, parent_columns = re.findall(r"REFERENCES (\w+)\(([^)]*)\)", definition)[0]
            on_delete = re.findall(r"ON DELETE (SET NULL|CASCADE|RESTRICT|SET DEFAULT)",
                                   definition)
            table.foreign_keys.add((columns, parent, tuple(parent_columns.split(", ")),
                                    on_delete[0] if on_delete else "NO ACTION"))
        elif kind == "c":
            table.checks |= _checks(definition, r"CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)")
    for row in await db.fetch(
            "SELECT i.relname AS name, t.relname AS table_name, x.indisunique AS is_unique,"
            " pg_get_expr(x.indpred, x.indrelid) AS predicate,"
            " ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)"
            "       JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum"
            "       ORDER BY k.n) AS columns"
            " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relnamespace = 'public'::regnamespace"
            " AND x.indexrelid NOT IN"
            "     (SELECT conindid FROM pg_constraint WHERE contype IN ('p', 'u'))"):
        schema.indexes[row["name"]] = (row["table_name"], tuple(row["columns"]),
                                       row["is_unique"], _predicate(row["predicate"]))
    return schema
