#!/usr/bin/env python3
"""The dashboard's first slice in a real browser (Debian's chromium through Playwright), against a running service.

  dashboard_first_slice.py BASE_URL EMAIL PASSWORD CHATBOT_ID WEBHOOK_NAME HOSTILE_NAME

The two webhooks exist before (the Swift test creates them through the API). Opens /, lands on the login page,
logs in, picks the chatbot, finds both webhooks in the list with their status (the hostile name shown as text, no
element made from it, no dialog), reloads the list's own URL, logs out, and finds the list closed to it afterwards.
Any dialog, page error or console error (a Content-Security-Policy violation is one) fails the run. Exits 0 when
everything held, 1 with the reason otherwise.
"""
import re

from playwright.sync_api import expect, sync_playwright

from browser_support import open_watched_page, raise_problems, run


def main(base, email, password, chatbot_id, webhook_name, hostile_name):
    problems = []
    with sync_playwright() as playwright:
        browser, page = open_watched_page(playwright, problems)

        page.goto(base + "/")
        expect(page).to_have_url(re.compile(r"/dashboard/login(\?.*)?$"))
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()

        page.locator(f'#chatbots a[href="/dashboard/chatbots/{chatbot_id}/webhooks"]').click()
        list_url = f"{base}/dashboard/chatbots/{chatbot_id}/webhooks"
        expect(page).to_have_url(list_url)
        check_list(page, webhook_name, hostile_name)

        # The list's URL opens the list by itself (the server answers index.html, the page routes).
        page.reload()
        check_list(page, webhook_name, hostile_name)

        page.get_by_role("button", name="Log out").click()
        expect(page).to_have_url(re.compile(r"/dashboard/login$"))
        page.goto(list_url)
        expect(page).to_have_url(re.compile(r"/dashboard/login\?next="))
        expect(page.locator("#webhooks")).to_have_count(0)
        browser.close()
    raise_problems(problems)


def check_list(page, webhook_name, hostile_name):
    table = page.locator("#webhooks")
    for name in (webhook_name, hostile_name):
        row = table.locator("tbody tr").filter(has=page.locator("td.name", has_text=name))
        expect(row).to_have_count(1)
        expect(row.locator("td.name")).to_have_text(name)
        expect(row.locator("td.status")).to_have_text("active")
    # The hostile name made no element: the only images on the page would be the ones it smuggled in.
    expect(page.locator("img")).to_have_count(0)


if __name__ == "__main__":
    run(main, 6)
