#!/usr/bin/env python3
"""The delivery log's `succeeded` filter on a webhook that mostly fails, in a real browser.

  dashboard_log_search.py BASE_URL EMAIL PASSWORD CHATBOT_ID WEBHOOK_ID

Before this runs (the Swift test writes them through SQL), the webhook has one succeeded delivery and, after it,
12,000 failed ones. A page of `succeeded` checks at most 1,000 deliveries, and the page follows at most ten empty
pages on its own: filtering by `succeeded` first says that none of the most recent deliveries searched matched and
offers "Search older deliveries"; that finds the success, after which there is nothing more to load. The failed
filter shows a full page at once. Any dialog, page error or console error fails the run. Exits 0 when everything
held, 1 with the reason otherwise.
"""
from playwright.sync_api import expect, sync_playwright

from browser_support import log_in, open_watched_page, raise_problems, run


def main(base, email, password, chatbot_id, webhook_id):
    problems = []
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)
        webhook_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks/{webhook_id}"
        log_in(page, f"{webhook_url}?status=succeeded", email, password)
        expect(page).to_have_url(f"{webhook_url}?status=succeeded")

        rows = page.locator("#deliveries tbody tr")
        searching = page.locator("#deliveries-searching")
        search = page.get_by_role("button", name="Search older deliveries")
        expect(searching).to_have_text("No matching deliveries among the most recent ones searched.")
        expect(rows).to_have_count(0)
        expect(page.locator("#deliveries-empty")).to_have_count(0)
        search.click()
        expect(rows).to_have_count(1)
        expect(rows.first.locator("td.status")).to_have_text("succeeded")
        expect(searching).to_be_hidden()
        expect(search).to_be_hidden()
        expect(page.get_by_role("button", name="Load more")).to_be_hidden()

        page.locator("#delivery-filters select[name=status]").select_option("failed")
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(f"{webhook_url}?status=failed")
        expect(rows).to_have_count(20)
        expect(page.get_by_role("button", name="Load more")).to_be_visible()
        expect(searching).to_be_hidden()
        browser.close()
    raise_problems(problems)


if __name__ == "__main__":
    run(main, 5)
