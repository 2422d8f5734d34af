#!/usr/bin/env python3
"""A portal link in a real browser (Debian's chromium through Playwright), against a running service.

  dashboard_portal.py BASE_URL PORTAL_URL CHATBOT_ID OTHER_CHATBOT_ID WEBHOOK_NAME OTHER_WEBHOOK_NAME ACCENT LOGO_URL

The Swift test makes the link (dark theme, ACCENT, LOGO_URL) to CHATBOT_ID, which has the webhook WEBHOOK_NAME;
OTHER_CHATBOT_ID of the same tenant has OTHER_WEBHOOK_NAME. Opens the link: the token leaves the address bar, the
page shows the chatbot's webhooks and not the other's, themed (accent, dark, logo) with no log-out; the other
chatbot's URL shows an error, not its webhooks; a reload keeps the theme; / leads back to the chatbot. The same link
opened again in a fresh browser is dead. Any dialog, page error or console error (a Content-Security-Policy
violation is one) fails the run. Exits 0 when everything held, 1 with the reason otherwise.
"""
import re

from playwright.sync_api import expect, sync_playwright

from browser_support import open_watched_page, raise_problems, run


def main(base, portal_url, chatbot_id, other_chatbot_id, webhook_name, other_webhook_name, accent, logo_url):
    problems = []
    token = portal_url.split("token=", 1)[1]
    list_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks"
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)
        page.goto(portal_url)
        expect(page).to_have_url(list_url)
        if token in page.url:
            raise AssertionError("the link's token is still in the address bar")
        check_own_list(page, webhook_name, other_webhook_name)
        check_theme(page, accent, logo_url)

        # Another chatbot of the same tenant: an error, never its webhooks.
        page.goto(f"{base}/dashboard/chatbots/{other_chatbot_id}/webhooks")
        expect(page.locator("main h1")).to_have_text("Something went wrong")
        expect(page.locator("main")).to_contain_text("Chatbot not found")
        expect(page.locator("#webhooks")).to_have_count(0)
        expect(page.get_by_text(other_webhook_name)).to_have_count(0)

        # A reload keeps the session and the theme (from /auth/me); / leads to the chatbot, not to a picker.
        page.goto(list_url)
        check_own_list(page, webhook_name, other_webhook_name)
        check_theme(page, accent, logo_url)
        page.goto(base + "/dashboard/")
        expect(page).to_have_url(list_url)
        check_own_list(page, webhook_name, other_webhook_name)
        browser.close()

        # The link was used: opened again, in a browser that holds nothing, it is dead.
        browser, page = open_watched_page(playwright, problems)
        page.goto(portal_url)
        expect(page.locator("#portal-ended")).to_contain_text("expired or was already used")
        if token in page.url:
            raise AssertionError("the used link's token is still in the address bar")
        expect(page.locator("#webhooks")).to_have_count(0)
        expect(page.get_by_text(webhook_name)).to_have_count(0)
        expect(page).not_to_have_url(re.compile(r"/login"))
        browser.close()
    raise_problems(problems)


def check_own_list(page, webhook_name, other_webhook_name):
    rows = page.locator("#webhooks tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.locator("td.name")).to_have_text(webhook_name)
    expect(page.get_by_text(other_webhook_name)).to_have_count(0)
    # The list's health comes from the chatbot's statistics route, which the portal reaches.
    expect(rows.locator("td.health-cell [data-health]")).to_have_count(1)
    # A portal session has no account to log out of, and no link to the rest of the dashboard (test inboxes).
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()
    expect(page.locator("header .nav:visible")).to_have_count(0)


def check_theme(page, accent, logo_url):
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(page.locator("#portal-logo")).to_have_attribute("src", logo_url)
    expected = "rgb({}, {}, {})".format(*(int(accent[i:i + 2], 16) for i in (1, 3, 5)))
    styles = page.evaluate("""() => ({
        accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
        link: getComputedStyle(document.querySelector('#webhooks td.name a')).color,
        background: getComputedStyle(document.documentElement).backgroundColor,
    })""")
    if styles["accent"].lower() != accent.lower():
        raise AssertionError(f"--accent is {styles['accent']!r}, not {accent!r}")
    if styles["link"] != expected:
        raise AssertionError(f"links are {styles['link']}, not the accent {expected}")
    if styles["background"] != "rgb(19, 22, 27)":
        raise AssertionError(f"the page is not dark: background {styles['background']}")


if __name__ == "__main__":
    run(main, 8)
