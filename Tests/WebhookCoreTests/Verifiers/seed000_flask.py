from flask import Flask, request
import os

app = Flask(__name__)

@app.route("/webhook", methods=["POST"])
def webhook():
    secret = request.headers.get("X-Webhook-Secret")
    if secret != os.environ["SUPPABOT_WEBHOOK_SECRET"]:
        return "Unauthorized", 401

    payload = request.json
    event = payload.get("event")
    data = payload.get("data")

    if event == "visitor_created":
        visitor = data["visitor"]
        # sync to CRM, etc.
        print(f"New lead: {visitor['email']}")
    elif event == "conversation_ended":
        conversation = data["conversation"]
        print(f"Conversation ended: {conversation['outcome']}")

    return "OK", 200
