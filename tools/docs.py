"""The documentation site, built offline: nbdev's notebook processing, then mkdocs (material theme + mkdocs-jupyter).

    python tools/docs.py proc     # every notebook through nbdev's doc processing; fails on any error  (make docs-proc)
    python tools/docs.py build    # proc, then the static site in _site/                               (make docs)

Why not `nbdev_docs`: it renders with Quarto, a binary that pip cannot install; nbs/_quarto.yml stays for those who
have it. Here every notebook goes through the processors `nbdev_docs` uses (`nbdev.serve_drv.main` with
`FilterDefaults`, as `nbdev.serve.proc_nbs` calls it: `show_doc` for every exported name, `#| hide` cells and
exported code dropped, doc links added), then a small adapter turns Quarto's cell options into what mkdocs-jupyter
reads (`#| echo: false` hides the input; the front matter becomes the page title) and rewrites links for the site.

Pages: a library notebook `nbs/02a_genotypes.ipynb` becomes `genotypes.html` (nbdev's page names, so nbdev's doc
links resolve); `nbs/index.ipynb` the home page; an experiment notebook `experiments/<name>.html`, shown as executed
at the docs profile (`results/<profile>/.../<name>.ipynb`, the stage with the shortest folder name) when that run
exists, else as written; each profile with committed tables gets `results/<profile>/index.html` with its tables
(`results/<profile>/tables/*.md`, one page each) and figures. A library notebook with no stored outputs is executed
first (tools/nbexec.py, cached in _build/exec/) so its figures show; `--execute never` renders it as it is.
Links: relative links of the notebooks resolve as in the repository; one to a file the site does not hold points
at the repository on GitHub (`git_url` in settings.ini). MathJax is served from the site (jupyter-server-mathjax).
"""
import functools, hashlib, json, os, posixpath, re, shutil, subprocess, sys, time, warnings
from typing import Literal
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path, PurePosixPath as PurePosix

ROOT = Path(__file__).resolve().parent.parent
BUILD, SITE = ROOT/'_build', ROOT/'_site'
STAGE, PROC, EXEC = BUILD/'docs', BUILD/'proc', BUILD/'exec'
MATHJAX = 'MATHJAX_ROOT'   # placeholder in the mkdocs config, replaced by a page-relative path after the build
sys.path.insert(0, str(ROOT/'tools'))

def cfg():
    from nbdev.config import get_config
    return get_config(path=ROOT)

def tracked(*pathspecs)->list:
    "Files under `pathspecs` that git tracks or would (not ignored: no ci-run, no checkpoints), project-relative."
    out = subprocess.run(['git', 'ls-files', '--cached', '--others', '--exclude-standard', '--', *pathspecs],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return sorted(l for l in out.splitlines() if (ROOT/l).exists())

def notebooks()->list:
    "Every notebook of nbs/: the index, the library in reading order, the experiments."
    lib = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT/'nbs').glob('*.ipynb'))
    lib.remove('nbs/index.ipynb')
    return ['nbs/index.ipynb'] + lib + sorted(p.relative_to(ROOT).as_posix() for p in (ROOT/'nbs'/'experiments').glob('*.ipynb'))

def page_of(rel:str)->str:
    "Site path (without suffix) of the page for a project file, nbdev's names for library notebooks."
    p = PurePosix(rel)
    if rel in ('nbs/index.ipynb', 'README.md'): return 'index'
    if p.parent.as_posix() == 'nbs': return re.sub(r'^\d+[a-zA-Z0-9]*_', '', p.stem)
    if p.parent.as_posix() == 'nbs/experiments': return f'experiments/{p.stem}'
    return p.with_suffix('').as_posix()

# ---------------------------------------------------------------- nbdev's processing
def _pool(jobs): return ProcessPoolExecutor(jobs, mp_context=get_context('spawn'), max_tasks_per_child=1)

def _proc_one(args):
    "Process one notebook with nbdev's doc processors; returns (rel, error or '', [warnings])."
    src, dst = args
    os.chdir(ROOT); Path(dst).parent.mkdir(parents=True, exist_ok=True)
    import nbdev.serve_drv
    from nbdev.processors import FilterDefaults
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try: nbdev.serve_drv.main((Path(src), Path(dst), FilterDefaults)); err = ''
        except Exception as e: err = str(e).strip()
    notes = sorted({str(x.message).split('\n')[0] for x in w if 'Found cells containing imports' in str(x.message)})
    return src, err, notes

def proc(sources:dict, jobs:int=2)->bool:
    "Run nbdev's processing on {project-relative source: processed destination}; report each; True if all passed."
    t0 = time.time()
    # one process per notebook: nbdev runs the notebook's code in an IPython shell, which replaces sys.modules['__main__']
    with _pool(jobs) as ex: res = list(ex.map(_proc_one, [(str(ROOT/s), str(d)) for s, d in sources.items()]))
    bad = 0
    for src, err, notes in res:
        rel = Path(src).relative_to(ROOT)
        print(f"{'FAIL' if err else 'ok  '} {rel}" + ('  (nbdev warns: a cell mixes imports with other code)' if notes else ''))
        if err: print('    ' + err[:1500].replace('\n', '\n    ')); bad += 1
    print(f'docs-proc: {len(res) - bad} notebooks processed, {bad} failed ({time.time() - t0:.0f} s)')
    return not bad

# ---------------------------------------------------------------- links
@functools.cache
def _private_sources()->dict:
    "nbdev's doc link of each private name ('fastpath.html#_bn_columns') -> its source file, from egdarts/_modidx.py."
    from egdarts._modidx import d
    return {doc: src for mod in d['syms'].values() for doc, src in mod.values() if doc.partition('#')[2].startswith('_')}

def _links_fixer(src_rel:str, page:str, site_files:set, md_page:bool=False):
    "A function rewriting one link target written in project file `src_rel` for the site page `page`."
    c = cfg(); host = c.doc_host.rstrip('/') + '/' + c.doc_baseurl.strip('/') + '/'   # nbdev's doc links: https://egdarts.github.io/egdarts/
    blob = c.git_url.rstrip('/') + f'/blob/{c.branch}/'
    page_dir = posixpath.dirname(page)
    def rel(target_site): return posixpath.relpath(target_site, page_dir or '.')
    def fix(t):
        if t.startswith(host) and t[len(host):].partition('#')[2].startswith('_'):   # a private name: no show_doc, so its source
            return blob + _private_sources().get(t[len(host):], 'egdarts/' + t[len(host):].split('.html')[0] + '.py')
        if t.startswith(host): t = t[len(host):]; return rel(t.split('#')[0] or 'index.html') + ('#' + t.split('#', 1)[1] if '#' in t else '')
        if re.match(r'^([a-z][a-z0-9+.-]*:|#|/)', t, re.I): return t
        path, frag = (t.split('#', 1) + [''])[:2]
        frag = '#' + frag if frag else ''
        repo = posixpath.normpath(posixpath.join(posixpath.dirname(src_rel), path))
        if repo.endswith('.ipynb') and repo.startswith('nbs/') or repo == 'README.md':
            return rel(page_of(repo) + ('.ipynb' if md_page else '.html')) + frag
        if repo.endswith('.md') and repo + '' in site_files: return rel(repo if md_page else repo[:-3] + '.html') + frag
        if repo in site_files: return rel(repo) + frag
        if (ROOT/repo).exists(): return blob + repo + frag
        return t
    return fix

LINK = re.compile(r'(!?\[[^\]]*\]\()([^)\s]+)(\))')
HTMLREF = re.compile(r'''((?:src|href)=["'])([^"']+)(["'])''')

QATTR = re.compile(r'\[([^\]]+)\]\(([^)\s]+)\)\{([^}]*)\}')   # Quarto's [text](url){attrs}, as nbdev's show_doc writes it

def rewrite(text:str, fix)->str:
    "`text` (markdown) with its links fixed by `fix`, Quarto's link attributes made HTML; code blocks untouched."
    text = QATTR.sub(lambda m: f'<a href="{m.group(2)}" {m.group(3)}>{m.group(1)}</a>', text)
    out, fence = [], False
    for line in text.split('\n'):
        if line.lstrip().startswith('```'): fence = not fence
        out.append(line if fence else HTMLREF.sub(lambda m: m.group(1) + fix(m.group(2)) + m.group(3),
                                                   LINK.sub(lambda m: m.group(1) + fix(m.group(2)) + m.group(3), line)))
    return '\n'.join(out)

# ---------------------------------------------------------------- notebooks -> pages
def adapt(nb:dict, fix, note:str='')->dict:
    "Quarto cell options -> mkdocs-jupyter: front matter as the title, `echo: false` hides the input, directives removed."
    import yaml
    cells = []
    for c in nb['cells']:
        src = ''.join(c['source']) if isinstance(c['source'], list) else c['source']
        if c['cell_type'] == 'raw' and src.startswith('---'):
            fm = yaml.safe_load(src.strip().strip('-')) or {}
            md = f"# {fm.get('title', '')}" + (f"\n\n> {fm['description']}" if fm.get('description') else '') + (f'\n\n{note}' if note else '')
            cells.append(dict(cell_type='markdown', metadata={}, source=rewrite(md, fix))); continue
        if c['cell_type'] == 'markdown':
            if src.startswith('<!-- WARNING: THIS FILE WAS AUTOGENERATED'): continue
            c = {**c, 'source': rewrite(src, fix)}
        elif c['cell_type'] == 'code':
            lines = src.split('\n'); opts = [l for l in lines if l.startswith('#|')]
            body = '\n'.join(l for l in lines if not l.startswith('#|')).strip('\n')
            tags = list(c.get('metadata', {}).get('tags', []))
            if any(re.match(r'#\|\s*echo:\s*false', o) for o in opts) or not body: tags.append('remove_input')
            if any(re.match(r'#\|\s*(include|output):\s*false', o) for o in opts): continue
            if not body and not c.get('outputs'): continue
            outs = []
            for o in c.get('outputs', []):
                o = dict(o)
                if 'data' in o and 'text/markdown' in o['data']:
                    md = o['data']['text/markdown']; md = ''.join(md) if isinstance(md, list) else md
                    o['data'] = {**o['data'], 'text/markdown': rewrite(md, fix)}
                outs.append(o)
            c = {**c, 'source': body, 'metadata': {**c.get('metadata', {}), 'tags': tags}, 'outputs': outs}
        cells.append(c)
    return {**nb, 'cells': cells}

def executed_copy(rel:str, profile:str):
    "The executed copy of experiment notebook `rel` in the results of `profile` (the stage with the shortest folder name)."
    stem = PurePosix(rel).name
    found = [p for p in tracked(f'results/{profile}') if PurePosix(p).name == stem]
    return min(found, key=lambda p: (len(PurePosix(p).parent.name), p)) if found else None

def _has_outputs(path:Path)->bool:
    nb = json.loads(path.read_text())
    return any(c.get('outputs') for c in nb['cells'] if c['cell_type'] == 'code')

def _exec_path(rel:str)->Path:
    "Where the executed copy of library notebook `rel` is cached: keyed by the notebook and the library's code."
    key = hashlib.sha1((ROOT/rel).read_bytes() + b''.join(p.read_bytes() for p in sorted((ROOT/'egdarts').glob('*.py')))).hexdigest()[:16]
    return EXEC/f'{PurePosix(rel).stem}.{key}.ipynb'

def _exec_one(rel:str)->str:
    "Execute library notebook `rel` into its cache file; '' or the error."
    import nbexec
    out = _exec_path(rel); EXEC.mkdir(parents=True, exist_ok=True)
    for old in EXEC.glob(f'{PurePosix(rel).stem}.*.ipynb'): old.unlink()
    try: nbexec.write(nbexec.execute(ROOT/rel), out); print(f'  executed {rel}', flush=True); return ''
    except Exception as e:
        msg = re.sub(r'\x1b\[[0-9;]*m', '', str(e)).strip().splitlines()
        return f'WARNING: {rel} failed to execute (shown without outputs): ' + ' | '.join(msg[-3:])

# ---------------------------------------------------------------- results pages
WIDE_CSS = '''/* a results table (Table III has 15 columns) on a page without side bars, in a smaller font: every column shows at 1280 px */
.egd-wide table:not([class]) { font-size: .62rem; }
.egd-wide table:not([class]) th, .egd-wide table:not([class]) td { padding: .45em .55em; min-width: 0; }
'''

def results_pages(site_files:set)->dict:
    "{profile: [nav entries]}; writes results/<profile>/index.md and one page per table into the stage."
    nav = {}
    tables = [t for t in tracked('results') if re.match(r'^results/[^/]+/tables/[^/]+\.md$', t)]
    for prof in sorted({t.split('/')[1] for t in tables}):
        out = STAGE/'results'/prof; (out/'tables').mkdir(parents=True, exist_ok=True)
        mine = [t for t in tables if t.split('/')[1] == prof]; entries = []
        lines = [f'# Results: `{prof}` profile', '']
        if prof in ('smoke', 'tiny'):
            lines += ['!!! note "Smoke numbers"', f'    The `{prof}` profile proves that every stage runs and every table and figure is built; '
                      'its numbers are **not** comparable with the paper\'s.', '']
        lines += ['## Tables', '']
        for t in mine:
            name = PurePosix(t).stem; body = (ROOT/t).read_text()
            csv = t[:-3] + '.csv'
            if (ROOT/csv).exists(): shutil.copy2(ROOT/csv, out/'tables'/f'{name}.csv')
            (out/'tables'/f'{name}.md').write_text(f'---\nhide: [navigation, toc]\n---\n# {name}\n\n<div class="egd-wide" markdown>\n\n{body}\n\n</div>\n\n'
                                                   f'Data: [{name}.csv]({name}.csv), written by the pipeline '
                                                   f'(`{t}`); [all results of this profile](../index.md).\n')   # the page's width for the table
            title = re.match(r'\*\*(.+?)\*\*', body)
            lines.append(f'- [{title.group(1) if title else name}](tables/{name}.md)'); entries.append({name: f'results/{prof}/tables/{name}.md'})
        figs = [f for f in tracked(f'figures/{prof}') if f.endswith('.png')]
        if figs:
            lines += ['', '## Figures', '']
            for f in figs:
                pdf = f[:-4] + '.pdf'
                lines += [f'### {PurePosix(f).stem}', '', f'![{PurePosix(f).stem}](../../{f})', '']
                if pdf in site_files: lines += [f'[PDF](../../{pdf})', '']
        (out/'index.md').write_text('\n'.join(lines) + '\n')
        nav[prof] = [{f'Results: {prof} profile': f'results/{prof}/index.md'}] + entries
    return nav

# ---------------------------------------------------------------- build
def _include_tables(nb:dict):
    "A page shows the committed tables its `<!-- include: ... -->` lines name, as the README does (the home page, the results page)."
    from readme import include
    for c in nb['cells']:
        if c['cell_type'] == 'markdown':
            src = ''.join(c['source']) if isinstance(c['source'], list) else c['source']
            c['source'] = include(src)

def build(profile:str='smoke', execute:str='missing', jobs:int=2, strict:bool=True)->int:
    import yaml
    t0 = time.time()
    for d in (STAGE, PROC): shutil.rmtree(d, ignore_errors=True)
    STAGE.mkdir(parents=True); PROC.mkdir(parents=True)
    site_files = set()
    for f in tracked('figures'):
        (STAGE/f).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(ROOT/f, STAGE/f); site_files.add(f)
    site_files |= {t for t in tracked('results') if re.match(r'^results/[^/]+/tables/[^/]+\.(md|csv)$', t)}
    sources, notes = {}, {}
    for rel in notebooks():
        src = rel
        if rel.startswith('nbs/experiments/'):
            ex = executed_copy(rel, profile)
            if ex: src = ex; notes[rel] = (f'*As executed by `egdarts reproduce` at the `{profile}` profile: [`{ex}`]({posixpath.relpath(ex, "nbs/experiments")}) '
                                           f'(source: [`{rel}`]({cfg().git_url}/blob/{cfg().branch}/{rel})).*')
        elif rel != 'nbs/index.ipynb' and execute != 'never' and (execute == 'all' or not _has_outputs(ROOT/rel)):
            src = _exec_path(rel).relative_to(ROOT).as_posix()
        sources[src] = (PROC/rel, rel)
    todo = [rel for s, (_, rel) in sources.items() if s.startswith('_build/exec/') and not (ROOT/s).exists()]
    if todo:
        print(f'executing {len(todo)} library notebooks with no stored outputs (tools/nbexec.py; cached in {EXEC.relative_to(ROOT)}/) ...', flush=True)
        with _pool(jobs) as ex: errs = [e for e in ex.map(_exec_one, todo) if e]
        for e in errs: print(e)   # its tests fail (nbdev_test says so); the page shows the notebook as written
        sources = {(rel if s_.startswith('_build/exec/') and not (ROOT/s_).exists() else s_): (d_, rel) for s_, (d_, rel) in sources.items()}
    if not proc({s: d for s, (d, _) in sources.items()}, jobs): return 1
    nav_lib, nav_exp = [], []
    for src, (dst, rel) in sources.items():
        nb = json.loads(dst.read_text()); page = page_of(rel) + '.ipynb'
        _include_tables(nb)
        nb = adapt(nb, _links_fixer(rel, page, site_files), notes.get(rel, ''))
        # the executed copy's own links (its note) are written from nbs/experiments, like the source
        (STAGE/page).parent.mkdir(parents=True, exist_ok=True); (STAGE/page).write_text(json.dumps(nb, indent=1))
        title = next((l[2:] for c in nb['cells'] if c['cell_type'] == 'markdown' for l in [c['source'].split('\n')[0]] if l.startswith('# ')), page)
        if rel == 'nbs/index.ipynb': continue
        (nav_exp if rel.startswith('nbs/experiments/') else nav_lib).append({f'{PurePosix(rel).stem}: {title}' if not rel.startswith('nbs/experiments/') else title: page})
    # the home page's and the tables' links were written for the repository; the adapter rewrote them
    res_nav = results_pages(site_files)
    import jupyter_server_mathjax
    shutil.copytree(Path(jupyter_server_mathjax.__file__).parent/'static', STAGE/'assets'/'mathjax')
    (STAGE/'assets'/'mathjax'/'config'/'local').mkdir(parents=True, exist_ok=True)   # the bundle has STIX-Web fonts only
    (STAGE/'assets'/'mathjax'/'config'/'local'/'egdarts.js').write_text(
        'MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null},\n'
        '                    SVG: {font: "STIX-Web"}, messageStyle: "none"});\n'
        'MathJax.Ajax.loadComplete("[MathJax]/config/local/egdarts.js");\n')
    (STAGE/'assets'/'egdarts.css').write_text(WIDE_CSS)
    c = cfg()
    conf = dict(extra_css=['assets/egdarts.css'], site_name='egdarts', site_description=c.description, docs_dir=str(STAGE), site_dir=str(SITE),
                use_directory_urls=False, strict=strict,
                theme=dict(name='material', font=False, features=['navigation.top', 'navigation.indexes', 'search.highlight', 'toc.follow'],
                           palette=dict(scheme='default', primary='indigo', accent='indigo')),
                plugins=['search', {'mkdocs-jupyter': dict(include=['*.ipynb'], execute=False, include_source=False, ignore_h1_titles=False, no_prompt=True,
                                                             remove_tag_config=dict(remove_input_tags=['remove_input']),
                                                             custom_mathjax_url=f'{MATHJAX}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,local/egdarts',
                                                             include_requirejs=False, toc_depth=3, cache=False)}],
                markdown_extensions=['tables', 'admonition', 'attr_list', 'md_in_html', {'toc': {'permalink': True}}],
                validation=dict(links=dict(not_found='warn', absolute_links='info', unrecognized_links='warn')),
                nav=[{'Home': 'index.ipynb'}, {'Library': nav_lib}, {'Experiments': nav_exp},
                     {'Results': [{p: e} for p, e in res_nav.items()]}])
    (BUILD/'mkdocs.yml').write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True))
    shutil.rmtree(SITE, ignore_errors=True)
    r = subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '-q', '-f', str(BUILD/'mkdocs.yml')], cwd=ROOT,
                       env={**os.environ, 'NO_MKDOCS_2_WARNING': '1'})
    if r.returncode: print('FAIL: mkdocs build'); return 1
    fix_anchors(SITE)
    for html in SITE.rglob('*.html'): fix_headings(html)
    for html in SITE.rglob('*.html'):   # MathJax from the site itself, page-relative (works from file:// too)
        t = html.read_text()
        if MATHJAX in t: html.write_text(t.replace(MATHJAX, posixpath.relpath((SITE/'assets'/'mathjax').as_posix(), html.parent.as_posix())))
    n = len(list(SITE.rglob('*.html')))
    print(f'docs: {n} pages in {SITE.relative_to(ROOT)}/ ({time.time() - t0:.0f} s); open {SITE.relative_to(ROOT)}/index.html '
          f'or run: python -m http.server -d {SITE.relative_to(ROOT)}')
    return 0

def fix_anchors(site:Path):
    """Give headings the ids that links point at but the renderers did not write.

    mkdocs-jupyter's table of contents slugs a heading as mkdocs does (code spans dropped, lower case) while
    nbconvert writes the heading's own text as its id, and nbdev's doc links use Quarto's lower-case ids
    (`architect.step` for `Architect.step`): an empty anchor with the wanted id goes before each such heading."""
    from collections import defaultdict
    from bs4 import BeautifulSoup
    from markdown.extensions.toc import slugify
    pages = {p.resolve(): BeautifulSoup(p.read_text(), 'html.parser') for p in site.rglob('*.html')}
    ids = {p: {e['id'] for e in s.select('[id]')} | {e['name'] for e in s.select('a[name]')} for p, s in pages.items()}
    want = defaultdict(set)
    for p, s in pages.items():
        for a in s.select('a[href]'):
            path, _, frag = a['href'].partition('#')
            if not frag or re.match(r'^[a-z][a-z0-9+.-]*:', path, re.I): continue
            t = (p.parent/path).resolve() if path else p
            if t in pages and frag not in ids[t]: want[t].add(frag)
    for p, frags in want.items():
        s = pages[p]
        heads = []
        for h in s.select('h1, h2, h3, h4, h5, h6'):
            full = h.get_text(' ', strip=True).replace('¶', '').strip()
            bare = BeautifulSoup(str(h), 'html.parser')
            for c in bare.select('code, a.anchor-link, a.headerlink'): c.decompose()
            heads.append((h, {slugify(full, '-'), slugify(bare.get_text(' ', strip=True), '-'), h.get('id', '').lower(), full.lower().replace(' ', '-')}))
        for h, cands in heads:
            for f in sorted(frags & cands): h.insert_before(s.new_tag('a', attrs={'id': f})); frags.discard(f)
        for h, cands in reversed(heads):   # Class.method with no heading of its own: the class's (last) heading
            for f in sorted(f for f in frags if '.' in f and f.rsplit('.', 1)[0] in cands): h.insert_before(s.new_tag('a', attrs={'id': f})); frags.discard(f)
        p.write_text(str(s))

def fix_headings(html:Path):
    """Two defects of mkdocs-jupyter's pages, mended on the built page: the table of contents drops a heading's code
    spans (`## The parser and \`main\`` is listed as "The parser and"): each entry gets its heading's text, code
    included; and a page title that is also a name shown below it (`# Architect` above `show_doc(Architect)`) gives
    two elements one id: the title's becomes `<id>-page`, so `#architect` keeps meaning the class."""
    from bs4 import BeautifulSoup
    from markdown.extensions.toc import slugify
    s = BeautifulSoup(html.read_text(), 'html.parser')
    changed = False
    heads = {}
    for h in s.select('article h1, article h2, article h3, article h4, .md-content h1, .md-content h2, .md-content h3, .md-content h4'):
        bare = BeautifulSoup(str(h), 'html.parser')
        for c in bare.select('code, a.anchor-link, a.headerlink'): c.decompose()
        heads.setdefault(slugify(bare.get_text(' ', strip=True), '-'), h)
    for a in s.select('nav.md-nav--secondary a.md-nav__link[href^="#"]'):
        h = heads.get(a['href'][1:])
        if h is None or not h.select('code'): continue
        span = a.select_one('span.md-ellipsis') or a
        span.clear()
        if h.get('id'): a['href'] = '#' + h['id']
        copy = BeautifulSoup(str(h), 'html.parser').find(h.name)
        for c in copy.select('a.anchor-link, a.headerlink'): c.decompose()
        for c in copy.select('a'): c.unwrap()   # no link inside the entry's link
        for c in list(copy.contents): span.append(c)
        changed = True
    seen = {}
    for e in s.select('[id]'): seen.setdefault(e['id'], []).append(e)
    for i, es in seen.items():
        if len(es) > 1 and es[0].name == 'h1':
            es[0]['id'] = f'{i}-page'
            for a in es[0].select(f'a[href="#{i}"]'): a['href'] = f'#{i}-page'
            changed = True
    if changed: html.write_text(str(s))

def main(cmd:Literal['proc', 'build'], # proc: every notebook through nbdev's processing; build: proc, then the site
         profile:str='smoke', # the results shown on the experiment pages
         execute:Literal['missing', 'never', 'all']='missing', # execute library notebooks first: those with no stored outputs, none, or all
         jobs:int=2, # notebooks processed side by side
         no_strict:bool=False, # mkdocs' warnings do not fail the build
        )->int:
    os.chdir(ROOT)
    if cmd == 'proc':
        PROC.mkdir(parents=True, exist_ok=True)
        return 0 if proc({rel: PROC/rel for rel in notebooks()}, jobs) else 1
    return build(profile, execute, jobs, not no_strict)

if __name__ == '__main__':
    from egdarts.options import script
    sys.exit(script(main, __doc__))
