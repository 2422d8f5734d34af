"""Reads the delivery cases a Swift test wrote (see cases.js for the layout)."""
import json
import os


def read_cases(directory):
    for name in sorted(os.listdir(directory)):
        folder = os.path.join(directory, name)
        if not os.path.isdir(folder):
            continue
        with open(os.path.join(folder, "body"), "rb") as f:
            body = f.read()
        with open(os.path.join(folder, "headers.json"), encoding="utf-8") as f:
            headers = [(pair[0], pair[1]) for pair in json.load(f)]
        with open(os.path.join(folder, "secret"), encoding="utf-8") as f:
            secret = f.read()
        yield name, body, headers, secret
