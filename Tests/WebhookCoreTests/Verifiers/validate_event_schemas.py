"""Checks the event catalogue's schemas with the reference `jsonschema` package (pip install jsonschema).

Usage: python3 validate_event_schemas.py <cases file> <results file>
The cases file is {"schemas": {type: schema}, "cases": [{"name", "type", "instance"}]}. Every schema must be a
valid draft 2020-12 schema (exit 2 otherwise); each case's instance is validated against its type's schema with
Draft202012Validator (formats checked where the installed checkers can). Writes {case name: valid} as JSON and
prints why each invalid instance failed to stderr. Exits 3 when jsonschema is not installed.
"""
import json
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:
    print("the jsonschema package is required: pip install jsonschema (or apt-get install python3-jsonschema)",
          file=sys.stderr)
    sys.exit(3)

cases_file, results_file = sys.argv[1:3]
with open(cases_file, encoding="utf-8") as f:
    document = json.load(f)

format_checker = getattr(Draft202012Validator, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
validators = {}
for event_type, schema in document["schemas"].items():
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        print(f"{event_type}: not a valid draft 2020-12 schema: {error.message}", file=sys.stderr)
        sys.exit(2)
    validators[event_type] = Draft202012Validator(schema, format_checker=format_checker)

results = {}
for case in document["cases"]:
    errors = list(validators[case["type"]].iter_errors(case["instance"]))
    for error in errors:
        location = "/".join(str(part) for part in error.absolute_path)
        print(f"{case['name']}: {location or '(data)'}: {error.message}", file=sys.stderr)
    results[case["name"]] = not errors

with open(results_file, "w", encoding="utf-8") as f:
    json.dump(results, f)
