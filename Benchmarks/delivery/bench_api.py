#!/usr/bin/env python3
"""Sets up and clears the delivery benchmark's chatbots and webhooks through webhooksd's API, for Benchmarks/run.
Every command takes --base (http://127.0.0.1:PORT) and --api-key (the demo tenant's key).

    bench_api.py chatbot --name NAME
        Prints the id of the tenant's chatbot called NAME, creating it if there is none (chatbots cannot be deleted,
        so every run reuses the same few).
    bench_api.py clear --name-prefix PREFIX
        Pauses, then deletes every webhook of the tenant's chatbots whose name starts with PREFIX (their deliveries and
        attempts go with them); prints how many.
    bench_api.py create --chatbot ID --count N --url-prefix URL [--max-concurrency C] [--max-retries R]
                        [--retry-delay MS] [--event-type T]
        Creates N active webhooks URL0 ... URL<N-1>; prints their ids, comma-separated.
"""

import argparse
import http.client
import json
import sys
import time
import urllib.parse


class API:
    def __init__(self, base, api_key):
        url = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        self.headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}

    def call(self, method, path, body=None, expect=(200,)):
        self.connection.request(method, path, None if body is None else json.dumps(body), self.headers)
        answer = self.connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        if answer.status not in expect:
            raise SystemExit(f"bench_api.py: {method} {path} answered HTTP {answer.status}: {text[:300]}")
        return json.loads(text) if text else None


def chatbot(api, args):
    for bot in api.call("GET", "/api/v1/chatbots")["chatbots"]:
        if bot["name"] == args.name:
            print(bot["id"])
            return 0
    print(api.call("POST", "/api/v1/chatbots", {"name": args.name}, expect=(201,))["id"])
    return 0


def clear(api, args):
    webhooks = []
    for bot in api.call("GET", "/api/v1/chatbots")["chatbots"]:
        if bot["name"].startswith(args.name_prefix):
            collection = f"/api/v1/chatbots/{bot['id']}/webhooks"
            webhooks += [f"{collection}/{webhook['id']}" for webhook in api.call("GET", collection)["webhooks"]]
    # Paused first, so that no dispatcher claims their deliveries any more: a DELETE while a dispatcher records
    # outcomes of the webhook's deliveries can meet a deadlock in PostgreSQL (answered 500), so it is tried again.
    for path in webhooks:
        api.call("PATCH", path, {"isActive": False})
    if webhooks:
        time.sleep(2)
    for path in webhooks:
        for attempt in range(5):
            try:
                api.call("DELETE", path, expect=(200, 204, 404))
                break
            except SystemExit as failure:
                if attempt == 4:
                    raise
                print(f"{failure}; trying again", file=sys.stderr)
                time.sleep(1)
    print(len(webhooks))
    return 0


def create(api, args):
    ids = []
    for i in range(args.count):
        body = {"name": f"bench {i}", "url": f"{args.url_prefix}{i}", "eventTypes": [args.event_type],
                "isActive": True, "maxConcurrency": args.max_concurrency}
        if args.max_retries is not None:
            body["maxRetries"] = args.max_retries
        if args.retry_delay is not None:
            body["retryDelay"] = args.retry_delay
        answer = api.call("POST", f"/api/v1/chatbots/{args.chatbot}/webhooks", body, expect=(201,))
        ids.append(answer["webhook"]["id"])
    print(",".join(ids))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--api-key", required=True)
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("chatbot")
    c.add_argument("--name", required=True)
    c.set_defaults(run=chatbot)
    d = commands.add_parser("clear")
    d.add_argument("--name-prefix", required=True)
    d.set_defaults(run=clear)
    w = commands.add_parser("create")
    w.add_argument("--chatbot", required=True)
    w.add_argument("--count", type=int, required=True)
    w.add_argument("--url-prefix", required=True)
    w.add_argument("--max-concurrency", type=int, default=100)
    w.add_argument("--max-retries", type=int)
    w.add_argument("--retry-delay", type=int)
    w.add_argument("--event-type", default="message.created")
    w.set_defaults(run=create)
    args = parser.parse_args()
    return args.run(API(args.base, args.api_key), args)


if __name__ == "__main__":
    sys.exit(main())
