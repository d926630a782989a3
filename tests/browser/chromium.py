"""Launching Debian's chromium under Playwright, for the browser tests and the screenshot.

Playwright's own browser download is not used (`playwright install` needs a host the machines
here cannot reach); its bundled driver drives the system chromium instead. `.ci/run` installs
chromium when it is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import Browser, Playwright

MISSING = "chromium is not installed (looked for /usr/bin/chromium and chromium on PATH)"
CHROMIUM = Path(os.environ.get("CLAIMDIFF_CHROMIUM", "/usr/bin/chromium"))
# Quiet, offline, reproducible: no background fetches that would show up as network requests.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> Path | None:
    """The chromium executable, or None when it is not installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    found = shutil.which("chromium")
    return Path(found) if found else None


def launch(playwright: Playwright) -> Browser:
    """Headless chromium with a fresh, temporary profile (Playwright makes a new user data dir
    for each launch); each test then opens its own context, so its localStorage is its own."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError(f"{MISSING}: apt-get install -y chromium")
    return playwright.chromium.launch(
        executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
    )
