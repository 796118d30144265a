"""The DuckDB peer: what an analyst would pick instead of SQLite or PostgreSQL for these
figures, a columnar engine inside the app's process.

The benchmark database's tables are copied into a DuckDB file beside it (DuckDB cannot read
the SQLite file itself here: its SQLite reader is an extension it downloads, and this machine
has no internet), and the project's own queries run there unchanged: SQLAlchemy through
duckdb_engine, whose SQL is PostgreSQL's. So the comparison is one of engines, same SQL, same
figures (checked equal first, by bench/peer.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
from sqlalchemy import Date, DateTime, Engine, Integer, create_engine, inspect

from data_access.db import create_engine_for
from data_access.schema import metadata


def copy_into_duckdb(url: str, path: Path) -> float:
    """Every table of the schema created in a new DuckDB file, the data of every table copied
    from the database at `url`; seconds taken."""
    started = time.perf_counter()
    path.unlink(missing_ok=True)
    source = create_engine_for(url)
    target = create_engine(f"duckdb:///{path}")
    present = set(inspect(source).get_table_names())
    with source.connect() as src, target.begin() as dst:
        duck = dst.connection.driver_connection
        for table in metadata.sorted_tables:
            if table.name not in present:
                continue
            # Read through the schema's types (dates as dates, not SQLite's text), and the
            # DuckDB table made from the frame (duckdb_engine has no SERIAL for create_all).
            frame = pd.read_sql_table(table.name, src)
            for column in table.columns:
                if isinstance(column.type, Integer) and frame[column.name].isna().any():
                    frame[column.name] = frame[column.name].astype("Int64")
            columns = ", ".join(
                f'CAST("{c.name}" AS DATE) AS "{c.name}"'
                if isinstance(c.type, Date) and not isinstance(c.type, DateTime)
                else f'"{c.name}"'
                for c in table.columns
            )
            duck.register("copied", frame)
            duck.execute(f'CREATE TABLE "{table.name}" AS SELECT {columns} FROM copied')
            duck.unregister("copied")
    source.dispose()
    target.dispose()
    return time.perf_counter() - started


def engine_for_copy(path: Path) -> Engine:
    return create_engine(f"duckdb:///{path}")
