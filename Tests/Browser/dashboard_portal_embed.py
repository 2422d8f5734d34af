#!/usr/bin/env python3
"""A portal link embedded in an iframe (Debian's chromium through Playwright), against a running service.

  dashboard_portal_embed.py EMBED_PORT PORTAL_URL OTHER_PORTAL_URL WEBHOOK_NAME

The service runs with WEBHOOKS_PORTAL_FRAME_ORIGINS=http://localhost:EMBED_PORT. This script serves the customer's
app on EMBED_PORT, a page holding an iframe of a portal link. Opened as http://localhost:EMBED_PORT (the allowed
origin), the frame shows the chatbot's webhook WEBHOOK_NAME, with no dialog, page error or console error. Opened as
http://127.0.0.1:EMBED_PORT (another origin), embedding OTHER_PORTAL_URL, the browser refuses the frame (a
frame-ancestors violation) and shows nothing of it. Exits 0 when everything held, 1 with the reason otherwise.
"""
import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import expect, sync_playwright

from browser_support import CHROMIUM, open_watched_page, raise_problems, run


def customer_app(port, frames):
    """Serves `/{name}` as a page whose iframe opens `frames[name]`, on 127.0.0.1:`port`, in a thread."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            source = frames.get(self.path.strip("/"))
            if source is None:
                self.send_error(404)
                return
            body = ('<!doctype html><html><head><title>Customer app</title></head><body>'
                    f'<iframe id="portal" src="{html.escape(source)}" width="1000" height="700"></iframe>'
                    '</body></html>').encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(port, portal_url, other_portal_url, webhook_name):
    problems = []
    server = customer_app(int(port), {"allowed": portal_url, "foreign": other_portal_url})
    try:
        with sync_playwright() as playwright:
            browser, page = open_watched_page(playwright, problems)
            page.goto(f"http://localhost:{port}/allowed")
            expect(page.frame_locator("#portal").locator("#webhooks tbody tr td.name")).to_have_text(webhook_name)
            browser.close()

            # Another origin (same server, other host name): the browser refuses to show the dashboard in its frame.
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.set_default_timeout(10_000)
            with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
                page.goto(f"http://127.0.0.1:{port}/foreign")
            expect(page.frame_locator("#portal").locator("#webhooks")).to_have_count(0)
            expect(page.frame_locator("#portal").get_by_text(webhook_name)).to_have_count(0)
            browser.close()
    finally:
        server.shutdown()
    raise_problems(problems)


if __name__ == "__main__":
    run(main, 4)
