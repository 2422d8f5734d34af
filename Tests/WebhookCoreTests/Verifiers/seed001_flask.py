from flask import Flask, request, jsonify
import os

app = Flask(__name__)

@app.route('/webhooks/messages', methods=['POST'])
def messages_webhook():
    # Verify webhook token
    token = request.headers.get('X-WEBHOOK-TOKEN')
    if token != os.environ.get('SITEGPT_MESSAGE_TOKEN'):
        return 'Unauthorized', 401
    
    # Process the webhook payload
    payload = request.json
    event = payload.get('event')
    data = payload.get('data')
    
    if event == 'ADD_MESSAGE':
        print(f"New message in thread {data['threadId']}")
        print(f"Question: {data.get('question')}")
        print(f"Answer: {data.get('answer')}")
    
    # Your custom logic here
    
    return 'OK', 200

@app.route('/webhooks/escalations', methods=['POST'])
def escalations_webhook():
    token = request.headers.get('X-WEBHOOK-TOKEN')
    if token != os.environ.get('SITEGPT_ESCALATION_TOKEN'):
        return 'Unauthorized', 401
    
    payload = request.json
    event = payload.get('event')
    data = payload.get('data')
    
    if event == 'CONVERSATION_ESCALATED':
        user = data.get('user')
        user_name = user['name'] if user else 'Anonymous'
        print(f"Escalation from {user_name}")
        print(f"Dashboard URL: {data['dashboardUrl']}")
    
    # Your custom logic here
    
    return 'OK', 200

@app.route('/webhooks/leads', methods=['POST'])
def leads_webhook():
    token = request.headers.get('X-WEBHOOK-TOKEN')
    if token != os.environ.get('SITEGPT_LEADS_TOKEN'):
        return 'Unauthorized', 401
    
    payload = request.json
    event = payload.get('event')
    data = payload.get('data')
    
    if event == 'NEW_LEAD_CAPTURE':
        lead = data['leadDetails']
        print(f"New lead: {lead['name']} ({lead['email']})")
        print(f"Dashboard URL: {data['dashboardUrl']}")
    
    # Your custom logic here
    
    return 'OK', 200

if __name__ == '__main__':
    app.run(port=3000)
