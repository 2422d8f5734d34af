#!/usr/bin/env python3
"""The upsell in a real browser (Debian's chromium through Playwright), for a tenant whose plan lacks webhooks.

  dashboard_upsell.py BASE_URL EMAIL PASSWORD CHATBOT_ID WEBHOOK_ID

Before this runs (the Swift test does it), the tenant had a webhook (WEBHOOK_ID) and then lost the feature: its plan is
`pro` without the add-on, so the webhook is suspended. Logs in and finds, in place of create and enable: on the list,
the offer (the add-on at $59/month or $468/year, or the Scale plan) and no "New webhook"; on the webhook's page, the
offer and no send, resume or edit; on the new-webhook URL, the offer and no form. The suspended webhook and its reason
stay visible. Any dialog, page error or console error fails the run. Exits 0 when everything held, 1 otherwise.
"""

from playwright.sync_api import expect, sync_playwright

from browser_support import log_in, open_watched_page, raise_problems, run


def check_offer(page):
    offer = page.locator("#upsell")
    expect(offer).to_contain_text("Webhooks are not in your plan")
    expect(offer).to_contain_text("$59/month or $468/year")
    expect(offer).to_contain_text("Scale plan")


def main(base, email, password, chatbot_id, webhook_id):
    problems = []
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)
        list_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks"
        log_in(page, list_url, email, password)

        check_offer(page)
        expect(page.get_by_role("link", name="New webhook")).to_have_count(0)
        row = page.locator(f'#webhooks tr[data-webhook-id="{webhook_id}"]')
        expect(row.locator("td.status")).to_contain_text("suspended")

        page.goto(f"{list_url}/{webhook_id}")
        check_offer(page)
        expect(page.locator("#webhook-status")).to_contain_text("suspended")
        for name in ("Send test", "Resume", "Pause", "Rotate secret"):
            expect(page.get_by_role("button", name=name)).to_have_count(0)
        expect(page.get_by_role("link", name="Edit")).to_have_count(0)
        expect(page.locator("#replay-form")).to_have_count(0)

        page.goto(f"{list_url}/new")
        check_offer(page)
        expect(page.locator("#webhook-form")).to_have_count(0)
        browser.close()
    raise_problems(problems)


if __name__ == "__main__":
    run(main, 5)
