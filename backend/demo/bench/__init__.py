"""`make bench`: server time of the main pages at 100,000 products, against their floor.

The bench runs in its own database (`sunshine_bench` by default, on the same server) so the
demo database is never touched; pictures go to their own media folder. Pages are requested
in process with Django's test Client (server time only: no network, no WSGI server). The floor
of a page is the same page's data fetched by one hand-written SQL query and rendered by the
same template (for GraphQL: encoded into the same JSON); the bench checks that the floor's
output equals the page's before timing either.
"""
