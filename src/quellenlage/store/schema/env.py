"""Alembic's environment for the store's schema (:mod:`quellenlage.store.migrations` runs it).

The migrations run on the connection :func:`~quellenlage.store.migrations.migrate` gives, inside its one
writing transaction: on SQLite that holds the write lock (``BEGIN IMMEDIATE``), on PostgreSQL the store's
advisory lock, so two processes opening a new store at once never run a step twice. Each applied version
is also written to ``schema_migrations`` (when, and its name), the store's history since before Alembic.
"""

from alembic import context

from quellenlage.store.migrations import record_applied

context.configure(
    connection=context.config.attributes["connection"],
    transaction_per_migration=False,
    on_version_apply=record_applied,
)
with context.begin_transaction():
    context.run_migrations()
