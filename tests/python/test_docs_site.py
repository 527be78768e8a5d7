"""The dbt docs site, checked in a real browser: `dbt docs generate` over a built warehouse (so the
catalog has column types), served on 127.0.0.1, opened in headless Chromium (Debian's package) driven
by Playwright's Python client. Checks that the overview renders, that a mart's page shows its columns
and their descriptions, and that its lineage reaches upstream staging models and the downstream
exposure. Screenshots go to artifacts/ (gitignored); the README image docs/img/lineage_fct_mrr_movements.png
is written when missing or when CS_UPDATE_DOCS_IMG=1.

Never runs `playwright install`: the browser is /usr/bin/chromium (apt-get install chromium)."""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from conftest import ROOT, dbt, require

CHROMIUM = os.environ.get("CS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MART = "fct_mrr_movements"
MART_ID = f"model.cs_analytics.{MART}"
ARTIFACTS = ROOT / "artifacts"
README_IMG = ROOT / "docs" / "img" / f"lineage_{MART}.png"
JS_ERRORS: list[str] = []  # uncaught JavaScript errors on any page of the site


def _browser_available() -> tuple[bool, str]:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False, "the playwright Python package is not installed (pip install -e '.[dev]')"
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return False, f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
    return True, ""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - keep pytest output clean
        pass


@pytest.fixture(scope="module")
def docs_site(clean_warehouse, tmp_path_factory):
    ok, reason = _browser_available()
    require(ok, reason)
    target = tmp_path_factory.mktemp("docs_site")
    dbt(["docs", "generate"], clean_warehouse.path, target)
    for f in ("index.html", "manifest.json", "catalog.json"):
        assert (target / f).exists(), f"dbt docs generate wrote no {f}"
    handler = functools.partial(_QuietHandler, directory=str(target))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: a free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"url": f"http://127.0.0.1:{server.server_address[1]}/index.html", "target": target,
               "manifest": json.loads((target / "manifest.json").read_text()),
               "catalog": json.loads((target / "catalog.json").read_text())}
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def page(docs_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                     args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        # hermetic: the site is self-contained; nothing may leave 127.0.0.1
        context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        pg.on("pageerror", lambda e: JS_ERRORS.append(str(e)))
        yield pg
        context.close()
        browser.close()


def _open(page, url: str, wait_text: str):
    page.goto(url)
    page.get_by_text(wait_text).first.wait_for()


def test_overview_page_renders(docs_site, page):
    _open(page, docs_site["url"] + "#!/overview", "is Customer Success working")
    body = page.inner_text("body")
    for text in ("Leading vs lagging", "Where each metric lives", "fct_revenue_retention"):
        assert text in body, f"overview page lacks {text!r}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs_overview.png"))
    assert not JS_ERRORS, JS_ERRORS


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_mart_page_shows_columns_and_descriptions(docs_site, page):
    node = docs_site["manifest"]["nodes"][MART_ID]
    catalog_cols = docs_site["catalog"]["nodes"][MART_ID]["columns"]
    assert catalog_cols, "catalog has no columns for the mart: was the warehouse built?"
    _open(page, f"{docs_site['url']}#!/model/{MART_ID}", MART)
    page.wait_for_selector("#columns + .section-content tr.column-row")
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('#columns + .section-content tr.column-row')).map(tr => {
        const td = tr.querySelectorAll('td');
        return [td[0].innerText.trim(), td[1].innerText.trim(), td[2].textContent.trim()];
    })""")
    shown = {name.lower(): (dtype, desc) for name, dtype, desc in rows}
    missing_cols = sorted({c.lower() for c in catalog_cols} - set(shown))
    assert not missing_cols, f"columns missing from the page: {missing_cols}"
    # catalog types are shown (proves catalog.json was read against the built warehouse)
    assert all(shown[c.lower()][0] for c in catalog_cols), "a column has no type on the page"
    assert _squash(node["description"])[:60] in _squash(page.inner_text("#description + .section-content")), "model description not shown"
    undocumented = [c for c, d in node["columns"].items() if not d.get("description", "").strip()]
    assert not undocumented, f"columns without a description: {undocumented}"
    wrong = [c for c, d in node["columns"].items()
             if not _squash(shown.get(c.lower(), ("", ""))[1]).startswith(_squash(d["description"])[:60])]
    assert not wrong, f"column descriptions not shown on the page: {wrong}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"docs_{MART}.png"), full_page=True)


def test_mart_lineage_reaches_staging_and_exposure(docs_site, page):
    manifest = docs_site["manifest"]
    exposures = sorted(e["name"] for e in manifest["exposures"].values() if MART_ID in e["depends_on"]["nodes"])
    assert exposures, f"no exposure depends on {MART}"
    _open(page, f"{docs_site['url']}#!/model/{MART_ID}", MART)
    page.wait_for_selector("#referenced_by + .section-content")

    # the model page's DOM: the exposures that reference it and its direct parents
    section = page.locator("#referenced_by + .section-content")
    section.get_by_text("Exposures", exact=True).click()  # the section is tabbed by resource type
    refs = section.inner_text()
    for e in exposures:
        assert e in refs, f"exposure {e} not listed under Referenced By"
    direct_parents = [manifest["nodes"][p]["name"] for p in manifest["parent_map"][MART_ID] if p.startswith("model.")]
    deps = page.inner_text("#depends_on + .section-content")
    for p in direct_parents:
        assert p in deps, f"parent {p} not listed under Depends On"

    # the lineage graph (a cytoscape canvas): open it, go full screen (+fct_mrr_movements+), read the
    # nodes cytoscape actually displays from dbt-docs' graph service
    page.click("a[title='View Lineage Graph']")
    page.click("a[title='View Fullscreen']")
    page.wait_for_function("() => { const g = angular.element(document.body).injector().get('graph');"
                           " return g.orientation === 'fullscreen' && g.graph_element &&"
                           " g.graph_element.nodes().filter(n => n.data('display') !== 'none').length > 1; }")
    page.wait_for_timeout(1500)  # let the dagre layout settle before the screenshot
    shown = page.evaluate("""() => {
        const cy = angular.element(document.body).injector().get('graph').graph_element;
        return cy.nodes().filter(n => n.data('display') !== 'none' && n.visible())
                 .map(n => ({id: n.data('unique_id'), type: n.data('resource_type'), name: n.data('name'),
                             w: n.renderedBoundingBox().w}));
    }""")
    ids = {n["id"] for n in shown}
    assert MART_ID in ids
    staging = sorted(n["name"] for n in shown if n["type"] == "model" and n["name"].startswith("stg_"))
    assert staging, f"no upstream staging model in the lineage graph: {sorted(ids)}"
    for e in exposures:
        assert f"exposure.cs_analytics.{e}" in ids, f"exposure {e} missing from the lineage graph"
    assert all(n["w"] > 0 for n in shown), "some lineage nodes are not drawn"
    assert "g_i=%2Bfct_mrr_movements%2B" in page.url, page.url  # the selector the full view shows

    page.mouse.move(5, 5)  # no tooltip over the graph
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"lineage_{MART}.png"))
    if os.environ.get("CS_UPDATE_DOCS_IMG") == "1" or not README_IMG.exists():
        README_IMG.parent.mkdir(parents=True, exist_ok=True)
        # crop to the drawn graph (plus a margin) so the committed image stays small
        box = page.evaluate("""() => {
            const cy = angular.element(document.body).injector().get('graph').graph_element;
            const r = cy.container().getBoundingClientRect();
            const bb = cy.elements().filter(e => e.data('display') !== 'none').renderedBoundingBox();
            const pad = 24;
            const x = Math.max(r.left, r.left + bb.x1 - pad), y = Math.max(r.top, r.top + bb.y1 - pad);
            return {x: x, y: y, width: Math.min(r.right, r.left + bb.x2 + pad) - x,
                    height: Math.min(r.bottom, r.top + bb.y2 + pad) - y};
        }""")
        page.screenshot(path=str(README_IMG), clip=box)
    assert not JS_ERRORS, JS_ERRORS
