"""Verifies every case with the reference `standardwebhooks` package (pip install standardwebhooks).

Usage: python3 verify_standard_webhooks.py <cases dir> <results file>
Writes {case: accepted} as JSON.
"""
import json
import sys

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from receiver_cases import read_cases

cases_directory, results_file = sys.argv[1:3]
results = {}
for name, body, headers, secret in read_cases(cases_directory):
    try:
        Webhook(secret).verify(body, dict(headers))
        results[name] = True
    except WebhookVerificationError as error:
        print(f"{name}: {error}", file=sys.stderr)
        results[name] = False
with open(results_file, "w", encoding="utf-8") as f:
    json.dump(results, f)
