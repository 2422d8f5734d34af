"""A stand-in for Slack's and Discord's incoming webhooks: it refuses what they document refusing.

Usage: python3 chat_receiver.py <port> <log file> [<port file>]
  Requests to a path containing "slack" are checked as Slack incoming-webhook bodies, to a path containing "discord"
  as Discord execute-webhook bodies; other paths get 404. With port 0 the system picks a free port, and it is written
  to <port file> (default: <log file>.port) once the receiver listens.

Slack: 200 "ok"; 400 "invalid_payload" (not a JSON object), "no_text" (no non-empty `text`), "invalid_blocks"
  (a block breaks Block Kit's limits: <= 50 blocks; header plain_text 1..150; section text 1..3000 or 1..10 fields
  of 1..2000; context 1..10 elements of 1..3000).
Discord: 204; 400 with {"code", "message"}: 50109 (not a JSON object), 50006 (neither non-empty `content` nor
  `embeds`), 50035 (content over 2000, over 10 embeds, an embed over its limits: title 256, description 4096,
  25 fields with name 1..256 and value 1..1024, footer 2048, author 256, 6000 in all embeds together; a timestamp
  that is not ISO 8601; a url that is not http(s); allowed_mentions.parse not a list of roles/users/everyone).

Every request is appended to the log file as one JSON line:
  {"target": "slack" | "discord" | null, "status", "error" (null when accepted), "path", "headers", "body", "payload"}
"""
import json
import os
import sys
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_lock = threading.Lock()


class Refused(Exception):
    """A body the service would refuse; `code` is Slack's error string or Discord's error code."""

    def __init__(self, code, message=""):
        super().__init__(message or str(code))
        self.code = code


def _text_length(value, low, high, what):
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise Refused("invalid_blocks", f"{what} must be a string of {low}..{high} characters")


def _text_object(value, kinds, high, what):
    if not isinstance(value, dict) or value.get("type") not in kinds:
        raise Refused("invalid_blocks", f"{what} must be a text object of type {'/'.join(kinds)}")
    _text_length(value.get("text"), 1, high, what)


def check_slack(payload):
    if not isinstance(payload, dict):
        raise Refused("invalid_payload", "the body is not a JSON object")
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Refused("no_text", "text is missing or empty")
    blocks = payload.get("blocks", [])
    if not isinstance(blocks, list) or len(blocks) > 50:
        raise Refused("invalid_blocks", "blocks must be a list of at most 50")
    for position, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        where = f"blocks[{position}]"
        if kind == "header":
            _text_object(block.get("text"), ("plain_text",), 150, where + ".text")
        elif kind == "section":
            if "text" not in block and "fields" not in block:
                raise Refused("invalid_blocks", where + " needs text or fields")
            if "text" in block:
                _text_object(block["text"], ("mrkdwn", "plain_text"), 3000, where + ".text")
            if "fields" in block:
                fields = block["fields"]
                if not isinstance(fields, list) or not 1 <= len(fields) <= 10:
                    raise Refused("invalid_blocks", where + ".fields must hold 1..10 items")
                for index, field in enumerate(fields):
                    _text_object(field, ("mrkdwn", "plain_text"), 2000, f"{where}.fields[{index}]")
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 10:
                raise Refused("invalid_blocks", where + ".elements must hold 1..10 items")
            for index, element in enumerate(elements):
                _text_object(element, ("mrkdwn", "plain_text"), 3000, f"{where}.elements[{index}]")
        elif kind not in ("divider", "actions", "image"):
            raise Refused("invalid_blocks", f"{where} has an unknown type {kind!r}")


def _discord_text(value, low, high, what):
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise Refused(50035, f"{what} must be a string of {low}..{high} characters")
    return len(value)


def check_discord(payload):
    if not isinstance(payload, dict):
        raise Refused(50109, "The request body contains invalid JSON.")
    content = payload.get("content")
    embeds = payload.get("embeds")
    if content is not None:
        _discord_text(content, 0, 2000, "content")
    if embeds is not None and (not isinstance(embeds, list) or len(embeds) > 10):
        raise Refused(50035, "embeds must be a list of at most 10")
    if not content and not embeds:
        raise Refused(50006, "Cannot send an empty message")
    total = 0
    for position, embed in enumerate(embeds or []):
        where = f"embeds[{position}]"
        if not isinstance(embed, dict):
            raise Refused(50035, where + " must be an object")
        if "title" in embed:
            total += _discord_text(embed["title"], 0, 256, where + ".title")
        if "description" in embed:
            total += _discord_text(embed["description"], 0, 4096, where + ".description")
        fields = embed.get("fields", [])
        if not isinstance(fields, list) or len(fields) > 25:
            raise Refused(50035, where + ".fields must be a list of at most 25")
        for index, field in enumerate(fields):
            if not isinstance(field, dict):
                raise Refused(50035, f"{where}.fields[{index}] must be an object")
            total += _discord_text(field.get("name"), 1, 256, f"{where}.fields[{index}].name")
            total += _discord_text(field.get("value"), 1, 1024, f"{where}.fields[{index}].value")
        if "footer" in embed:
            total += _discord_text((embed["footer"] or {}).get("text"), 0, 2048, where + ".footer.text")
        if "author" in embed:
            total += _discord_text((embed["author"] or {}).get("name"), 0, 256, where + ".author.name")
        if "timestamp" in embed:
            try:
                datetime.fromisoformat(embed["timestamp"])
            except (TypeError, ValueError):
                raise Refused(50035, where + ".timestamp is not ISO 8601") from None
        if "url" in embed:
            url = embed["url"]
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise Refused(50035, where + ".url is not an http(s) URL")
    if total > 6000:
        raise Refused(50035, f"embeds hold {total} characters, over 6000")
    mentions = payload.get("allowed_mentions")
    if mentions is not None:
        parse = mentions.get("parse", []) if isinstance(mentions, dict) else None
        if not isinstance(parse, list) or any(kind not in ("roles", "users", "everyone") for kind in parse):
            raise Refused(50035, "allowed_mentions.parse must list roles, users or everyone")


def record(log_file, line):
    with _lock, open(log_file, "a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {name.lower(): value for name, value in self.headers.items()}
        target = "slack" if "slack" in self.path else "discord" if "discord" in self.path else None
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        error = None
        if target is None:
            status, answer, kind = 404, b"not found", "text/plain"
            error = "no such webhook"
        else:
            try:
                (check_slack if target == "slack" else check_discord)(payload)
                status, answer, kind = (200, b"ok", "text/plain") if target == "slack" else (204, b"", None)
            except Refused as refused:
                error = str(refused)
                if target == "slack":
                    status, answer, kind = 400, refused.code.encode(), "text/plain"
                else:
                    answer = json.dumps({"code": refused.code, "message": str(refused)}).encode()
                    status, kind = 400, "application/json"
        record(self.server.log_file, {
            "target": target, "status": status, "error": error, "path": self.path, "headers": headers,
            "body": body.decode("utf-8", "replace"), "payload": payload,
        })
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def main():
    port, log_file = int(sys.argv[1]), sys.argv[2]
    port_file = sys.argv[3] if len(sys.argv) > 3 else log_file + ".port"
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.log_file = log_file
    if port == 0:
        with open(port_file + ".tmp", "w", encoding="utf-8") as out:
            out.write(str(server.server_address[1]))
        os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
