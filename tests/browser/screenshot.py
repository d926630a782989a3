"""Regenerate docs/report-seeds.png: the seeds report as a first-time user sees it.

    make screenshot        (python -m tests.browser.screenshot [OUTPUT.png])

Runs `claimdiff check seeds/` as `make report` does, into a temporary folder, opens the report
from file:// in chromium and photographs the top of the page: the overview and the findings.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.chromium import launch

PROJECT = Path(__file__).resolve().parents[2]
OUTPUT = PROJECT / "docs" / "report-seeds.png"
VIEWPORT = {"width": 1280, "height": 1000}
MARGIN = 24  # below the last finding


def seeds_report(directory: Path) -> Path:
    path = directory / "report.html"
    claimdiff = Path(sys.executable).with_name("claimdiff")
    command = [str(claimdiff), "check", "seeds", "-o", str(path), "--fail-on", "none"]
    subprocess.run(command, cwd=PROJECT, check=True)
    return path


def main(output: Path = OUTPUT) -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        report = seeds_report(Path(tmp))
        browser = launch(playwright)
        page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
        page.goto(report.as_uri())
        # From the top down to the end of the findings: the overview, the toolbar, every card.
        last = page.locator("article.finding").last
        last.scroll_into_view_if_needed()
        box = last.bounding_box()
        assert box is not None, "the seeds report has no findings to show"
        bottom = page.evaluate("window.scrollY") + box["y"] + box["height"] + MARGIN
        page.screenshot(
            path=str(output),
            full_page=True,
            clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": bottom},
        )
        browser.close()
    print(f"wrote {output}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
