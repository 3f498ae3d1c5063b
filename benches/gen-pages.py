#!/usr/bin/env python3
"""benches/gen-pages.py FOLDER N [SEED] [--text]

Writes N saved web pages into FOLDER (in subfolders of 500), each a few hundred KB as
pages saved from news sites and blogs are: a head of meta tags, JSON-LD, large inline
styles and scripts; navigation, a cookie banner, share buttons, a sidebar, a comments
section and a footer around an article of 300 to 1,500 words. The same SEED gives the
same pages. With --text, each article is also written as FOLDER-text/…/NAME.txt (its
headline, a date line and its paragraphs), for comparing pages with plain files.

Plain Python, no packages: the pages are made of a word list of our own.
"""

import json
import os
import random
import sys

WORDS = (
    "harbour river council market ferry bridge tide orchard village station library "
    "school bakery lantern festival storm winter summer reef coast island quay pier "
    "survey volunteers residents mayor budget road repairs railway timetable museum "
    "garden allotment choir regatta lighthouse kelp otters urchins divers anglers "
    "fishermen boats nets weather forecast rainfall drought reservoir meadow hedgerow "
    "owls swifts beekeepers honey cider apples pears plums harvest fair parade "
    "concert theatre cinema gallery painter potter weaver blacksmith carpenter mason "
    "slate granite chalk sandstone cliff dune marsh estuary heron curlew oystercatcher "
    "the a of and in on to with from for by at as after before while since during "
    "said says will would could should may might has had have was were is are been "
    "new old first last next many few more most some every each other same local "
    "year month week day morning evening night spring autumn plans work people town "
    "found began opened closed reopened agreed voted asked warned hoped counted built"
).split()

SITES = [
    ("The Coastal Courier", "courier.example"),
    ("Valley Gazette", "gazette.example"),
    ("Northern Lantern", "lantern.example"),
    ("Island Post", "islandpost.example"),
    ("Field Notes", "fieldnotes.example"),
    ("Harbour Weekly", "harbourweekly.example"),
]

AUTHORS = ["Maren Holt", "Ida Brandt", "Tomas Reyes", "Aiko Tanaka", "Ruth Okafor",
           "Lena Varga", "Sam Writer", "Noor Haddad", "Owen Price", "Mei Lin"]


def sentence(rng, low=8, high=24):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def script(rng, size):
    """Minified-looking JavaScript of about `size` bytes."""
    parts = []
    total = 0
    while total < size:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
        part = (
            f"function {name}(e,t){{var n=e.length,r=[];for(var i=0;i<n;i++){{"
            f"r.push(t(e[i],{rng.randint(0, 999)}))}}return r.join('{name}')}}"
            f"window.{name}={name};"
        )
        parts.append(part)
        total += len(part)
    return "".join(parts)


def style(rng, size):
    parts = []
    total = 0
    while total < size:
        cls = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
        part = (
            f".{cls}{{margin:{rng.randint(0, 40)}px;padding:{rng.randint(0, 20)}px;"
            f"color:#{rng.randint(0, 0xffffff):06x};font-size:{rng.randint(10, 30)}px}}\n"
        )
        parts.append(part)
        total += len(part)
    return "".join(parts)


def navigation(rng):
    links = "".join(
        f'<li class="nav-item"><a href="/section/{i}">{rng.choice(WORDS).title()}</a></li>'
        for i in range(rng.randint(30, 80))
    )
    return f'<header class="site-header"><nav class="main-nav"><ul>{links}</ul></nav></header>'


def sidebar(rng):
    items = "".join(
        f'<li><a href="/story/{rng.randint(1, 99999)}">{sentence(rng, 4, 9)}</a></li>'
        for _ in range(rng.randint(8, 20))
    )
    return f'<aside class="sidebar"><h3>Most read</h3><ol>{items}</ol></aside>'


def comments(rng):
    items = "".join(
        f'<div class="comment"><span class="comment-author">{rng.choice(AUTHORS)}</span>'
        f"<p>{sentence(rng)}</p></div>"
        for _ in range(rng.randint(0, 25))
    )
    return f'<section id="comments" class="comments"><h3>Comments</h3>{items}</section>'


def article_body(rng):
    blocks = []
    for i in range(rng.randint(6, 22)):
        kind = rng.random()
        if kind < 0.08 and i > 0:
            blocks.append(f"<h2>{sentence(rng, 3, 7)[:-1]}</h2>")
        elif kind < 0.13:
            items = "".join(f"<li>{sentence(rng, 4, 10)}</li>" for _ in range(rng.randint(2, 5)))
            blocks.append(f"<ul>{items}</ul>")
        elif kind < 0.17:
            blocks.append(f"<blockquote><p>{sentence(rng)}</p></blockquote>")
        elif kind < 0.19:
            blocks.append(
                f'<figure><img src="/img/{rng.randint(1, 9999)}.jpg" alt="{sentence(rng, 3, 6)[:-1]}">'
                f"<figcaption>{sentence(rng, 3, 8)}</figcaption></figure>"
            )
        else:
            blocks.append(f"<p>{paragraph(rng)}</p>")
    return blocks


def page(rng, n):
    site, host = rng.choice(SITES)
    author = rng.choice(AUTHORS)
    year = rng.randint(2015, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    headline = sentence(rng, 4, 10)[:-1]
    slug = "-".join(headline.lower().split()[:6])
    url = f"https://{host}/{year}/{month:02d}/{slug}-{n}"
    blocks = article_body(rng)
    json_ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
        "datePublished": f"{date}T08:00:00Z", "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": site},
    })
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{headline}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{date}T08:00:00Z">
<meta name="author" content="{author}">
<meta name="keywords" content="{rng.choice(WORDS)}, {rng.choice(WORDS)}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{json_ld}</script>
<style>{style(rng, rng.randint(20_000, 60_000))}</style>
<script>{script(rng, rng.randint(60_000, 200_000))}</script>
</head><body class="article-page">
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to make this site work. Accept all cookies or manage your choices.</p><button>Accept</button></div>
{navigation(rng)}
<main><div class="layout">
<article class="story"><h1>{headline}</h1>
<p class="byline">By {author}</p><time datetime="{date}">{date}</time>
<div class="share"><a href="#">Share</a> <a href="#">Post</a> <a href="#">Email</a></div>
{''.join(blocks)}
</article>
{sidebar(rng)}
</div>
{comments(rng)}
<form class="newsletter"><label>Sign up for our newsletter</label><input type="email"><button>Subscribe</button></form>
</main>
<footer class="site-footer"><p>Copyright {year} {site}. All rights reserved.</p></footer>
<script>{script(rng, rng.randint(20_000, 80_000))}</script>
</body></html>
"""
    text = f"date {date} {headline}\n\n" + "\n\n".join(
        strip_tags(block) for block in blocks
    ) + "\n"
    return f"{date}-{slug}-{n}", html, text


def strip_tags(block):
    out = []
    inside = False
    for c in block:
        if c == "<":
            inside = True
        elif c == ">":
            inside = False
        elif not inside:
            out.append(c)
    return "".join(out)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    folder, count = args[0], int(args[1])
    seed = int(args[2]) if len(args) > 2 else 1
    with_text = "--text" in sys.argv
    rng = random.Random(seed)
    for n in range(count):
        name, html, text = page(rng, n)
        sub = f"{n // 500:03d}"
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
        with open(os.path.join(folder, sub, name + ".html"), "w", encoding="utf-8") as out:
            out.write(html)
        if with_text:
            text_folder = os.path.join(folder.rstrip("/") + "-text", sub)
            os.makedirs(text_folder, exist_ok=True)
            with open(os.path.join(text_folder, name + ".txt"), "w", encoding="utf-8") as out:
                out.write(text)


if __name__ == "__main__":
    main()
