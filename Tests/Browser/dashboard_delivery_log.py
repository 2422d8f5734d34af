#!/usr/bin/env python3
"""A webhook's page and a delivery's page in a real browser (Debian's chromium through Playwright).

  dashboard_delivery_log.py BASE_URL EMAIL PASSWORD CHATBOT_ID WEBHOOK_ID HOSTILE_TEXT

Before this runs (the Swift test does it through the API), the webhook exists, one lead.created event holding
HOSTILE_TEXT was delivered to it, failing once (500) then succeeding (200), and 20 lead.updated events followed. Logs
in, opens the webhook from the list, finds its settings, loads the log's second page to find the delivery
`succeeded`, filters the log by status and by event type through the URL and goes back, opens the delivery, finds
both attempts (500 then 200) with the request as sent, HOSTILE_TEXT shown as text in its body, and walks back with
the browser's back button. Any dialog, page error or console error (a Content-Security-Policy violation is one)
fails the run. Exits 0 when everything held, 1 with the reason otherwise.
"""
import re

from playwright.sync_api import expect, sync_playwright

from browser_support import log_in, open_watched_page, raise_problems, run


def main(base, email, password, chatbot_id, webhook_id, hostile):
    problems = []
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)

        list_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks"
        webhook_url = f"{list_url}/{webhook_id}"
        log_in(page, list_url, email, password)

        page.locator(f'#webhooks tr[data-webhook-id="{webhook_id}"] td.name a').click()
        expect(page).to_have_url(webhook_url)
        settings = page.locator("#webhook-settings")
        expect(settings).to_contain_text("Signature scheme")
        # Ordering and pace, as the API reads them (this webhook has the defaults).
        expect(settings.locator("dt", has_text="Ordering").locator("xpath=following-sibling::dd[1]")).to_have_text("concurrent")
        expect(settings.locator("dt", has_text="Rate limit").locator("xpath=following-sibling::dd[1]")).to_have_text("none")
        expect(settings).to_contain_text("•" * 8)  # the Authorization header the test set stays masked
        expect(settings).not_to_contain_text("never-shown")
        expect(page.locator("#webhook-status")).to_have_text("active")
        rows = page.locator("#deliveries tbody tr")
        load_more = page.get_by_role("button", name="Load more")

        # A page holds the 20 newest (the later lead.updated events); "Load more" brings the oldest, our delivery.
        expect(rows).to_have_count(20)
        load_more.click()
        expect(rows).to_have_count(21)
        expect(load_more).to_be_hidden()
        row = rows.last
        expect(row.locator("td.event a")).to_have_text("lead.created")
        expect(row.locator("td.status")).to_have_text("succeeded")
        expect(row.locator("td.count").first).to_have_text("2")

        # The filters live in the URL: a status with no delivery empties the log, back brings it again, and the
        # event type leaves our delivery alone on the page.
        page.locator("#delivery-filters select[name=status]").select_option("failed")
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(f"{webhook_url}?status=failed")
        expect(page.locator("#deliveries-empty")).to_be_visible()
        page.go_back()
        expect(page).to_have_url(webhook_url)
        expect(rows).to_have_count(20)
        page.get_by_label("Event type").fill("lead.created")
        page.get_by_role("button", name="Filter").click()
        filtered_url = f"{webhook_url}?eventType=lead.created"
        expect(page).to_have_url(filtered_url)
        expect(rows).to_have_count(1)
        expect(load_more).to_be_hidden()
        row = rows.first
        expect(row.locator("td.status")).to_have_text("succeeded")

        row.locator("td.event a").click()
        expect(page).to_have_url(re.compile(re.escape(webhook_url) + r"/deliveries/[0-9a-f-]{36}$"))
        expect(page.locator("#delivery-status")).to_have_text("succeeded")
        expect(page.locator("#event-data")).to_contain_text(hostile)
        attempts = page.locator("#attempts > li")
        expect(attempts).to_have_count(2)
        expect(attempts.nth(0).locator(".status-code")).to_have_text("500")
        expect(attempts.nth(1).locator(".status-code")).to_have_text("200")
        for index in range(2):
            attempt = attempts.nth(index)
            expect(attempt.locator("pre.request-body")).to_contain_text(hostile)
            expect(attempt.locator("table.headers th", has_text=re.compile(r"^X-Webhook-Attempt$", re.I))).to_have_count(1)
        # The hostile text made no element: the page's only script is its own module.
        expect(page.locator("script")).to_have_count(1)

        page.go_back()
        expect(page).to_have_url(filtered_url)
        expect(rows).to_have_count(1)
        page.go_back()
        expect(page).to_have_url(webhook_url)
        expect(rows).to_have_count(20)
        page.go_back()
        expect(page).to_have_url(list_url)
        expect(page.locator("#webhooks")).to_be_visible()
        browser.close()
    raise_problems(problems)


if __name__ == "__main__":
    run(main, 6)
