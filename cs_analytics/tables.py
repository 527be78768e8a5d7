"""Column builders and the loader that turns typed NumPy columns into raw text tables.

The generator builds every raw table as NumPy arrays (vectorised, no Python loop
per row). DuckDB then formats every column to text, exactly as a CSV export or a
JSON landing table would hold it, and either keeps the tables (``--duckdb``) or
copies them to CSV (``--out``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

TS_FMT = "%Y-%m-%d %H:%M:%S"
DATE_FMT = "%Y-%m-%d"


@dataclass
class Col:
    kind: str  # id | ts | date | num | int | bool | cat
    values: np.ndarray
    prefix: str = ""
    width: int = 0
    categories: list = field(default_factory=list)


def col_id(prefix: str, width: int, ints) -> Col:
    """Ids like ``acc_000042``; negative ints are nulls."""
    return Col("id", np.asarray(ints, dtype=np.int64), prefix=prefix, width=width)


def col_ts(arr) -> Col:
    return Col("ts", np.asarray(arr, dtype="datetime64[s]"))


def col_date(arr) -> Col:
    return Col("date", np.asarray(arr, dtype="datetime64[D]"))


def col_num(arr) -> Col:
    return Col("num", np.asarray(arr, dtype=np.float64))


def col_int(arr) -> Col:
    """Integers; NaN (float input) is null."""
    return Col("int", np.asarray(arr, dtype=np.float64))


def col_bool(arr) -> Col:
    """1 / 0, and -1 for null."""
    return Col("bool", np.asarray(arr, dtype=np.int8))


def col_cat(categories, codes) -> Col:
    """Strings from a small vocabulary: ``categories[codes]``; code -1 is null."""
    return Col("cat", np.asarray(codes, dtype=np.int32), categories=list(categories))


def col_str(values) -> Col:
    """Free strings (small tables only): stored as categories of their unique values."""
    values = np.asarray(values, dtype=object)
    is_null = np.array([v is None for v in values], dtype=bool) if values.size else np.zeros(0, bool)
    filled = np.where(is_null, "", values).astype(str)
    cats, codes = np.unique(filled, return_inverse=True)
    codes = codes.astype(np.int32)
    codes[is_null] = -1
    return Col("cat", codes, categories=list(cats))


def _to_arrow(name: str, c: Col) -> tuple[pa.Array, str]:
    """Arrow array plus the DuckDB SQL expression that formats it as text."""
    q = f'"{name}"'
    if c.kind == "id":
        arr = pa.array(c.values, mask=c.values < 0)
        expr = f"'{c.prefix}_' || lpad(cast({q} as varchar), {c.width}, '0')"
    elif c.kind == "ts":
        arr = pa.array(c.values, type=pa.timestamp("s"), mask=np.isnat(c.values))
        expr = f"strftime({q}, '{TS_FMT}')"
    elif c.kind == "date":
        arr = pa.array(c.values, type=pa.date32(), mask=np.isnat(c.values))
        expr = f"strftime({q}, '{DATE_FMT}')"
    elif c.kind == "num":
        arr = pa.array(np.round(c.values, 2), mask=np.isnan(c.values))
        expr = f"cast(cast({q} as decimal(18, 2)) as varchar)"
    elif c.kind == "int":
        nan = np.isnan(c.values)
        arr = pa.array(np.where(nan, 0, c.values).astype(np.int64), mask=nan)
        expr = f"cast({q} as varchar)"
    elif c.kind == "bool":
        arr = pa.array(c.values, mask=c.values < 0)
        expr = f"case when {q} = 1 then 'true' when {q} = 0 then 'false' end"
    elif c.kind == "cat":
        codes = pa.array(c.values, mask=c.values < 0)
        arr = pa.DictionaryArray.from_arrays(codes, pa.array(c.categories or [""], type=pa.string()))
        expr = f"cast({q} as varchar)"
    else:  # pragma: no cover
        raise ValueError(c.kind)
    return arr, expr


def load_table(con, schema: str, table: str, cols: dict[str, Col], append: bool = False, rn_offset: int = 0) -> int:
    """Create (or append to) ``schema.table`` with every column as VARCHAR plus ``_rn`` (row order)."""
    names, arrays, exprs = [], [], []
    n = None
    for name, c in cols.items():
        arr, expr = _to_arrow(name, c)
        n = len(arr) if n is None else n
        if len(arr) != n:
            raise ValueError(f"{schema}.{table}.{name}: {len(arr)} rows, expected {n}")
        names.append(name)
        arrays.append(arr)
        exprs.append(f"{expr} as \"{name}\"")
    n = n or 0
    names.append("_rn")
    arrays.append(pa.array(np.arange(rn_offset, rn_offset + n, dtype=np.int64)))
    tbl = pa.Table.from_arrays(arrays, names=names)
    con.execute(f"create schema if not exists {schema}")
    con.register("_gen_tmp", tbl)
    select = f"select {', '.join(exprs)}, _rn from _gen_tmp order by _rn"
    if append:
        con.execute(f"insert into {schema}.{table} {select}")
    else:
        con.execute(f"create or replace table {schema}.{table} as {select}")
    con.unregister("_gen_tmp")
    return n
