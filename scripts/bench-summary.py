#!/usr/bin/env python3
"""bench-summary.py RESULTS.json: every figure of `make bench` that has a goal, one row each, with
the goal and whether this run met it. Reads the file `waymark-bench` and `bench-web.py` wrote."""
import json
import sys

results = json.load(open(sys.argv[1]))


def get(*path):
    node = results
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


# (name, value, comparison, goal, unit, what it is)
rows = [
    ("validate_vs_cmark", get("validate_vs_cmark"), "<=", 0.80, "x",
     "waymark validate / cmark-gfm, partner-center 1x"),
    ("validate_vs_cmark_hololens", get("validate_vs_cmark_hololens"), "<=", 1.0, "x",
     "the same on HoloLens"),
    ("validate_vs_cmark_customer_insights", get("validate_vs_cmark_customer_insights"), "<=", 1.0, "x",
     "the same on Customer Insights"),
    ("warm_one_file_vs_cold_16x", get("warm_one_file_vs_cold_16x"), "<=", 0.05, "x",
     "validate --cache after a one-file edit / a run without cache, 16x"),
    ("peak_rss_mb_16x", get("peak_rss_mb_16x"), "<=", 300, "MB", "validate's peak RSS at 16x"),
    ("peak_rss_mb_16x_any_format", get("peak_rss_mb_16x_any_format"), "<=", 300, "MB",
     "the same, the largest of the five report formats"),
    ("rss_4x_vs_1x", get("rss_4x_vs_1x"), "<=", 1.5, "x", "peak RSS at 4x / at 1x"),
    ("rumdl_vs_validate", get("rumdl_vs_validate"), ">=", 1.0, "x",
     "rumdl check without its cache / validate, 1x"),
    ("rumdl_cached_vs_validate_cached", get("rumdl_cached_vs_validate_cached"), ">=", 1.0, "x",
     "rumdl with its cache / validate --cache, after one edit, 1x"),
    ("walk_cold_start_ms", get("walk_cold_start_ms"), "<=", 30, "ms", "waymark walk to its first screen"),
    ("index_vs_validate", get("library", "index_vs_validate"), "<=", 2.0, "x",
     "waymark index / validate, same tree"),
    ("query_p99_ms", get("library", "query_p99_ms"), "<=", 5.0, "ms", "search query, p99"),
    ("web_step_page_p99_ms", get("web", "sqlite", "step_page", "p99_ms"), "<=", 20.0, "ms",
     "web step page under 50 clients (SQLite), p99"),
]
for product in ("hololens", "customer-insights"):
    for row in get("products") or []:
        if row.get("product") == product and "rumdl_ms" in row and row.get("validate_ms"):
            rows.append((f"rumdl_vs_validate_{product.replace('-', '_')}",
                         round(row["rumdl_ms"] / row["validate_ms"], 2), ">=", 1.0, "x",
                         f"rumdl / validate on {product}"))
for row in get("validation") or []:
    if row.get("scale", 1) > 1 and "rumdl_ms" in row and row.get("validate_ms"):
        rows.append((f"rumdl_vs_validate_{row['scale']}x", round(row["rumdl_ms"] / row["validate_ms"], 2), ">=",
                     1.0, "x", f"rumdl / validate at {row['scale']}x"))

print("")
print("goals (from %s):" % sys.argv[1])
print("  %-38s %10s  %-9s %s" % ("figure", "value", "goal", "met"))
for name, value, op, goal, unit, what in rows:
    if value is None:
        print("  %-38s %10s  %-9s %s  (%s)" % (name, "-", f"{op} {goal:g}{unit}", "not measured", what))
        continue
    met = value <= goal if op == "<=" else value >= goal
    print("  %-38s %10s  %-9s %s  (%s)" % (name, f"{value:g}{unit}", f"{op} {goal:g}{unit}", "yes" if met else "NO", what))
