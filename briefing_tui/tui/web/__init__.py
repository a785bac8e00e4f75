"""``briefing serve``: the same app in a browser, through textual-serve (the ``[web]`` extra).

``server`` runs one app process per browser tab; ``guard`` decides which requests may reach
it (the token, the page's own origin, a local host name).
"""
