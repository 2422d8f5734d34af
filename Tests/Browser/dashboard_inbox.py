#!/usr/bin/env python3
"""A test inbox in a real browser (Debian's chromium through Playwright), against a running service.

  dashboard_inbox.py BASE_URL EMAIL PASSWORD

Logs in, opens the test inboxes from the header's link, creates an inbox, copies its URL, then posts a request to
that URL from here (signed as Standard Webhooks signs, its body and a header holding markup) and sees it appear on
the open page without a reload: the body pretty-printed as text in a <pre>, the headers as a table, the markup made
no element and ran nothing. Checks the signature with a wrong secret (not verified) and the right one (verified),
sees a second request arrive above the first, leaves the view (its polling stops), deletes the inbox after the
page's own confirmation dialog (cancelling it first keeps it), and finds its URL dead. Any dialog, page error or
console error (a Content-Security-Policy violation is one) fails the run. Exits 0 when everything held, 1 with the
reason otherwise.
"""
import base64
import hashlib
import hmac
import json
import re
import time
import urllib.error
import urllib.request

from playwright.sync_api import expect, sync_playwright

from browser_support import open_watched_page, raise_problems, run


SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
WRONG_SECRET = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'


def main(base, email, password):
    problems = []
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)

        page.goto(base + "/dashboard/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.locator("#nav-inboxes").click()
        expect(page).to_have_url(f"{base}/dashboard/inboxes")
        expect(page.locator("#no-inboxes")).to_be_visible()

        page.get_by_label("Name").fill("Browser inbox")
        page.get_by_role("button", name="Create inbox").click()
        expect(page).to_have_url(re.compile(re.escape(base) + r"/dashboard/inboxes/[0-9a-f-]{36}$"))
        inbox_page = page.url
        expect(page.locator("h1")).to_have_text("Browser inbox")
        expect(page.locator("#no-requests")).to_be_visible()
        url = page.locator("input.inbox-url").input_value()
        if not re.fullmatch(re.escape(base) + r"/inbox/inb_[A-Za-z0-9_-]{43}", url):
            raise AssertionError(f"the inbox URL is {url!r}")

        page.get_by_role("button", name="Copy").click()
        expect(page.locator(".copy-note")).to_have_text(re.compile(r"^(Copied|Selected: press Ctrl\+C)"))
        if page.locator(".copy-note").inner_text() == "Copied":
            copied = page.evaluate("navigator.clipboard.readText()")
            if copied != url:
                raise AssertionError(f"the clipboard holds {copied!r}, not the URL")

        # A marker the page would lose on a reload: the request must arrive through the view's polling.
        page.evaluate("window.__notReloaded = true")
        body = json.dumps({"event": "lead.created", "data": {"name": SCRIPT, "company": IMAGE}}).encode()
        status = post(url, body, signed_headers(body) + [("X-Note", IMAGE)])
        if status != 200:
            raise AssertionError(f"posting to the inbox answered {status}")

        card = page.locator("#requests li.inbox-request")
        expect(card).to_have_count(1, timeout=15_000)
        if page.evaluate("window.__notReloaded") is not True:
            raise AssertionError("the page reloaded to show the request")
        expect(page.locator("#no-requests")).to_be_hidden()
        expect(card.locator(".method")).to_have_text("POST")
        pre = card.locator("pre.request-body")
        expect(pre).to_contain_text(f'"name": "{SCRIPT}"')
        expect(pre).to_contain_text('"company": "\\"><img src=x onerror=alert(1)>"')
        headers = card.locator("table.headers")
        expect(headers.locator("tr").filter(has=page.locator("th", has_text="webhook-signature"))).to_have_count(1)
        expect(headers.locator("tr").filter(has=page.locator("th", has_text="X-Note")).locator("td")).to_have_text(IMAGE)
        # The markup made no element: no image and no script besides the page's own module.
        expect(page.locator("img")).to_have_count(0)
        expect(page.locator("script")).to_have_count(1)

        card.get_by_label("Webhook secret").fill(WRONG_SECRET)
        card.get_by_role("button", name="Verify signature").click()
        expect(card.locator('li[data-scheme="standard"]')).to_have_attribute("data-verified", "false")
        card.get_by_label("Webhook secret").fill(SECRET)
        card.get_by_role("button", name="Verify signature").click()
        expect(card.locator('li[data-scheme="standard"]')).to_have_attribute("data-verified", "true")
        expect(card.locator('li[data-scheme="standard"]')).to_contain_text("verified (webhook-signature matches)")
        expect(card.locator('li[data-scheme="token"]')).to_have_attribute("data-verified", "false")

        # A second request arrives above the first while the page stays open.
        if post(url, b"plain text body", [("Content-Type", "text/plain")]) != 200:
            raise AssertionError("the second post failed")
        expect(card).to_have_count(2, timeout=15_000)
        expect(card.first.locator("pre.request-body")).to_have_text("plain text body")

        # The view's own URL opens it again, with both requests.
        page.goto(inbox_page)
        expect(card).to_have_count(2)

        # Leaving the view stops its polling: no request for the inbox's requests while the list is shown.
        polls = []
        page.on("request", lambda request: polls.append(request.url) if "/requests" in request.url else None)
        page.get_by_role("link", name="All inboxes").click()
        expect(page).to_have_url(f"{base}/dashboard/inboxes")
        expect(page.locator("#inboxes tr[data-inbox-id] td.count")).to_have_text("2")
        polls.clear()
        page.wait_for_timeout(5_000)  # two and a half polling periods
        if polls:
            raise AssertionError(f"the inbox view kept polling after it was left: {polls}")
        page.locator("#inboxes td.name a").click()
        expect(page).to_have_url(inbox_page)
        expect(card).to_have_count(2)

        # Cancelling the page's own dialog keeps the inbox; confirming deletes it.
        page.locator("#delete-inbox").click()
        page.locator("#confirm-cancel").click()
        expect(page.locator("#confirm-dialog")).to_have_count(0)
        expect(page).to_have_url(inbox_page)
        page.locator("#delete-inbox").click()
        expect(page.locator("#confirm-dialog")).to_contain_text("Delete this inbox?")
        page.locator("#confirm-ok").click()
        expect(page).to_have_url(f"{base}/dashboard/inboxes")
        expect(page.locator("#no-inboxes")).to_be_visible()
        if post(url, body, []) != 404:
            raise AssertionError("the deleted inbox's URL still answers")
        browser.close()
    raise_problems(problems)


def signed_headers(body):
    """Standard Webhooks headers for `body` under SECRET, as a delivery carries them."""
    message_id = "msg_browser_test"
    timestamp = str(int(time.time()))
    key = base64.b64decode(SECRET[len("whsec_"):])
    signed = f"{message_id}.{timestamp}.".encode() + body
    signature = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return [("Content-Type", "application/json"), ("webhook-id", message_id), ("webhook-timestamp", timestamp),
            ("webhook-signature", f"v1,{signature}")]


def post(url, body, headers):
    request = urllib.request.Request(url, data=body, method="POST", headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


if __name__ == "__main__":
    run(main, 3)
