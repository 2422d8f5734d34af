#!/usr/bin/env python3
"""The README's screenshots (run by scripts/screenshots, which starts the service and the receiver).

  screenshots.py BASE_URL DEMO_JSON RECEIVER_BASE OUT_DIR

Creates three webhooks through the API, publishes a few dozen events (one receiver fails a third of the time),
waits until every delivery is finished, then logs in with chromium and saves the webhooks list, a webhook's page with
its charts and log, and a delivery that needed a retry, with its attempts.
"""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from playwright.sync_api import sync_playwright

from browser_support import CHROMIUM


def call(base, method, path, token, body=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        return json.loads(urllib.request.urlopen(request, timeout=10).read() or b"null")
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{method} {path}: {error.code} {error.read().decode()}") from None


def main(base, demo_json, receiver, out):
    demo = json.loads(demo_json)
    login = urllib.request.Request(base + "/api/v1/auth/login", method="POST",
                                   data=json.dumps({"email": demo["email"], "password": demo["password"]}).encode(),
                                   headers={"Content-Type": "application/json"})
    token = json.loads(urllib.request.urlopen(login, timeout=10).read())["token"]
    chatbot = demo["chatbotId"]
    hooks = f"/api/v1/chatbots/{chatbot}/webhooks"
    crm = call(base, "POST", hooks, token, {
        "name": "CRM leads", "url": f"{receiver}/flaky", "eventTypes": ["lead.created", "lead.updated"],
        "maxRetries": 1, "retryDelay": 200, "headers": {"Authorization": "Bearer crm-api-token"}})["webhook"]
    # A week of past traffic for the charts (DATABASE_URL is the service's, set by scripts/screenshots).
    subprocess.run(["psql", os.environ["DATABASE_URL"], "-q", "-v", f"tenant={demo['tenantId']}",
                    "-v", f"chatbot={chatbot}", "-v", f"webhook={crm['id']}",
                    "-f", os.path.join(os.path.dirname(__file__), "screenshot_history.sql")], check=True)
    call(base, "POST", hooks, token, {
        "name": "Zapier: new conversations", "url": f"{receiver}/ok/zapier",
        "eventTypes": ["conversation.started", "conversation.ended"]})
    call(base, "POST", hooks, token, {
        "name": "n8n escalations", "url": f"{receiver}/ok/n8n", "eventTypes": ["conversation.escalated"],
        "payloadFormat": "agentbot"})
    events = f"/api/v1/chatbots/{chatbot}/events"
    names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Edsger Dijkstra", "Barbara Liskov"]
    for index in range(36):
        name = names[index % len(names)]
        call(base, "POST", events, demo["apiKey"], {
            "type": "lead.created" if index % 3 else "lead.updated",
            "data": {"id": f"lead_{index}", "name": name, "email": f"{name.split()[0].lower()}@example.com"}})
        if index % 4 == 0:
            call(base, "POST", events, demo["apiKey"], {
                "type": "conversation.started", "data": {"conversation_id": f"conv_{index}", "visitor_name": name,
                                      "status": "open", "created_at": "2026-12-06T09:30:00.000Z"}})
    deadline = time.monotonic() + 60
    while call(base, "GET", f"{hooks}/{crm['id']}/deliveries?status=pending", token)["deliveries"]:
        if time.monotonic() > deadline:
            raise RuntimeError("deliveries still pending after a minute")
        time.sleep(0.5)
    retried = [d for d in call(base, "GET", f"{hooks}/{crm['id']}/deliveries", token)["deliveries"]
               if d["attemptCount"] > 1]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        list_url = f"{base}/dashboard/chatbots/{chatbot}/webhooks"
        page.goto(list_url)
        page.get_by_label("Email").fill(demo["email"])
        page.get_by_label("Password").fill(demo["password"])
        page.get_by_role("button", name="Log in").click()
        page.wait_for_selector("#webhooks")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=f"{out}/webhooks.png", full_page=True)

        page.goto(f"{list_url}/{crm['id']}")
        page.wait_for_selector("#deliveries")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=f"{out}/webhook.png", full_page=True)
        page.wait_for_selector("#outcome-chart")
        page.locator("#webhook-charts").screenshot(path=f"{out}/charts.png")

        if retried:
            page.goto(f"{list_url}/{crm['id']}/deliveries/{retried[0]['id']}")
            page.wait_for_selector("#attempts")
            page.screenshot(path=f"{out}/delivery.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
