"""Alembic environment: migrations run on the connection the app hands over (db.migrate)."""

from alembic import context

from data_access.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
