"""Records what a live seed receiver got and answered, one JSON line per request (read by SeedReceiverDeliveryTests).

Each line: {"verdict": "verified" | "rejected", "status", "path", "deliveryId", "headers", "body", "payload"}
  verdict     "verified" when the receiver answered 200 (its verification passed), else "rejected"
  deliveryId  the value of the header whose name ends in "-delivery-id" (X-Webhook-Delivery-Id, X-Agentbot-...)
  headers     names lowercased; body is the raw body as text; payload is the body parsed as JSON, or null
"""
import json
import threading

_lock = threading.Lock()


def record(log_file, path, headers, body, status):
    """Appends one request (headers: name -> value, body: bytes) and the status answered to `log_file`."""
    headers = {name.lower(): value for name, value in headers.items()}
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    line = json.dumps({
        "verdict": "verified" if status == 200 else "rejected",
        "status": status,
        "path": path,
        "deliveryId": next((value for name, value in headers.items() if name.endswith("-delivery-id")), None),
        "headers": headers,
        "body": body.decode("utf-8", "replace"),
        "payload": payload,
    })
    with _lock, open(log_file, "a", encoding="utf-8") as log:
        log.write(line + "\n")
