"""Open the built docs site (tools/docs.py build) in headless Chromium and check that it renders.

    python tools/docs_check.py [--site _site] [--screenshots DIR]      (make docs-check; make docs-screenshots)

The site is served on localhost and crawled from the home page: every page the site links to is opened, and
  - every internal link (a href, img src, link href, script src) leads to a file that exists (HTTP 200), and a
    link to an anchor (#name) of a site page to an element with that id;
  - every request the pages make inside the site succeeds, and no page makes one outside it (the site works offline);
  - every image has loaded (complete, naturalWidth > 0); no page throws a script error;
  - no page gives one id to two elements, and every table-of-contents entry reads as its heading (code spans too);
and the pages that matter render what they should:
  - the home page: the title, the reading-order table with a link to every notebook page;
  - a library notebook (genotypes.html): the API (`show_doc` headings and signatures, no `show_doc(` source
    left), and a figure drawn by the notebook (an output image);
  - a results table (results/smoke/tables/tab3_pareto_cifar10.html): an HTML table with its header and rows; Table III
    of smoke and study shows all its columns at 1280 px; the results pages are titled 'Results: <profile> profile';
  - the NAS-Bench-201 page (nb201.html): a table and a figure output; the cli page's contents list `main`;
  - math (decision.html): MathJax typeset the formulas.
Screenshots of the home, cellplot, Table III (study), nb201, architect and cli pages go to DIR (`figures/docs/` for the README).
Chromium: Debian's `chromium` (apt-get install -y chromium), driven by Playwright's Python package
(`playwright install` is not needed and not used); CHROMIUM=path overrides the binary.
"""
import functools, http.server, os, shutil, socketserver, sys, threading, time
from pathlib import Path
from urllib.parse import urldefrag, urlparse

ROOT = Path(__file__).resolve().parent.parent
ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass

def serve(site:Path):
    "A local HTTP server for `site` in a thread; returns (server, base url)."
    srv = socketserver.ThreadingTCPServer(('127.0.0.1', 0), functools.partial(_Quiet, directory=str(site)))
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'

def chromium()->str:
    exe = os.environ.get('CHROMIUM') or shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
    if not exe: sys.exit('docs-check: no Chromium found (apt-get install -y chromium, or set CHROMIUM=/path/to/chrome)')
    return exe

LINKS_JS = '''() => [...document.querySelectorAll('a[href], img[src], link[href], script[src]')]
    .map(e => [e.tagName.toLowerCase(), e.tagName === 'A' || e.tagName === 'LINK' ? e.href : e.src])'''
IMAGES_JS = '''() => [...document.images].map(i => [i.currentSrc || i.src, i.complete, i.naturalWidth])'''

def crawl(page, base:str, log=print):
    "Visit every page of the site reachable from the home page; returns (problems, visited pages, links checked)."
    origin = urlparse(base).netloc
    problems, seen, queue, checked, anchors = [], set(), [base + 'index.html'], {}, {}
    failed, external, errors = [], [], []
    page.on('requestfailed', lambda r: (failed if urlparse(r.url).netloc == origin else external).append((page.url, r.url))
            if urlparse(r.url).scheme in ('http', 'https', 'ws', 'wss', 'ftp') else None)
    page.on('response', lambda r: failed.append((page.url, f'{r.url} (HTTP {r.status})')) if r.status >= 400 and urlparse(r.url).netloc == origin else None)
    page.on('request', lambda r: external.append((page.url, r.url)) if urlparse(r.url).scheme in ('http', 'https', 'ws', 'wss', 'ftp') and urlparse(r.url).netloc != origin else None)
    page.on('pageerror', lambda e: errors.append((page.url, str(e))))
    while queue:
        url = queue.pop(0)
        if url in seen: continue
        seen.add(url)
        page.goto(url, wait_until='load'); page.wait_for_load_state('networkidle')
        ids = page.eval_on_selector_all('[id]', 'es => es.map(e => e.id)')
        anchors[url] = set(ids) | set(page.eval_on_selector_all('a[name]', 'es => es.map(e => e.name)'))
        twice = sorted({i for i in ids if ids.count(i) > 1 and i})
        if twice: problems.append(f'{url}: ids used twice (a link to them finds the first): {twice[:5]}')
        toc = page.eval_on_selector_all('nav.md-nav--secondary a.md-nav__link[href^="#"]', 'as => as.map(a => [a.getAttribute("href"), a.textContent.trim()])')
        for href, text in toc:   # a table-of-contents entry that lost part of its heading (a code span)
            head = page.evaluate('id => { const e = document.getElementById(id); const h = e && (e.matches("h1,h2,h3,h4,h5,h6") ? e : e.nextElementSibling); '
                                 'return h && h.matches("h1,h2,h3,h4,h5,h6") ? h.textContent.replace("¶", "").trim() : null; }', href[1:])
            if head is not None and ' '.join(head.split()) != ' '.join(text.split()): problems.append(f'{url}: contents entry {text!r} for the heading {head!r}')
        for src, complete, w in page.evaluate(IMAGES_JS):
            if not (complete and w > 0): problems.append(f'{url}: image not loaded: {src[:120]}')
        for tag, href in page.evaluate(LINKS_JS):
            u, frag = urldefrag(href)
            if urlparse(u).netloc != origin or not u: continue
            if u.endswith('/'): u += 'index.html'
            if u not in checked:
                r = page.request.get(u); checked[u] = r.status
            if checked[u] != 200: problems.append(f'{url}: broken {tag} link {href} (HTTP {checked[u]})'); continue
            if tag == 'a' and u.endswith('.html'):
                if u not in seen: queue.append(u)
                if frag: anchors.setdefault(('want', u), set()).add((url, frag))
    for key, wants in list(anchors.items()):
        if isinstance(key, tuple):
            have = anchors.get(key[1], set())
            problems += [f'{src}: link to a missing anchor {key[1]}#{frag}' for src, frag in sorted(wants) if frag not in have]
    problems += [f'{p}: request failed: {u}' for p, u in failed]
    problems += [f'{p}: request outside the site (the site must work offline): {u}' for p, u in sorted(set(external))]
    problems += [f'{p}: script error: {e}' for p, e in errors]
    return problems, seen, checked

def check_pages(page, base:str, shots:Path|None)->list:
    "The pages that matter render what they should."
    P = []
    def need(ok, msg):
        if not ok: P.append(msg)
    page.set_viewport_size({'width': 1280, 'height': 860})
    page.goto(base + 'index.html', wait_until='networkidle')
    need('egdarts' in page.title(), f'home: title {page.title()!r}')
    need(page.locator('h1', has_text='egdarts').count() > 0, 'home: no "egdarts" heading')
    hrefs = page.eval_on_selector_all('table a[href]', 'as => as.map(a => a.getAttribute("href"))')
    libs = sorted(ROOT.glob('nbs/[0-9]*.ipynb'))
    import re
    for nb in libs:
        name = re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.stem) + '.html'
        need(name in hrefs, f'home: the reading-order table does not link {name}')
    for nb in sorted(ROOT.glob('nbs/experiments/*.ipynb')):
        need(f'experiments/{nb.stem}.html' in hrefs, f'home: the reading-order table does not link experiments/{nb.stem}.html')
    if shots: page.screenshot(path=str(shots/'home.png'))
    page.goto(base + 'genotypes.html', wait_until='networkidle')
    heads = page.eval_on_selector_all('h3, h4', 'hs => hs.map(h => h.textContent.trim())')
    for fn in ('load_genotype', 'validate_genotype'):
        need(any(h.startswith(fn) for h in heads), f'genotypes: no show_doc heading for {fn}')
    page.goto(base + 'cellplot.html', wait_until='networkidle')
    heads = page.eval_on_selector_all('h3, h4', 'hs => hs.map(h => h.textContent.trim())')
    for fn in ('plot_cell', 'plot_genotype'):
        need(any(h.startswith(fn) for h in heads), f'cellplot: no show_doc heading for {fn}')
    need('plot_cell (genotype:' in page.inner_text('body').replace('\n', ' ').replace('  ', ' ') or page.locator('text=genotype:Genotype').count() > 0,
         'cellplot: no rendered signature of plot_cell')
    need(page.locator('pre', has_text='show_doc(').count() == 0, 'cellplot: show_doc( source shown instead of its output')
    imgs = page.evaluate('''() => [...document.querySelectorAll('.jp-OutputArea-output img, .output_png img, .jp-RenderedImage img')]
                                    .map(i => [i.naturalWidth, i.complete])''')
    need(any(w > 0 and ok for w, ok in imgs), f'cellplot: no figure output rendered ({imgs})')
    if shots:
        fig = page.locator('.jp-RenderedImage img').first
        if fig.count(): fig.scroll_into_view_if_needed(); page.evaluate('window.scrollBy(0, -150)')
        page.wait_for_timeout(800)   # let the header's scroll animation finish
        page.screenshot(path=str(shots/'cellplot.png'))
    page.goto(base + 'results/smoke/tables/tab3_pareto_cifar10.html', wait_until='networkidle')
    ths = page.eval_on_selector_all('table th', 'ts => ts.map(t => t.textContent.trim())')
    need(all(any(w in h for h in ths) for w in ('v0', 'params', 'err', 'chosen')), f'tab3 page: table header {ths}')
    need(page.locator('table tbody tr').count() >= 1, 'tab3 page: no table rows')
    for prof in ('smoke', 'study'):   # every column of Table III shows at 1280 px, without scrolling
        page.goto(base + f'results/{prof}/tables/tab3_pareto_cifar10.html', wait_until='networkidle')
        fit = page.evaluate('() => { const t = document.querySelector("article table"); if (!t) return null; '
                            'const w = t.closest(".md-typeset__scrollwrap") || t.parentElement; return [t.scrollWidth, w.clientWidth]; }')
        need(fit is not None and fit[0] <= fit[1] + 1, f'{prof} tab3 page: the table is {fit and fit[0]} px wide in {fit and fit[1]} px')
        if shots and prof == 'study': page.screenshot(path=str(shots/'tab3_study.png'), full_page=True)
        page.goto(base + f'results/{prof}/index.html', wait_until='networkidle')
        need(page.title().startswith(f'Results: {prof}'), f'results/{prof}: page title {page.title()!r}')
    page.goto(base + 'nb201.html', wait_until='networkidle')
    need(page.locator('.jp-RenderedHTMLCommon table, .jp-OutputArea-output table').count() > 0, 'nb201: no table output')
    need(page.locator('.jp-RenderedImage img').count() > 0, 'nb201: no figure output')
    if shots:
        fig = page.locator('.jp-RenderedImage img').first
        if fig.count(): fig.scroll_into_view_if_needed(); page.evaluate('window.scrollBy(0, -300)')
        page.wait_for_timeout(800)
        page.screenshot(path=str(shots/'nb201.png'))
    page.goto(base + 'architect.html', wait_until='networkidle')
    if shots: page.screenshot(path=str(shots/'architect.png'))
    page.goto(base + 'cli.html', wait_until='networkidle')
    toc = page.eval_on_selector_all('nav.md-nav--secondary a.md-nav__link', 'as => as.map(a => a.textContent.trim())')
    need(any(' '.join(t.split()) == 'The parser and main' for t in toc), f'cli: contents entries {toc}')
    if shots: page.screenshot(path=str(shots/'cli.png'))
    page.goto(base + 'decision.html', wait_until='networkidle')
    try: page.wait_for_function('() => document.querySelectorAll(".MathJax, .MathJax_CHTML, mjx-container").length > 0', timeout=20000)
    except Exception: P.append('decision: MathJax typeset no formula')
    return P

def main(site:str=str(ROOT/'_site'), # the built site (tools/docs.py build)
         screenshots:str=str(ROOT/'_build'/'screenshots'), # where the screenshots go
        )->int:
    site = Path(site)
    if not (site/'index.html').exists(): sys.exit(f'docs-check: {site}/index.html not found: run `make docs` first')
    shots = Path(screenshots); shots.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright
    srv, base = serve(site); t0 = time.time()
    try:
        with sync_playwright() as pw:
            br = pw.chromium.launch(executable_path=chromium(), args=ARGS)
            ctx = br.new_context(user_agent='egdarts-docs-check', device_scale_factor=1)
            page = ctx.new_page()
            probs, pages, links = crawl(page, base)
            probs += check_pages(ctx.new_page(), base, shots)
            br.close()
    finally: srv.shutdown()
    for p in probs: print('FAIL:', p)
    print(f'docs-check: {len(pages)} pages, {len(links)} internal links and files checked, screenshots in {shots}; '
          f'{len(probs)} problem(s) ({time.time() - t0:.0f} s)')
    return 1 if probs else 0

if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
