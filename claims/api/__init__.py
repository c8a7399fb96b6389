"""The desk's JSON API at /api/v1/ (django-ninja; OpenAPI 3.1 at /api/v1/openapi.json).

django-ninja 1.7 was chosen over Django REST framework: typed Pydantic schemas give the
OpenAPI 3.1 document for free, it runs on Django 6.1 without patches, and its docs assets
ship inside the package, so the docs page loads nothing from a CDN.
"""
