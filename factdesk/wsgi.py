import os

from django.core.wsgi import get_wsgi_application

from factdesk.chunked import ChunkedBodies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
application = ChunkedBodies(get_wsgi_application())
