"""Everything about data: organisation config, schema, connection, queries, demo data."""
