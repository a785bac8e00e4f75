"""Page furniture for the web-page corpus: what real news pages put around the article.

Menus, footers, cookie banners, share bars, related-story lists, teaser cards with their
own paragraphs, comment threads, newsletter boxes, author boxes, scripts and JSON-LD,
with the class names the common CMSs give them. None of it is article text. The texts
are written for this project; each helper is deterministic (same arguments, same HTML).
"""

from __future__ import annotations

from html import escape

SECTIONS = ("World", "Africa", "Asia", "Middle East", "Europe", "Americas", "Business",
            "Climate", "Health", "Opinion", "Video", "Podcasts", "Sport")
TEASERS = (
    ("Flood warnings issued for the lower Indus basin",
     "Authorities in Sindh have told residents of low-lying districts to prepare to leave "
     "as river levels rise faster than forecast after a week of heavy monsoon rain."),
    ("Talks on prisoner exchange resume in Muscat",
     "Negotiators from both sides arrived in the Omani capital on Monday for a new round "
     "of talks mediated by the United Nations, the third this year."),
    ("Wheat prices climb after export restrictions",
     "Importers in East Africa say the cost of a tonne of wheat has risen by nearly a "
     "fifth in a month, with bakeries passing the increase on to customers."),
    ("Opinion: the quiet collapse of rural health care",
     "Clinics that once served whole districts now open two days a week, and the nurses "
     "who kept them running have left for the cities or for jobs abroad."),
    ("Election commission delays vote count in three provinces",
     "Officials cited security concerns and damaged ballot boxes; opposition parties said "
     "the delay undermined confidence in the result and called for observers."),
    ("Satellite images show new camps along the border",
     "Analysis of images taken over six weeks shows at least four new settlements of "
     "tents and makeshift shelters, each holding several thousand people."),
)
COMMENTS = (
    ("Tariq", "This is the reality nobody in the capital wants to talk about. I visited "
              "the area last spring and the situation was already desperate then, with "
              "families sleeping in the open and no sign of the promised assistance."),
    ("M. Okafor", "Thank you for reporting this. It would help to know how much of the "
                  "appeal has actually been received rather than pledged, since the two "
                  "numbers are often confused in these stories and the gap is huge."),
    ("anon_reader", "Same story every year. Donors promise, agencies appeal, and then "
                    "the cameras leave and people are forgotten until the next disaster "
                    "comes along and the cycle starts all over again."),
    ("Hélène", "My organisation works in the region and I can confirm the figures on "
               "water. What the article does not say is that the roads were already in "
               "very poor condition before the fighting started last year."),
    ("J. Park", "Great piece, but I wish there were more voices from the people affected "
                "themselves rather than officials. Their experience should be the centre of "
                "reporting like this, not an afterthought at the end."),
)


def links(items: tuple[str, ...] | list[str], *, href: str = "/section/") -> str:
    return "".join(f'<li><a href="{href}{i}">{escape(t)}</a></li>'
                   for i, t in enumerate(items))


def menu(cls: str = "main-nav", *, tag: str = "nav") -> str:
    return (f'<{tag} class="{cls}"><ul class="menu">{links(SECTIONS)}</ul>'
            f'<form class="search-form"><input type="search" placeholder="Search">'
            f"<button>Search</button></form></{tag}>")


def masthead(site: str, *, logo_h1: bool = False) -> str:
    logo = f'<h1 class="site-title"><a href="/">{site}</a></h1>' if logo_h1 else \
        f'<a class="logo" href="/"><img src="/logo.svg" alt="{site}"></a>'
    return (f'<header class="site-header"><a class="skip-link" href="#main">Skip to '
            f'content</a>{logo}<p class="site-description">Independent news and analysis'
            f"</p>{menu()}</header>")


def breadcrumbs() -> str:
    return ('<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/world">'
            'World</a></li><li><a href="/world/asia">Asia</a></li></ol>')


def share_bar(cls: str = "share-tools") -> str:
    return (f'<div class="{cls}"><span>Share this article</span><ul>'
            '<li><a href="#">Facebook</a></li><li><a href="#">X</a></li>'
            '<li><a href="#">WhatsApp</a></li><li><a href="#">Email</a></li>'
            '<li><button>Copy link</button></li></ul></div>')


def related(title: str = "Related stories", cls: str = "related-stories") -> str:
    return (f'<section class="{cls}"><h2>{title}</h2><ul>'
            + links([t for t, _ in TEASERS[:4]], href="/news/") + "</ul></section>")


def teaser_cards(title: str = "More from World", cls: str = "more-stories") -> str:
    cards = "".join(f'<div class="card"><h3><a href="/n/{i}">{escape(t)}</a></h3>'
                    f"<p>{escape(s)}</p></div>" for i, (t, s) in enumerate(TEASERS))
    return f'<section class="{cls}"><h2>{title}</h2>{cards}</section>'


def most_read(cls: str = "most-read") -> str:
    items = "".join(f'<li><span class="rank">{i + 1}</span><a href="/m/{i}">{escape(t)}</a>'
                    f"</li>" for i, (t, _) in enumerate(TEASERS))
    return f'<div class="{cls}"><h2>Most read</h2><ol>{items}</ol></div>'


def comments(cls: str = "comments-area", count: int = 5, *, article_tag: bool = False) -> str:
    tag = "article" if article_tag else "div"
    body = "".join(
        f'<li class="comment"><{tag} class="comment-body"><footer class="comment-meta">'
        f'<b class="fn">{escape(name)}</b> <time>2 days ago</time></footer>'
        f'<div class="comment-content"><p>{escape(text)}</p></div>'
        f'<div class="reply"><a href="#">Reply</a></div></{tag}></li>'
        for name, text in (COMMENTS * 3)[:count])
    return (f'<div id="comments" class="{cls}"><h2 class="comments-title">{count} thoughts '
            f'on this story</h2><ol class="comment-list">{body}</ol>'
            '<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea>'
            "<button>Post Comment</button></form></div></div>")


def cookie_banner(cls: str = "cookie-consent") -> str:
    return (f'<div class="{cls}" role="dialog"><p>We use cookies and similar technologies to '
            "improve your experience, measure audiences and show you personalised content "
            "and advertising. You can accept all cookies, reject them or choose which "
            'purposes you allow. See our <a href="/privacy">privacy policy</a>.</p>'
            "<button>Accept all</button><button>Reject all</button></div>")


def newsletter(cls: str = "newsletter-signup") -> str:
    return (f'<div class="{cls}"><h3>The morning briefing</h3><p>The day\'s most important '
            "stories from around the world, in your inbox every weekday morning.</p><form>"
            '<input type="email"><button>Sign up</button></form></div>')


def author_box(name: str, cls: str = "author-bio") -> str:
    return (f'<div class="{cls}"><img src="/a.jpg" alt=""><p><b>{escape(name.removeprefix("By "))}'
            "</b> is a correspondent covering humanitarian affairs. She previously worked "
            "for regional newspapers and a radio station.</p></div>")


def tags(cls: str = "tags") -> str:
    return (f'<div class="{cls}"><span>Topics:</span> <a href="/t/1">Displacement</a> '
            '<a href="/t/2">Humanitarian aid</a> <a href="/t/3">Conflict</a></div>')


def footer(site: str, *, tag: str = "footer", cls: str = "site-footer") -> str:
    return (f'<{tag} class="{cls}"><div class="footer-links"><ul>'
            + links(("About us", "Contact", "Careers", "Advertise", "Terms of use",
                     "Privacy policy", "Cookie settings", "Accessibility"), href="/p/")
            + f"</ul></div><p>{site} is an independent newsroom funded by its readers. Our "
            "journalism is free to read because thousands of people support it every month."
            f"</p><p>© 2025 {site}. All rights reserved.</p></{tag}>")


def scripts() -> str:
    return ('<script>window.dataLayer=window.dataLayer||[];dataLayer.push({"page":"article",'
            '"html":"<p>not text</p>"});</script><script type="application/ld+json">'
            '{"@type":"NewsArticle","headline":"JSON-LD headline is not text"}</script>'
            "<style>.article p{font-family:Georgia;margin:0 0 1em}</style>")


def ad(cls: str = "ad-slot") -> str:
    return f'<div class="{cls}"><span>Advertisement</span><div id="gpt-ad-1"></div></div>'


def head(title: str, *, extra: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | '
            f'News</title><meta property="og:title" content="{title}">{scripts()}{extra}'
            "</head>")


def figure(caption: str, *, cls: str = "wp-caption") -> str:
    return (f'<figure class="{cls}"><img src="/photo.jpg" alt=""><figcaption>{escape(caption)}'
            "<span class=\"credit\"> Photo: Agency</span></figcaption></figure>")
