#!/usr/bin/env python3
"""Generates the Grafana dashboards of magic-exporter (dashboards/*.json).

The JSON files are committed and provisioned as they are; edit the generator (generator/panels.py
has the building blocks, one module per dashboard), then run
    python3 dashboards/generate.py
and commit both. `./mvnw verify` fails when the committed JSON differs from what this writes
(DashboardsTest), when a dashboard does not type-check against Grafana's schema (schema/check.mjs),
or when a query names a metric the metrics catalog lacks; DashboardsEndToEndTest evaluates every
panel query against a real Prometheus scraping the exporter in demo mode. Why Python and not
Grafana's Foundation SDK: README.md here. Python 3 standard library only.

    python3 dashboards/generate.py [--out DIR]     (default: this directory)
"""
import argparse
import json
import pathlib
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

from generator import connector, exporter, fleet, inventory, tunnels  # noqa: E402

# File name -> the function that builds the dashboard. A new dashboard: a module, one line here.
DASHBOARDS = {
    "fleet-overview.json": fleet.fleet,
    "connector.json": connector.connector,
    "tunnels.json": tunnels.tunnels,
    "captures-inventory.json": inventory.inventory,
    "exporter.json": exporter.exporter,
}


def render(build):
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main():
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=here, help="where to write the JSON files")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for name, build in DASHBOARDS.items():
        (out / name).write_text(render(build), encoding="utf-8")
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
