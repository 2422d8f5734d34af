#!/usr/bin/env python3
"""A webhook's charts, the list's health badges, the log's time filter and the event catalogue in a real browser.

  dashboard_charts.py BASE_URL EMAIL PASSWORD CHATBOT_ID WEBHOOK_ID

Before this runs (the Swift test does it through the API and SQL), the webhook has four deliveries settled by a
local receiver without retries: two succeeded and two failed, one of the succeeded ones moved three days back. So
the last 24 hours hold 1 succeeded and 2 failed (33.3%, "failing"), the last 7 days 2 and 2. Logs in, finds the
badge and rate in the list's row, opens the webhook, reads the charts (bars whose <title>s add up to those counts,
the latency chart, the summary sentence) in both windows, narrows the log by time through the URL (presets, a
custom moment, back), sees a malformed `since` in the URL answered with an error message in the log's place, and
reads `lead.created` in the event catalogue (schema, example per format). Any dialog, page error or console error
(a Content-Security-Policy violation is one) fails the run. Exits 0 when everything held, 1 with the reason.
"""
import re
from datetime import datetime, timedelta

from playwright.sync_api import expect, sync_playwright

from browser_support import log_in, open_watched_page, raise_problems, run


OUTCOMES = ("succeeded", "failed", "retrying", "pending")


def bar_counts(page):
    """The counts the outcome chart's bar titles give, added up by outcome."""
    totals = dict.fromkeys(OUTCOMES, 0)
    titles = page.locator("#outcome-chart g.bar > title").all_text_contents()
    for title in titles:
        for outcome in OUTCOMES:
            found = re.search(rf"(\d+) {outcome}", title)
            if found is None:
                raise AssertionError(f"bar title without {outcome}: {title!r}")
            totals[outcome] += int(found.group(1))
    return len(titles), totals


def expect_bars(page, buckets, succeeded, failed):
    expect(page.locator("#outcome-chart g.bar")).to_have_count(buckets)
    count, totals = bar_counts(page)
    if (count, totals) != (buckets, {"succeeded": succeeded, "failed": failed, "retrying": 0, "pending": 0}):
        raise AssertionError(f"bars: {count} {totals}, expected {buckets} with {succeeded} succeeded, {failed} failed")
    # Drawn bars: as many coloured segments as outcomes present, each with a height.
    segments = page.locator("#outcome-chart rect.segment.outcome-failed")
    expect(segments.first).to_be_attached()



def main(base, email, password, chatbot_id, webhook_id):
    problems = []
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)

        list_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks"
        webhook_url = f"{list_url}/{webhook_id}"
        log_in(page, list_url, email, password)

        # The list: the last 24 hours' health of the row, from the batch statistics route.
        row = page.locator(f'#webhooks tr[data-webhook-id="{webhook_id}"]')
        expect(page.locator("#webhooks thead")).to_contain_text("Last 24 hours")
        expect(row.locator(".health")).to_have_text("failing")
        expect(row.locator(".health-detail")).to_have_text("33.3% of 3 succeeded")

        # The webhook's charts: 24 hourly bars adding up to the day's deliveries, then 28 for the week.
        row.locator("td.name a").click()
        expect(page).to_have_url(webhook_url)
        summary = page.locator("#chart-summary")
        expect(summary).to_have_text(re.compile(
            r"^3 deliveries in the last 24 hours, 33\.3% succeeded \(1 succeeded, 2 failed, 0 retrying, 0 pending\); "
            r"latency p50 \d+ ms, p95 \d+ ms\.$"))
        expect_bars(page, 24, 1, 2)
        expect(page.locator("#outcome-chart")).to_have_attribute("role", "img")
        expect(page.locator("#webhook-charts ul.legend").first).to_contain_text("succeeded")
        expect(page.locator("#latency-chart g.point > title").first).to_contain_text("p95")
        expect(page.locator("#latency-chart path.latency-p95")).to_have_attribute("d", re.compile(r"^M"))
        week = page.get_by_role("button", name="last 7 days")
        week.click()
        expect(week).to_have_attribute("aria-pressed", "true")
        expect(summary).to_contain_text("4 deliveries in the last 7 days, 50% succeeded")
        expect_bars(page, 28, 2, 2)
        page.get_by_role("button", name="last 24 hours").click()
        expect(summary).to_contain_text("3 deliveries in the last 24 hours")
        expect_bars(page, 24, 1, 2)

        # The log's time filter lives in the URL: presets, then a chosen moment, and back undoes each.
        rows = page.locator("#deliveries tbody tr")
        expect(rows).to_have_count(4)
        page.locator("#delivery-time").select_option("24h")
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(f"{webhook_url}?time=24h")
        expect(rows).to_have_count(3)
        page.locator("#delivery-filters select[name=status]").select_option("failed")
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(f"{webhook_url}?status=failed&time=24h")
        expect(rows).to_have_count(2)
        page.go_back()
        expect(page).to_have_url(f"{webhook_url}?time=24h")
        expect(rows).to_have_count(3)
        expect(page.locator("#delivery-time")).to_have_value("24h")
        page.locator("#delivery-time").select_option("custom")
        since = page.locator("#delivery-since")
        expect(since).to_be_visible()
        since.fill((datetime.now() - timedelta(days=4)).strftime("%Y-%m-%dT%H:%M"))
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(re.compile(re.escape(webhook_url) + r"\?since=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A00\.000Z$"))
        expect(rows).to_have_count(4)
        since.fill((datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
        page.get_by_role("button", name="Filter").click()
        expect(rows).to_have_count(3)
        # The filtered log's link opens it by itself.
        page.reload()
        expect(rows).to_have_count(3)
        expect(page.locator("#delivery-time")).to_have_value("custom")
        page.go_back()
        expect(rows).to_have_count(4)

        # A moment the API refuses: its message in the log's place, the rest of the page as it was.
        page.goto(f"{webhook_url}?since=yesterday")
        error = page.locator("#deliveries-error")
        expect(error).to_be_visible()
        expect(error).to_contain_text("since must be an RFC 3339 timestamp")
        expect(page.locator("#webhook-settings")).to_be_visible()
        expect(page.locator("#deliveries")).to_have_count(0)
        expect(page.locator("#outcome-chart")).to_be_visible()

        # The event catalogue, from the header.
        page.get_by_role("link", name="Event catalogue").click()
        expect(page).to_have_url(f"{base}/dashboard/catalogue")
        lead = page.locator('section[data-event-type="lead.created"]')
        expect(lead.locator("h2")).to_have_text("lead.created")
        expect(lead.locator("p.description")).not_to_be_empty()
        lead.locator("details.schema summary").click()
        expect(lead.locator("details.schema pre")).to_contain_text('"properties"')
        example = lead.locator("pre.example")
        lead.locator("select.format").select_option("standard")
        expect(example).to_contain_text('"event": "lead.created"')
        expect(lead.locator(".sent-as")).to_contain_text("standard")
        lead.locator("select.format").select_option("")
        expect(example).not_to_contain_text('"event": "lead.created"')
        expect(page.locator("section.event-type").first).to_be_visible()
        browser.close()
    raise_problems(problems)


if __name__ == "__main__":
    run(main, 5)
