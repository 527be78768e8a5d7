"""Generate LookML (Looker) from the dbt manifest and the MetricFlow semantic manifest.

    python -m cs_analytics.lookml --manifest target/manifest.json \
        --semantic-manifest target/semantic_manifest.json --out lookml/

Writes one view per public mart (``views/<mart>.view.lkml``) and one model file
(``cs_analytics.model.lkml``) with an explore per fact mart (``fct_*``) joined to the dims it has
foreign keys to. The output directory is meant to be a Looker project root.

* Dimensions: every contracted column, typed from its ``data_type`` (number / yesno / string);
  dates and timestamps become ``dimension_group`` of type time. Descriptions come from dbt. The
  primary key comes from the mart's ``unique`` test or the semantic model's primary entity; a
  ``unique_combination_of_columns`` key becomes a hidden compound ``primary_key`` dimension (needed
  for Looker's symmetric aggregates).
* Measures: the semantic layer's measures of the mart (``sum``/``count``/``count_distinct``/
  ``average``/``min``/``max``/``median``), a filtered measure for every simple metric that carries
  a filter (translated into the measure's SQL), and each ``ratio`` metric as
  ``type: number`` with ``1.0 * ${numerator} / NULLIF(${denominator}, 0)``: a ratio of sums, never
  an average of a stored rate. Derived, cumulative and conversion metrics and ratios whose inputs
  live in different marts are skipped with a comment in the view file.
* Only the semantic layer defines what is additive, so marts without a semantic model get their
  dimensions and a ``count`` measure only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import lkml

PACKAGE = "cs_analytics"

# MetricFlow aggregation -> (LookML measure type, how the expression is wrapped)
AGG_TYPES = {
    "sum": "sum",
    "sum_boolean": "sum",
    "count": "sum",  # counts non-null values: sum(case when expr is not null then 1 else 0 end)
    "count_distinct": "count_distinct",
    "average": "average",
    "min": "min",
    "max": "max",
    "median": "median",
    "percentile": "percentile",
}
RATE_NAME = re.compile(r"(_rate|_share|retention|grr|nrr|_pct|pct_)", re.I)
TIME_SUFFIXES = ("_date", "_at", "_ts", "_timestamp")
GRAIN_TIMEFRAMES = {
    "day": ["raw", "date", "week", "month", "quarter", "year"],
    "week": ["raw", "week", "month", "quarter", "year"],
    "month": ["raw", "month", "quarter", "year"],
    "quarter": ["raw", "quarter", "year"],
    "year": ["raw", "year"],
}
TIMESTAMP_TIMEFRAMES = ["raw", "time", "date", "week", "month", "quarter", "year"]


TEMPLATE = re.compile(r"\{\{\s*(\w+)\(([^)]*)\)\s*\}\}")


class Untranslatable(ValueError):
    """A semantic-layer filter this generator cannot express in the mart's own SQL."""


# --------------------------------------------------------------------------------------- helpers

def lookml_type(data_type: str | None) -> str:
    t = (data_type or "").lower()
    if t.startswith("bool"):
        return "yesno"
    if t.startswith(("int", "bigint", "smallint", "tinyint", "hugeint", "decimal", "numeric",
                     "double", "float", "real")):
        return "number"
    if t.startswith(("date", "timestamp", "datetime")):
        return "time"
    return "string"


def qualify(expr: str, columns: set[str]) -> str:
    """Prefix the mart's bare column names in a SQL expression with ${TABLE}.

    Skips quoted strings, ``${...}`` references, names after a dot and function calls. Qualified
    names keep joined explores unambiguous (facts and dims share column names such as segment).
    """
    lower = {c.lower() for c in columns}
    out, i, n = [], 0, len(expr)
    while i < n:
        ch = expr[i]
        if ch == "'":
            j = i + 1
            while j < n:
                if expr[j] == "'" and (j + 1 >= n or expr[j + 1] != "'"):
                    break
                j += 2 if expr[j] == "'" else 1
            out.append(expr[i:j + 1])
            i = j + 1
        elif expr.startswith("${", i):
            j = expr.index("}", i)
            out.append(expr[i:j + 1])
            i = j + 1
        elif ch.isalpha() or ch == "_":
            j = i
            while j < n and (expr[j].isalnum() or expr[j] == "_"):
                j += 1
            word = expr[i:j]
            prev = expr[:i].rstrip()[-1:] if expr[:i].rstrip() else ""
            nxt = expr[j:].lstrip()[:1]
            if word.lower() in lower and prev != "." and nxt != "(":
                out.append("${TABLE}." + word)
            else:
                out.append(word)
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def measure_value_format(name: str) -> str | None:
    return "percent_1" if RATE_NAME.search(name) else "decimal_2"


# ------------------------------------------------------------------------------------ the model

@dataclass
class View:
    name: str
    node: dict
    sm: dict | None = None
    columns: dict = field(default_factory=dict)   # column name -> manifest column
    dimensions: list = field(default_factory=list)
    dimension_groups: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    primary_key: str | None = None                # dimension name
    key_columns: list = field(default_factory=list)
    measure_names: dict = field(default_factory=dict)  # semantic measure/metric name -> LookML name

    def field_names(self) -> set[str]:
        names = {d["name"] for d in self.dimensions} | {m["name"] for m in self.measures}
        for g in self.dimension_groups:
            names.add(g["name"])
            names |= {f"{g['name']}_{tf}" for tf in g["timeframes"]}
        return names


def load_inputs(manifest_path: Path, semantic_path: Path) -> tuple[dict, dict]:
    manifest = json.loads(Path(manifest_path).read_text())
    semantic = json.loads(Path(semantic_path).read_text())
    return manifest, semantic


def public_marts(manifest: dict) -> dict[str, dict]:
    marts = {}
    for node in manifest["nodes"].values():
        if (node.get("resource_type") == "model" and node.get("package_name") == PACKAGE
                and node.get("config", {}).get("access") == "public"):
            marts[node["unique_id"]] = node
    return dict(sorted(marts.items(), key=lambda kv: kv[1]["name"]))


def key_tests(manifest: dict, marts: dict) -> dict[str, list[list[str]]]:
    """Mart unique_id -> candidate keys (single columns first) from unique tests."""
    keys: dict[str, list[list[str]]] = {}
    for node in manifest["nodes"].values():
        if node.get("resource_type") != "test":
            continue
        meta = node.get("test_metadata") or {}
        attached = node.get("attached_node") or next(
            (d for d in node.get("depends_on", {}).get("nodes", []) if d in marts), None)
        if attached not in marts:
            continue
        if meta.get("name") == "unique" and node.get("column_name"):
            keys.setdefault(attached, []).append([node["column_name"]])
        elif meta.get("name") == "unique_combination_of_columns":
            cols = meta.get("kwargs", {}).get("combination_of_columns")
            if isinstance(cols, list):
                keys.setdefault(attached, []).append(list(cols))
    for k in keys.values():
        k.sort(key=len)
    return keys


def build_dimensions(view: View, keys: list[list[str]]) -> None:
    sm = view.sm or {}
    grains = {}
    for d in sm.get("dimensions", []):
        if d["type"] == "time":
            grains[(d.get("expr") or d["name"]).lower()] = (d.get("type_params") or {}).get("time_granularity")
    primary_expr = next((e.get("expr") or e["name"] for e in sm.get("entities", []) if e["type"] == "primary"), None)

    key_cols: list[str] = []
    if keys:
        key_cols = keys[0]
    elif primary_expr and primary_expr in view.columns:
        key_cols = [primary_expr]
    view.key_columns = key_cols

    for col in view.columns.values():
        name, ltype = col["name"], lookml_type(col.get("data_type"))
        desc = (col.get("description") or "").strip()
        if ltype == "time":
            is_date = (col.get("data_type") or "").lower() == "date"
            grain = grains.get(name.lower())
            timeframes = GRAIN_TIMEFRAMES.get(grain or "day") if is_date else TIMESTAMP_TIMEFRAMES
            group = {"name": name, "type": "time", "timeframes": list(timeframes),
                     "sql": "${TABLE}." + name}
            if is_date:
                group["datatype"] = "date"
                group["convert_tz"] = "no"
            if desc:
                group["description"] = desc
            group["_column"] = name
            view.dimension_groups.append(group)
            continue
        dim = {"name": name, "type": ltype, "sql": "${TABLE}." + name}
        if ltype == "number" and RATE_NAME.search(name):
            desc = (desc + " " if desc else "") + (
                "A rate stored per row: do not sum or average it across rows; use the ratio measures.")
        if desc:
            dim["description"] = desc
        if key_cols == [name]:
            dim["primary_key"] = "yes"
            view.primary_key = name
        view.dimensions.append(dim)

    if key_cols and view.primary_key is None:   # compound, or a date/timestamp (a dimension_group)
        pk = "primary_key" if "primary_key" not in view.columns else "lookml_primary_key"
        parts = " || '|' || ".join(f"COALESCE(CAST(${{TABLE}}.{c} AS VARCHAR), '')" for c in key_cols)
        view.dimensions.insert(0, {
            "name": pk, "type": "string", "sql": parts, "primary_key": "yes", "hidden": "yes",
            "description": "Compound key (" + ", ".join(key_cols) + "), for symmetric aggregates.",
        })
        view.primary_key = pk

    name_dimension_groups(view)


def name_dimension_groups(view: View) -> None:
    """`created_date` -> dimension_group `created` unless that would clash; else keep the column name."""
    stems: dict[str, list[dict]] = {}
    for g in view.dimension_groups:
        col = g["_column"]
        stem = next((col[: -len(s)] for s in TIME_SUFFIXES if col.endswith(s) and len(col) > len(s)), col)
        stems.setdefault(stem, []).append(g)
    for stem, groups in stems.items():
        for g in groups:
            g["name"] = stem if len(groups) == 1 else g["_column"]
    for _ in range(len(view.dimension_groups) + 1):
        clashes = False
        for g in view.dimension_groups:
            others = View(view.name, view.node, dimensions=view.dimensions,
                          dimension_groups=[o for o in view.dimension_groups if o is not g]).field_names()
            own = {g["name"]} | {f"{g['name']}_{tf}" for tf in g["timeframes"]}
            if own & others and g["name"] != g["_column"]:
                g["name"] = g["_column"]
                clashes = True
        if not clashes:
            break


# --------------------------------------------------------------------------------- measures

def translate_filter(template: str, view: View) -> str:
    """`{{ Dimension('entity__dim') }} = false` -> `${TABLE}.dim = false` for the mart's own dims."""
    sm = view.sm or {}
    # a dimension of this semantic model is reached through its own primary entity; a foreign
    # entity's prefix means a joined model's dimension
    entities = {e["name"] for e in sm.get("entities", []) if e["type"] in ("primary", "unique", "natural")}
    entities |= {sm["primary_entity"]} if sm.get("primary_entity") else set()
    dims = {d["name"]: d for d in sm.get("dimensions", [])}
    ents = {e["name"]: e for e in sm.get("entities", [])}

    def column_for(path: str, grain: str | None = None) -> str:
        parts = path.split("__")
        name = parts[-1]
        if len(parts) > 2 or (len(parts) == 2 and parts[0] not in entities):
            raise Untranslatable(f"{path} is reached through a join")
        if name in dims:
            d = dims[name]
            if grain and d["type"] == "time" and grain != (d.get("type_params") or {}).get("time_granularity"):
                raise Untranslatable(f"{path} at grain {grain}")
            return qualify(d.get("expr") or d["name"], set(view.columns))
        if name in ents and len(parts) == 1:
            return qualify(ents[name].get("expr") or name, set(view.columns))
        raise Untranslatable(f"unknown dimension {path}")

    def sub(m: re.Match) -> str:
        kind, args = m.group(1), [a.strip().strip("'\"") for a in m.group(2).split(",")]
        if kind in ("Dimension", "TimeDimension"):
            return column_for(args[0], args[1] if len(args) > 1 and args[1] else None)
        if kind == "Entity":
            return column_for(args[0])
        raise Untranslatable(f"{kind}(...)")

    sql = TEMPLATE.sub(sub, template)
    if "{{" in sql or "{%" in sql:
        raise Untranslatable(template)
    return sql


def where_filters(*filters) -> list[str]:
    out = []
    for f in filters:
        if f:
            out.extend(w["where_sql_template"] for w in f.get("where_filters", []))
    return out


def measure_sql(measure: dict, view: View) -> str:
    expr = measure.get("expr") or measure["name"]
    sql = qualify(str(expr), set(view.columns))
    if measure["agg"] == "count":
        sql = f"CASE WHEN {sql} IS NOT NULL THEN 1 ELSE 0 END"
    elif measure["agg"] == "sum_boolean":
        sql = f"CASE WHEN {sql} THEN 1 ELSE 0 END"
    return sql


def non_additive_note(measure: dict) -> str:
    nad = measure.get("non_additive_dimension")
    if not nad:
        return ""
    return (f" Semi-additive: not additive over {nad['name']} (the semantic layer takes the "
            f"{nad.get('window_choice', 'max')} {nad['name']} of the period). Looker sums it, so "
            f"filter or group to a single {nad['name']} before totalling.")


def lookml_measure(name: str, measure: dict, view: View, conditions: list[str], label: str | None,
                   description: str) -> dict:
    ltype = AGG_TYPES[measure["agg"]]
    sql = measure_sql(measure, view)
    if conditions:
        cond = " AND ".join(f"({c})" for c in conditions)
        sql = f"CASE WHEN {cond} THEN {sql} END"
    out = {"name": name, "type": ltype, "sql": sql}
    if ltype == "percentile":
        pct = ((measure.get("agg_params") or {}).get("percentile") or 0.5) * 100
        out["percentile"] = str(int(pct))
    if label:
        out["label"] = label
    desc = (description or "").strip() + non_additive_note(measure)
    if desc.strip():
        out["description"] = desc.strip()
    out["value_format_name"] = "decimal_2" if ltype in ("average", "median", "percentile") else "decimal_0"
    return out


def unique_name(view: View, wanted: str, prefix: str) -> str:
    taken = view.field_names()
    if wanted not in taken:
        return wanted
    name = f"{prefix}{wanted}"
    k = 2
    while name in taken:
        name, k = f"{prefix}{wanted}_{k}", k + 1
    return name


def build_measures(view: View, semantic: dict, metrics: dict, measure_home: dict) -> None:
    sm = view.sm
    if not sm:
        view.measures.append({"name": unique_name(view, "count", "row_"), "type": "count",
                              "description": "Rows of the mart. No semantic model: no other measures."})
        return
    measures = {m["name"]: m for m in sm.get("measures", [])}
    # a measure whose every metric filters it (the retention inputs: roll-up rows, window type) is
    # hidden unfiltered: summing it raw would double count the roll-up rows
    uses: dict[str, list[bool]] = {}
    for metric in metrics.values():
        if metric["type"] == "simple":
            tp = metric["type_params"]["measure"]
            uses.setdefault(tp["name"], []).append(bool(where_filters(metric.get("filter"), tp.get("filter"))))
    for m in list(sm.get("measures", [])):
        expr = str(m.get("expr") or m["name"]).strip()
        if m["agg"] in ("average", "median", "percentile") and expr in view.columns and RATE_NAME.search(expr):
            view.comments.append(f"skipped measure {m['name']}: {m['agg']} of the stored rate {expr} "
                                 "(use a ratio of summed numerator and denominator)")
            del measures[m["name"]]
            continue
        name = unique_name(view, m["name"], "total_")
        lm = lookml_measure(name, m, view, [], m.get("label"), m.get("description") or "")
        if uses.get(m["name"]) and all(uses[m["name"]]):
            lm["hidden"] = "yes"
            lm["description"] = (lm.get("description", "") + " Hidden: unfiltered; every semantic-layer metric "
                                 "over it applies a filter (use the filtered measures).").strip()
        view.measures.append(lm)
        view.measure_names[(m["name"], ())] = name
    view.measures.append({"name": unique_name(view, "count", "row_"), "type": "count", "description": "Rows of the mart."})

    def resolve(inp: dict) -> tuple[str, tuple[str, ...], str]:
        """A ratio input (metric or measure name + filter) -> (measure name, filter templates, label)."""
        metric = metrics.get(inp["name"])
        extra = where_filters(inp.get("filter"))
        if metric is None:
            return inp["name"], tuple(extra), inp["name"]
        if metric["type"] != "simple":
            raise Untranslatable(f"input {inp['name']} is a {metric['type']} metric")
        tp = metric["type_params"]["measure"]
        return tp["name"], tuple(where_filters(metric.get("filter"), tp.get("filter")) + extra), \
            metric.get("label") or metric["name"]

    def filtered(measure_name: str, templates: tuple, wanted: str, label: str | None, desc: str) -> str:
        key = (measure_name, templates)
        if key in view.measure_names:
            return view.measure_names[key]
        m = measures[measure_name]
        try:
            conditions = [translate_filter(t, view) for t in templates]
            note = ""
        except Untranslatable as exc:
            conditions = []
            note = f" NOTE: the semantic layer filters this by {list(templates)}, which is not translated ({exc})."
        name = unique_name(view, wanted, "total_")
        if conditions:
            note = " Filtered as in the semantic layer: " + " AND ".join(conditions).replace("${TABLE}.", "") + "."
        note = TEMPLATE.sub(lambda t: t.group(2).strip().split(",")[0].strip("'\""), note)
        view.measures.append(lookml_measure(name, m, view, conditions, label, desc + note))
        view.measure_names[key] = name
        return name

    # simple metrics that carry a filter become filtered measures
    for metric in metrics.values():
        if metric["type"] != "simple":
            continue
        tp = metric["type_params"]["measure"]
        if measure_home.get(tp["name"]) != sm["name"]:
            continue
        templates = tuple(where_filters(metric.get("filter"), tp.get("filter")))
        if templates:
            filtered(tp["name"], templates, metric["name"], metric.get("label"), metric.get("description") or "")

    for metric in metrics.values():
        homes = {measure_home.get(i["name"]) for i in metric["type_params"].get("input_measures", [])}
        if sm["name"] not in homes:
            continue
        if metric["type"] == "simple":
            continue
        if metric["type"] != "ratio":
            view.comments.append(f"skipped metric {metric['name']}: type {metric['type']} is not generated")
            continue
        if len(homes) != 1:
            view.comments.append(f"skipped ratio {metric['name']}: numerator and denominator live in different marts")
            continue
        try:
            num_m, num_f, num_label = resolve(metric["type_params"]["numerator"])
            den_m, den_f, den_label = resolve(metric["type_params"]["denominator"])
            mf = tuple(where_filters(metric.get("filter")))
            for t in num_f + den_f + mf:   # a ratio with an untranslatable filter would be wrong: skip it
                translate_filter(t, view)
            num = filtered(num_m, num_f + mf, f"{metric['name']}_numerator", num_label, measures[num_m].get("description") or "")
            den = filtered(den_m, den_f + mf, f"{metric['name']}_denominator", den_label, measures[den_m].get("description") or "")
        except (Untranslatable, KeyError) as exc:
            view.comments.append(f"skipped ratio {metric['name']}: {exc}")
            continue
        name = unique_name(view, metric["name"], "ratio_")
        view.measures.append({
            "name": name, "type": "number",
            "sql": f"1.0 * ${{{num}}} / NULLIF(${{{den}}}, 0)",
            "label": metric.get("label") or metric["name"],
            "description": ((metric.get("description") or "").strip()
                            + f" Ratio of sums: {num} / {den} (semantic-layer ratio metric {metric['name']})."),
            "value_format_name": measure_value_format(metric["name"]),
        })
        view.measure_names[(metric["name"], "ratio")] = name


# ----------------------------------------------------------------------------------- explores

def build_explores(views: dict[str, View], semantic: dict) -> list[dict]:
    """An explore per fct_ mart joined many_to_one to the dims it has foreign keys to."""
    sm_by_name = {sm["name"]: sm for sm in semantic.get("semantic_models", [])}
    view_by_sm = {v.sm["name"]: v for v in views.values() if v.sm}
    # entity -> (dim view, its key column); dims keyed by a single primary key column
    entity_dim: dict[str, tuple[View, str]] = {}
    for sm in sm_by_name.values():
        v = view_by_sm.get(sm["name"])
        for e in sm.get("entities", []):
            if e["type"] == "primary" and v is not None and v.name.startswith("dim_"):
                entity_dim[e["name"]] = (v, e.get("expr") or e["name"])
    pk_dim: dict[str, View] = {}
    for v in views.values():
        if v.name.startswith("dim_") and len(v.key_columns) == 1 and v.name != "dim_time_spine_days":
            if lookml_type(v.columns[v.key_columns[0]].get("data_type")) != "time":
                pk_dim[v.key_columns[0]] = v

    explores = []
    for fact in views.values():
        if not fact.name.startswith("fct_"):
            continue
        links: list[tuple[str, View, str]] = []   # (fk column, dim view, dim key column)
        seen = set()
        for e in (fact.sm or {}).get("entities", []):
            if e["type"] == "foreign" and e["name"] in entity_dim:
                fk = e.get("expr") or e["name"]
                dim, key = entity_dim[e["name"]]
                if fk in fact.columns and (fk, dim.name) not in seen:
                    links.append((fk, dim, key))
                    seen.add((fk, dim.name))
        for col in fact.columns:
            for key, dim in pk_dim.items():
                if (col == key or col.endswith("_" + key)) and (col, dim.name) not in seen:
                    links.append((col, dim, key))
                    seen.add((col, dim.name))
        per_dim: dict[str, int] = {}
        for _, dim, _ in links:
            per_dim[dim.name] = per_dim.get(dim.name, 0) + 1
        joins = []
        for fk, dim, key in links:
            if per_dim[dim.name] == 1 and fk == key:
                jname = dim.name
            else:
                jname = fk[:-3] if fk.endswith("_id") else fk
                if jname in views or jname == fact.name:
                    jname = f"{jname}_{dim.name}"
            join = {"name": jname}
            if jname != dim.name:
                join["from"] = dim.name
                join["view_label"] = jname.replace("_", " ").capitalize()
            join.update({
                "type": "left_outer",
                "relationship": "many_to_one",
                "sql_on": f"${{{fact.name}.{fk}}} = ${{{jname}.{key}}}",
            })
            joins.append(join)
        explore = {"name": fact.name}
        desc = " ".join((fact.node.get("description") or "").strip().split("\n\n")[0].split())
        if desc:
            explore["description"] = desc
        if joins:
            explore["joins"] = joins
        explores.append(explore)
    return explores


# --------------------------------------------------------------------------------------- output

def build(manifest: dict, semantic: dict, schema: str | None = None) -> tuple[dict[str, View], list[dict]]:
    marts = public_marts(manifest)
    keys = key_tests(manifest, marts)
    sms = {sm["node_relation"]["alias"]: sm for sm in semantic.get("semantic_models", [])}
    metrics = {m["name"]: m for m in semantic.get("metrics", [])}
    measure_home = {m["name"]: sm["name"] for sm in semantic.get("semantic_models", []) for m in sm.get("measures", [])}
    views: dict[str, View] = {}
    for uid, node in marts.items():
        alias = node.get("alias") or node["name"]
        v = View(name=node["name"], node=node, sm=sms.get(alias), columns=dict(node.get("columns", {})))
        v.node = dict(node, _sql_table_name=f"{schema or node['schema']}.{alias}")
        build_dimensions(v, keys.get(uid, []))
        views[v.name] = v
    for v in views.values():
        build_measures(v, semantic, metrics, measure_home)
    return views, build_explores(views, semantic)


def _strip(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in i.items() if not k.startswith("_")} for i in items]


def render_view(v: View) -> str:
    body = {"name": v.name, "sql_table_name": v.node["_sql_table_name"]}
    if v.dimensions:
        body["dimensions"] = _strip(v.dimensions)
    if v.dimension_groups:
        body["dimension_groups"] = _strip(v.dimension_groups)
    if v.measures:
        body["measures"] = _strip(v.measures)
    header = [f"# Generated by `python -m cs_analytics.lookml` from the dbt model {v.name}; do not edit by hand."]
    desc = " ".join((v.node.get("description") or "").split())
    if desc:
        header.append("# " + desc[:300] + ("..." if len(desc) > 300 else ""))
    header += [f"# {c}" for c in v.comments]
    return "\n".join(header) + "\n\n" + lkml.dump({"view": body}) + "\n"


def render_model(explores: list[dict], connection: str) -> str:
    header = "# Generated by `python -m cs_analytics.lookml`: an explore per fact mart, joined to its dims.\n\n"
    return header + lkml.dump({"connection": connection, "includes": ["/views/*.view.lkml"],
                               "explores": explores}) + "\n"


def generate(manifest_path: Path, semantic_path: Path, out: Path, schema: str | None = None,
             connection: str = PACKAGE) -> list[Path]:
    manifest, semantic = load_inputs(manifest_path, semantic_path)
    views, explores = build(manifest, semantic, schema)
    out = Path(out)
    (out / "views").mkdir(parents=True, exist_ok=True)
    written = []
    for v in views.values():
        p = out / "views" / f"{v.name}.view.lkml"
        p.write_text(render_view(v))
        written.append(p)
    p = out / f"{PACKAGE}.model.lkml"
    p.write_text(render_model(explores, connection))
    written.append(p)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m cs_analytics.lookml", description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", default="target/manifest.json", type=Path)
    ap.add_argument("--semantic-manifest", default="target/semantic_manifest.json", type=Path)
    ap.add_argument("--out", default="lookml", type=Path)
    ap.add_argument("--schema", default=None, help="schema in sql_table_name (default: the manifest's)")
    ap.add_argument("--connection", default=PACKAGE, help="Looker connection name in the model file")
    args = ap.parse_args(argv)
    written = generate(args.manifest, args.semantic_manifest, args.out, args.schema, args.connection)
    print(f"wrote {len(written) - 1} views and 1 model to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
