#!/usr/bin/env python3
"""A standard-ed25519 webhook's page shows its public key, as text, and no private key (chromium via Playwright).

  dashboard_public_key.py BASE_URL EMAIL PASSWORD CHATBOT_ID KEYED_WEBHOOK_ID PUBLIC_KEY HMAC_WEBHOOK_ID

Before this runs (the Swift test does it through the API), KEYED_WEBHOOK_ID signs with standard-ed25519 and has
PUBLIC_KEY, and HMAC_WEBHOOK_ID signs with a shared secret. Logs in, opens the keyed webhook's page, finds the
public key in its settings and no `whsk_` key there, then opens the other webhook's page, which has no public key
row. Any dialog, page error or console error fails the run. Exits 0 when everything held, 1 with the reason.
"""
import re

from playwright.sync_api import expect, sync_playwright

from browser_support import open_watched_page, raise_problems, run


def main(base, email, password, chatbot_id, keyed_id, public_key, hmac_id):
    problems = []
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)
        list_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks"
        page.goto(f"{list_url}/{keyed_id}")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(f"{list_url}/{keyed_id}")

        settings = page.locator("#webhook-settings")
        expect(settings).to_contain_text("standard-ed25519")
        expect(page.locator("#webhook-public-key")).to_have_text(public_key)
        if re.search(r"whsk_[A-Za-z0-9+/]", page.content()):
            problems.append("the page holds a private key")

        page.goto(f"{list_url}/{hmac_id}")
        expect(page.locator("#webhook-settings")).to_contain_text("Signature scheme")
        expect(page.locator("#webhook-public-key")).to_have_count(0)
        expect(page.locator("#webhook-settings")).not_to_contain_text("Public key")
        browser.close()
    raise_problems(problems)


if __name__ == "__main__":
    run(main, 7)
