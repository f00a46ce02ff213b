"""What each key and type of the spec language means: the README's spec reference, for the schema.

tests/spec/test_schema.py checks that these are the README's tables, word for word.
"""

BRIEFING = {
    'title': (
        "text: the briefing's title (title slide, handout header, document title)"
    ),
    'subtitle': 'text',
    'entity': '`city` or `park`',
    'audience': 'text, e.g. 投资者 / Investors (document subject)',
    'lang': '`zh`, `en` or a list such as `[zh, en]`; default `zh`',
    'theme': "`city`, `park` or a theme file beside the spec (`ours.yaml`, see \"Your organisation's "
             "look\"); default: the entity's",
    'issuer': (
        "text: the issuing body (document author, footer); default: the entity's name"
    ),
    'as_of': (
        '`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date (years 1900–2100) in the digits '
        '0-9; default: the date of the newest source cited (of the newest source in the '
        'dataset when nothing is cited)'
    ),
    'contact': (
        'contact lines (a text or a list of up to 6 texts), or a mapping of details: '
        '`lines`, `address` (text), `phone`, `email`, `web` (an `http(s)://` address); '
        'printed on the closing slide and the handout, the web address also as a QR code.'
        ' Give only details a source or your organisation confirms'
    ),
    'deck': 'a list of slides (below)',
    'onepager': 'a list of handout sections (below)',
}

SLIDES = {
    'title': 'full-bleed cover',
    'section': (
        'a section divider, numbered 01, 02 … only when the deck has two or more'
    ),
    'kpis': 'big figures, each with label, qualifier and period',
    'bullets': 'facts and bullets; continues on a "(continued)" slide if long',
    'chart': (
        'a native chart, with commentary beside it when given; see the chart policy below'
    ),
    'timeline': (
        'dated events alternating above and below one axis, up to 10 a slide (more '
        'continue in the same layout); events of one year read as a group, the year '
        'printed once'
    ),
    'table': 'indicator · value · period',
    'compare': (
        'two columns side by side, as tall as the longer list; columns too long continue '
        'on a "(continued)" slide'
    ),
    'image': 'a picture with alt text',
    'quote': 'a callout',
    'closing': 'closing and contact',
}

SLIDE_KEYS = {
    'title': "`title`, `subtitle` (both optional: default the briefing's)",
    'section': '`subtitle`',
    'kpis': '`facts`: 2–6 fact ids',
    'bullets': '`items`: a list of items',
    'chart': (
        '`chart`, `commentary` (running text); `title` optional (default: a headline '
        'stating what the data shows)'
    ),
    'timeline': (
        '`timeline`: a timeline id, `events`: optional list of its event ids, '
        '`highlight`: optional event id (the one dot in the accent colour; none by '
        'default); `title` optional'
    ),
    'table': '`facts`: fact ids, `columns`: three header texts (optional)',
    'compare': '`left`, `right`: each `{title, list}` or `{title, items}`',
    'image': (
        "`image`: a picture's path (see below), `alt`: text (required), `caption`"
    ),
    'quote': '`text` (running text), `attribution`',
    'closing': "`subtitle`, `contact` (default: the briefing's); `title` optional",
}

CHART = {
    'series': 'a series id from `assets/data/series.yaml`, or',
    'facts': '2–12 fact ids with one unit (each becomes a category)',
    'type': (
        "`column`, `bar`, `line`, `share`, `milestones` or `target`; default: the series'"
        ' kind'
    ),
    'highlight': (
        'the category to set in the accent colour (default: the last, for milestones and '
        'targets)'
    ),
    'title': "text; default the series' label",
    'force': (
        '`true` keeps the chart where the chart policy would draw KPI cards (a warning '
        'then says why the bars mislead)'
    ),
}

SECTIONS = {
    'kpis': '`facts`: 3–6 fact ids (the KPI strip)',
    'chart': '`chart` (as above); one or two per page read best',
    'timeline': '`timeline`, `events` (optional subset)',
    'list': '`list` (a dataset list) or `items`, `title` (optional)',
    'narrative': '`text` (running text), `title` (optional)',
    'contact': "`contact` (default: the briefing's)",
}

COMMON = {
    'notes': 'a text or a list of texts: the talking points in the speaker notes',
    'cite': 'fact or list ids whose sources back text you wrote yourself, such as a quoted slogan',
    'optional': (
        'if the page is full, optional sections are dropped (a warning names each) before'
        ' the build fails'
    ),
    'items': (
        'running text (a string or `{zh: …, en: …}`, which may add `sub: true`), or one '
        'of: `{fact: id}` (a line "label：figure（period）", e.g. `江阴港货物吞吐量：约3.8亿吨（2024年）`; '
        'a label that already says 增长 takes the number straight after it: '
        '`规上工业产值增长5.0%（2024年）`), `{text: …}`, `{list: id}` (every item of a dataset '
        'list); add `sub: true` to indent an item'
    ),
}
