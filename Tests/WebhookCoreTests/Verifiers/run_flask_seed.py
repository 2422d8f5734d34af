"""Runs a seed's Flask receiver (copied verbatim) against every case through Flask's test client.

Usage: python3 run_flask_seed.py <seed file> <route> <secret env var or -> <cases dir> <results file>
Writes {case: accepted} as JSON, accepted meaning the seed's handler answered 200.
"""
import contextlib
import json
import os
import runpy
import sys

from receiver_cases import read_cases

seed_file, route, secret_variable, cases_directory, results_file = sys.argv[1:6]
app = runpy.run_path(seed_file, run_name="seed")["app"]
client = app.test_client()
results = {}
for name, body, headers, secret in read_cases(cases_directory):
    if secret_variable != "-":
        os.environ[secret_variable] = secret
    with contextlib.redirect_stdout(sys.stderr):
        response = client.post(route, data=body, headers=headers)
    results[name] = response.status_code == 200
with open(results_file, "w", encoding="utf-8") as f:
    json.dump(results, f)
