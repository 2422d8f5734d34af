#!/usr/bin/env python3
"""Checks of scripts/check-api that schemathesis does not make itself.

  catalogue BASE_URL       openapi.yaml's publishable event types are the catalogue's (GET /api/v1/event-types), each
                           `data` schema reduced to what publishing enforces (type, enum, required, properties, items).
  coverage NDJSON...       every webhooks and deliveries operation answered 2xx at least once in a stateful phase
                           (schemathesis --report ndjson), so the links carry real ids to each of them.
"""
import json
import sys
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

import yaml

SPEC = yaml.safe_load((Path(__file__).resolve().parent.parent / "openapi.yaml").read_text())
ENFORCED = ("type", "enum", "required", "properties", "items")


def enforced_part(schema):
    reduced = {key: schema[key] for key in ENFORCED if key in schema}
    if "properties" in reduced:
        reduced["properties"] = {name: enforced_part(member) for name, member in reduced["properties"].items()}
    if "items" in reduced:
        reduced["items"] = enforced_part(reduced["items"])
    return reduced


def resolve(node):
    while "$ref" in node:
        node = SPEC["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def check_catalogue(base_url):
    with urllib.request.urlopen(base_url.rstrip("/") + "/api/v1/event-types") as answer:
        catalogue = json.load(answer)["eventTypes"]
    # Test sends and the service's operational events are in the catalogue but producers cannot publish them.
    unpublishable = {"webhook.test", "webhook.disabled", "delivery.exhausted"}
    expected = {tuple([t["name"]] + t["aliases"]): enforced_part(t["schema"])
                for t in catalogue if t["name"] not in unpublishable}
    documented = {}
    for branch in resolve(SPEC["components"]["schemas"]["EventPublication"])["oneOf"]:
        properties = resolve(branch)["properties"]
        documented[tuple(properties["type"]["enum"])] = properties["data"]
    problems = [f"{names[0]}: not documented" for names in expected if names not in documented]
    problems += [f"{names[0]}: not in the catalogue" for names in documented if names not in expected]
    problems += [f"{names[0]}: data schema differs from the catalogue's" for names, schema in expected.items()
                 if names in documented and documented[names] != schema]
    return problems


def check_coverage(reports):
    wanted = {(method.upper(), path) for path, item in SPEC["paths"].items() for method, operation in item.items()
              if isinstance(operation, dict) and {"webhooks", "deliveries"} & set(operation.get("tags", []))}
    answers = defaultdict(Counter)
    for report in reports:
        for line in Path(report).read_text().splitlines():
            finished = json.loads(line).get("ScenarioFinished")
            if not finished or finished["phase"] != "stateful":
                continue
            recorder = finished["recorder"]
            for case_id, case in recorder.get("cases", {}).items():
                response = (recorder["interactions"].get(case_id) or {}).get("response")
                if response:
                    value = case["value"]
                    answers[(value["method"], value["path"])][response["status_code"]] += 1
    print("Stateful phase, answers per webhooks and deliveries operation:")
    for method, path in sorted(wanted, key=lambda key: (key[1], key[0])):
        counts = ", ".join(f"{status}: {n}" for status, n in sorted(answers[(method, path)].items()))
        print(f"  {method:6} {path}  {counts or 'not called'}")
    return [f"{method} {path}: no 2xx answer in the stateful phase" for method, path in sorted(wanted)
            if not any(200 <= status < 300 for status in answers[(method, path)])]


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    problems = check_catalogue(*arguments) if command == "catalogue" else check_coverage(arguments)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)
