#!/usr/bin/env python3
"""Managing a webhook from the dashboard alone, in a real browser (Debian's chromium through Playwright).

  dashboard_manage.py BASE_URL EMAIL PASSWORD CHATBOT_ID API_KEY RECEIVER_PORT

RECEIVER_PORT is `snippet_receiver.js`, which answers with the status this script sets and verifies deliveries with
the verification code the page shows. The script logs in, creates a webhook to the receiver with a credential header,
sees its secret once with the snippet (which, run by the receiver as written, verifies the test send and later
deliveries), sends a test, watches a published event arrive in the log with its attempt, breaks the receiver and sees
the retries and the failure, mends it and replays the failure, redelivers a delivery, pauses and resumes, edits the
webhook (the masked header kept), rotates the secret, fills the per-website settings form, and deletes the webhook
after cancelling once. The API key publishes the events, as the platform would. Any dialog, page error or console
error fails the run. Exits 0 when everything held, 1 with the reason otherwise.
"""
import json
import re
import time
import urllib.request

from playwright.sync_api import expect, sync_playwright

from browser_support import log_in, open_watched_page, raise_problems, run


class Receiver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.url = f"{self.base}/hook"

    def control(self, **change):
        request = urllib.request.Request(f"{self.base}/control", data=json.dumps(change).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5).read()

    def log(self):
        return json.loads(urllib.request.urlopen(f"{self.base}/control/log", timeout=5).read())


def publish(base, chatbot_id, api_key, event_type, data):
    request = urllib.request.Request(f"{base}/api/v1/chatbots/{chatbot_id}/events", method="POST",
                                     data=json.dumps({"type": event_type, "data": data}).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {api_key}"})
    answer = json.loads(urllib.request.urlopen(request, timeout=10).read())
    if answer.get("deliveriesQueued") != 1:
        raise AssertionError(f"publishing {event_type} queued {answer}")


def log_row(page, text, status, timeout=20):
    """The delivery log's row whose event cell holds `text` once its status is `status`, reloading until then."""
    deadline = time.monotonic() + timeout
    while True:
        row = page.locator("#deliveries tbody tr").filter(has=page.locator("td.event", has_text=text)) \
            .filter(has=page.locator("td.status", has_text=status))
        if row.count() > 0 or time.monotonic() > deadline:
            expect(row.first).to_be_visible()
            return row.first
        time.sleep(0.3)
        page.reload()


def main(base, email, password, chatbot_id, api_key, receiver_port):
    problems = []
    receiver = Receiver(receiver_port)
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)
        list_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks"
        log_in(page, list_url, email, password)

        # Create: standard format, lead events, one retry 100 ms apart, and a credential header.
        page.get_by_role("link", name="New webhook").click()
        expect(page).to_have_url(f"{list_url}/new")
        form = page.locator("#webhook-form")
        form.get_by_label("Name", exact=True).fill("CRM leads")
        form.get_by_label("URL", exact=True).fill(receiver.url)
        form.locator("#event-choices input[value='lead.created']").check()
        form.locator("input[name=maxRetries]").fill("1")
        form.locator("input[name=retryDelay]").fill("100")
        form.get_by_role("button", name="Add header").click()
        form.locator(".header-name").fill("Authorization")
        form.locator(".header-value").fill("Bearer crm-token-1")
        form.get_by_role("button", name="Create webhook").click()

        # The secret, once, with the code that verifies deliveries.
        secret_field = page.locator("#secret-value")
        expect(secret_field).to_have_value(re.compile(r"^whsec_[A-Za-z0-9+/=]{20,}$"))
        secret = secret_field.input_value()
        snippet = page.locator("#verify-snippet").inner_text()
        receiver.control(snippet=snippet, secret=secret)
        page.get_by_role("button", name="Copy").click()
        expect(page.locator("#secret-panel .copy-note")).to_have_text(re.compile(r"Copied|Selected"))
        webhook_url_pattern = re.compile(re.escape(list_url) + r"/([0-9a-f-]{36})$")
        expect(page).to_have_url(webhook_url_pattern)
        webhook_url = page.url
        page.get_by_role("link", name=re.compile("go to the webhook")).click()
        expect(page.locator("#webhook-name")).to_have_text("CRM leads")
        page.reload()
        expect(page.locator("#webhook-name")).to_have_text("CRM leads")
        if secret in page.content():
            raise AssertionError("the secret is still on the page after leaving the panel")

        # A test send, verified by the receiver with the page's snippet.
        page.get_by_role("button", name="Send test").click()
        expect(page.locator("#test-result")).to_contain_text("Test delivered")
        expect(page.locator("#test-result")).to_contain_text("HTTP 200")
        received = receiver.log()
        if len(received) != 1 or received[0]["verified"] is not True:
            raise AssertionError(f"the snippet did not verify the test send: {received}")
        if received[0]["headers"].get("authorization") != "Bearer crm-token-1":
            raise AssertionError(f"the credential header did not arrive: {received[0]['headers']}")

        # A published event arrives in the log with its attempt and the request as sent.
        publish(base, chatbot_id, api_key, "lead.created", {"id": "lead_ok", "name": "Ada"})
        page.reload()
        log_row(page, "lead.created", "succeeded").locator("td.event a").click()
        expect(page.locator("#delivery-status")).to_have_text("succeeded")
        expect(page.locator("#attempts > li")).to_have_count(1)
        expect(page.locator("#attempts > li .status-code")).to_have_text("200")
        expect(page.locator("#attempts table.headers")).to_contain_text("webhook-signature")
        first_delivery_url = page.url
        page.go_back()

        # Broken receiver: the first attempt and its one retry fail, and the delivery is failed.
        receiver.control(status=500)
        publish(base, chatbot_id, api_key, "lead.created", {"id": "lead_broken", "name": "Grace"})
        log_row(page, "lead.created", "failed").locator("td.event a").click()
        attempts = page.locator("#attempts > li")
        expect(attempts).to_have_count(2)
        expect(attempts.nth(0).locator(".status-code")).to_have_text("500")
        expect(attempts.nth(1).locator(".status-code")).to_have_text("500")
        expect(attempts.nth(0).locator(".response-body")).to_have_text("broken on purpose")
        page.go_back()

        # Mended: replaying the failures since an hour ago queues that one again, and it succeeds.
        receiver.control(status=200)
        since = page.locator("#replay-form input[name=since]")
        since.fill(time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 3600)))
        page.get_by_role("button", name="Replay").click()
        expect(page.locator("#replay-outcome")).to_have_text("1 failed delivery queued again.")
        page.reload()
        deadline = time.monotonic() + 20
        while page.locator("#deliveries td.status", has_text="failed").count() > 0 and time.monotonic() < deadline:
            time.sleep(0.3)
            page.reload()
        expect(page.locator("#deliveries td.status", has_text="failed")).to_have_count(0)

        # Redeliver the first delivery: a second attempt, succeeded again.
        page.goto(first_delivery_url)
        page.get_by_role("button", name="Redeliver").click()
        deadline = time.monotonic() + 20
        while page.locator("#attempts > li").count() < 2 and time.monotonic() < deadline:
            time.sleep(0.3)
            page.reload()
        expect(page.locator("#attempts > li")).to_have_count(2)
        expect(page.locator("#delivery-status")).to_have_text("succeeded")
        if not all(entry["verified"] for entry in receiver.log() if entry["status"] < 300):
            raise AssertionError(f"a delivery did not verify with the page's snippet: {receiver.log()}")

        # Pause and resume.
        page.goto(webhook_url)
        page.get_by_role("button", name="Pause").click()
        expect(page.locator("#webhook-status")).to_have_text("paused")
        page.get_by_role("button", name="Resume").click()
        expect(page.locator("#webhook-status")).to_have_text("active")

        # Edit: a new name, timeout, order and pace; the masked credential header is saved back unchanged.
        page.get_by_role("link", name="Edit").click()
        expect(page).to_have_url(f"{webhook_url}/edit")
        form = page.locator("#webhook-form")
        expect(form.locator(".header-value")).to_have_value("•" * 8)
        form.get_by_label("Name", exact=True).fill("CRM leads (EU)")
        form.locator("input[name=timeout]").fill("5000")
        form.locator("select[name=ordering]").select_option("fifo")
        form.locator("input[name=rateLimit]").fill("5")
        form.get_by_role("button", name="Save").click()
        expect(page).to_have_url(webhook_url)
        expect(page.locator("#webhook-name")).to_have_text("CRM leads (EU)")
        settings = page.locator("#webhook-settings")
        expect(settings).to_contain_text("5000 ms")
        expect(settings).to_contain_text("fifo: one at a time, in publish order")
        expect(settings).to_contain_text("5 requests per second")
        page.get_by_role("button", name="Send test").click()
        expect(page.locator("#test-result")).to_contain_text("Test delivered")
        if receiver.log()[-1]["headers"].get("authorization") != "Bearer crm-token-1":
            raise AssertionError("editing lost the stored credential header")

        # Rotate: asked first, then a new secret once.
        page.get_by_role("button", name="Rotate secret").click()
        page.locator("#confirm-ok").click()
        expect(page.locator("#secret-value")).to_have_value(re.compile(r"^whsec_"))
        if page.locator("#secret-value").input_value() == secret:
            raise AssertionError("rotating kept the old secret")

        # The per-website settings form: a leads URL with its token becomes a webhook of its own.
        page.goto(list_url)
        page.get_by_role("link", name="Per-website settings").click()
        leads = page.locator("fieldset[data-slot=leads]")
        leads.get_by_label("URL").fill(receiver.url)
        leads.get_by_label("Token").fill("abc-leads-xyz")
        page.get_by_role("button", name="Save settings").click()
        expect(leads).to_contain_text("Status: active")
        expect(leads.get_by_label("Token")).to_have_attribute("placeholder", re.compile("leave empty to keep"))
        page.goto(list_url)
        expect(page.locator("#webhooks tbody tr")).to_have_count(2)  # the settings slot's and the key's webhooks

        # A portal link for this chatbot, dark: it opens the chatbot's webhooks in a browser of its own, once.
        page.goto(list_url)
        page.locator("#portal-link summary").click()
        page.locator("#portal-link-form input[name=dark]").check()
        page.get_by_role("button", name="Create portal link").click()
        portal_url = page.locator("#portal-link-url").input_value()
        if not re.match(re.escape(base) + r"/dashboard/portal\?token=ptl_", portal_url):
            raise AssertionError(f"not a portal link: {portal_url}")
        stranger = browser.new_context()
        portal = stranger.new_page()
        portal.goto(portal_url)
        expect(portal).to_have_url(list_url)
        expect(portal.locator("html")).to_have_attribute("data-theme", "dark")
        expect(portal.locator("#webhooks td.name", has_text="CRM leads (EU)")).to_have_count(1)
        expect(portal.locator("#portal-link")).to_have_count(0)  # a portal shares nothing further
        stranger.close()

        # A public-key webhook: the page shows the public key instead of a secret, and its snippet verifies v1a.
        page.get_by_role("link", name="New webhook").click()
        form = page.locator("#webhook-form")
        form.get_by_label("Name", exact=True).fill("Signed with a key")
        form.get_by_label("URL", exact=True).fill(receiver.url)
        form.locator("#event-choices input[value='lead.created']").check()
        form.locator("select[name=signatureScheme]").select_option("standard-ed25519")
        form.get_by_role("button", name="Create webhook").click()
        public_key = page.locator("#public-key-value")
        expect(public_key).to_have_value(re.compile(r"^whpk_[A-Za-z0-9+/=]{40,}$"))
        expect(page.locator("#secret-value")).to_have_count(0)
        receiver.control(snippet=page.locator("#verify-snippet").inner_text(), secret=public_key.input_value())
        page.get_by_role("link", name=re.compile("go to the webhook")).click()
        page.get_by_role("button", name="Send test").click()
        expect(page.locator("#test-result")).to_contain_text("Test delivered")
        last = receiver.log()[-1]
        if last["verified"] is not True or not last["headers"].get("webhook-signature", "").startswith("v1a,"):
            raise AssertionError(f"the v1a snippet did not verify the test send: {last}")

        # Delete: cancelling keeps it; confirming removes it.
        page.goto(webhook_url)
        page.get_by_role("button", name="Delete").click()
        page.locator("#confirm-cancel").click()
        expect(page.locator("#confirm-dialog")).to_have_count(0)
        expect(page).to_have_url(webhook_url)
        page.get_by_role("button", name="Delete").click()
        page.locator("#confirm-ok").click()
        expect(page).to_have_url(list_url)
        expect(page.locator("#webhooks td.name", has_text="CRM leads")).to_have_count(0)
        expect(page.locator("#webhooks tbody tr")).to_have_count(2)  # the settings slot's and the key's webhooks
        browser.close()
    raise_problems(problems)


if __name__ == "__main__":
    run(main, 6)
