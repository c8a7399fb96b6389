from typing import Any

from django.conf import settings
from django.http import HttpRequest

from claims import permissions


def desk(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = permissions.role_of(user)
    return {
        "site_name": settings.SITE_NAME,
        "desk_role": role,
        "role_name": role.group_name if role else "",
        "can_view_desk": role >= permissions.Role.VIEWER,
        "can_propose": role >= permissions.Role.REPORTER,
        "can_review": role >= permissions.Role.EDITOR,
        "can_administer": role >= permissions.Role.ADMIN,
    }
