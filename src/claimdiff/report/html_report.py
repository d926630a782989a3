"""The HTML report: one self-contained file a fact-checker opens in a browser.

Article text is untrusted input. Everything goes through a jinja2 environment with autoescape on
for every template; sentences are cut into highlighted segments in Python (report.highlight) so
each part is escaped on its own; and the embedded JSON is escaped so that no string in it can
close its <script> block. The page's own style and script are inline and listed in its
Content-Security-Policy by hash, so no other script can run and nothing is loaded from
elsewhere: the policy forbids every fetch, form submission and base change.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import fields
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from claimdiff.records import CheckResult
from claimdiff.report.context import build_context
from claimdiff.report.json_report import to_dict
from claimdiff.report.options import ReportOptions

TEMPLATE = "report.html.j2"
STYLE_RESOURCE = "report.css"
SCRIPT_RESOURCE = "report.js"

# JSON inside <script> must not contain "</script" or "<!--"; escaping these characters (valid
# JSON escapes) rules both out without changing the data. U+2028/9 are escaped for old JS parsers.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


@cache
def environment() -> jinja2.Environment:
    """The report's jinja2 environment: package templates, autoescape everywhere."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("claimdiff", "templates"),
        autoescape=True,  # for every template, whatever its file name
        undefined=jinja2.StrictUndefined,  # a typo in the template fails the tests, not silently
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def asset(name: str) -> str:
    """One of the report's static files (its stylesheet, its script), as shipped."""
    return resources.files("claimdiff").joinpath("templates", name).read_text("utf-8")


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline <script> or <style> content."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """Only our inline script and style run; nothing may be fetched, submitted or framed."""
    return (
        "default-src 'none'; "
        f"script-src {csp_hash(script)}; "
        f"style-src {csp_hash(style)}; "
        "img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


CONTENT_SECURITY_POLICY = content_security_policy(asset(SCRIPT_RESOURCE), asset(STYLE_RESOURCE))


def script_json(data: object) -> str:
    """`data` as JSON safe to place verbatim inside a <script type="application/json"> block."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False).translate(_SCRIPT_ESCAPES)


def render_html(result: CheckResult, options: ReportOptions) -> str:
    """The reporter: the whole report as one HTML document."""
    # Markup: the JSON is already made safe for a <script> block; HTML-escaping it again would
    # corrupt it (entities are not decoded inside <script>).
    data_json = Markup(script_json(to_dict(result, options)))
    context = build_context(result, options, data_json=data_json)
    template = environment().get_template(TEMPLATE)
    # The dataclass's fields become the template's variables; nested records stay typed objects.
    variables = {f.name: getattr(context, f.name) for f in fields(context)}
    return template.render(
        csp=CONTENT_SECURITY_POLICY,
        # Our own files, not article text; the CSP hashes are of exactly these strings.
        style=Markup(asset(STYLE_RESOURCE)),
        script=Markup(asset(SCRIPT_RESOURCE)),
        **variables,
    )
