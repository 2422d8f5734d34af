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
import sys

from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"


def open_watched_page(playwright, problems):
    """Debian's chromium and a page whose dialogs, page errors and console errors are added to `problems`."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: (problems.append(f"a dialog opened: {dialog.message!r}"), dialog.dismiss()))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: report_console(message, problems))
    return browser, page


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
    if problems:
        raise AssertionError("; ".join(problems))


def report_console(message, problems):
    # Chromium logs every non-2xx answer as an error: the 401 of /auth/me before logging in is expected, and a
    # missing file fails the checks anyway. Everything else (a CSP violation says "Refused to ...") is a problem.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"console error: {message.text}")


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
    try:
        main(*sys.argv[1:7])
    except Exception as error:  # every failure, Playwright's timeouts included, is reported the same way
        print(f"dashboard browser test failed: {error}", file=sys.stderr)
        sys.exit(1)
