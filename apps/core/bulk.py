"""Rows written in bulk, without model instances (the directory's import and search index), and in chunks.

With ~10^5–10^6 rows, building model instances and Django's INSERT compilation would take most of
the time: COPY on PostgreSQL, multi-row INSERTs elsewhere. No signals, no save(): the callers
compute what save() would.
"""

from django.db import connection

CHUNK = 900  # stays under SQLite's limit of variables per query


def chunked(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        per_query = min(2000, (connection.features.max_query_params or 65000) // len(fields))
        row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
        for chunk in chunked(rows, per_query):
            values = ", ".join([row_sql] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", [v for row in chunk for v in row])
