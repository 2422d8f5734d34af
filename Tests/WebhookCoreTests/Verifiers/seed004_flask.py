import hmac
import hashlib
from flask import Flask, request
app = Flask(__name__)
def verify_webhook_signature(body, signature, secret):
    expected_signature = hmac.new(
        secret.encode('utf-8'),
        body,
        hashlib.sha256
    ).hexdigest()
    received_signature = signature.replace('sha256=', '')
    return hmac.compare_digest(expected_signature, received_signature)
@app.route('/webhook', methods=['POST'])
def webhook():
    signature = request.headers.get('X-Webhook-Signature')
    secret = 'your-webhook-secret'
    if not verify_webhook_signature(request.data, signature, secret):
        return 'Invalid signature', 401
    # Process the webhook payload
    payload = request.json
    print(f"Received event: {payload['event']}")
    return 'OK', 200
