"""What every dashboard browser script shares: Debian's chromium with watchers on the page, logging in, and how a
script reports its outcome (exit 0 when everything held, 1 with the reason otherwise)."""
import sys

from playwright.sync_api import expect

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


def report_console(message, problems):
    # Chromium logs every non-2xx answer as an error: the 401 of /auth/me before logging in is expected, and a
    # missing file fails the checks anyway. Everything else (a CSP violation says "Refused to ...") is a problem.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"console error: {message.text}")


def log_in(page, url, email, password):
    """Opens `url`, which leads to the login form, logs in, and expects to be back at `url`."""
    page.goto(url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(url)


def raise_problems(problems):
    """Fails the script with what the watchers saw, if anything."""
    if problems:
        raise AssertionError("; ".join(problems))


def run(main, count):
    """Runs `main` with the script's first `count` arguments; any failure, Playwright's timeouts included, is
    printed and exits 1."""
    try:
        main(*sys.argv[1:1 + count])
    except Exception as error:
        print(f"dashboard browser test failed: {error}", file=sys.stderr)
        sys.exit(1)
