"""The export_factsheet command and the demo desk's published fact sheet."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from claims import services
from claims.demo import load_demo
from claims.exports.content import load_content
from claims.models import FactSheet, FactSheetVersion
from claims.tests.factsheet_desk import desk_sheet


@pytest.fixture
def published(reporter: Any, editor: Any, source: Any) -> dict[str, Any]:
    desk = desk_sheet(reporter, editor, source)
    version = services.factsheet_publish(sheet=desk["sheet"], by=editor)
    return {**desk, "version": version}


def test_the_command_writes_the_latest_version_to_a_file(published, tmp_path):
    out = tmp_path / "sheet.json"
    call_command("export_factsheet", published["sheet"].pk, "--format", "json", "-o", str(out))
    assert json.loads(out.read_text())["publication"]["version"] == 1


def test_the_command_exports_a_chosen_version_or_the_draft(published, editor, tmp_path):
    services.factsheet_entry_note(
        entry=published["sheet"].entries.first(), by=editor, note="Draft only"
    )
    one, draft = tmp_path / "one.csv", tmp_path / "draft.csv"
    sheet = published["sheet"].pk
    call_command("export_factsheet", sheet, "-f", "csv", "--version", "1", "-o", str(one))
    call_command("export_factsheet", sheet, "-f", "csv", "--version", "draft", "-o", str(draft))
    assert "Draft only" not in one.read_text() and "Draft only" in draft.read_text()
    assert len(list(csv.DictReader(io.StringIO(one.read_text())))) == 3


def test_the_command_refuses_a_missing_sheet_or_version(published):
    with pytest.raises(CommandError, match="no fact sheet"):
        call_command("export_factsheet", 999999, "-f", "md")
    with pytest.raises(CommandError, match="no such published version"):
        call_command("export_factsheet", published["sheet"].pk, "-f", "md", "--version", "7")


def test_the_command_output_equals_the_browser_download(published, client, viewer, tmp_path):
    from django.urls import reverse

    out = tmp_path / "sheet.md"
    call_command("export_factsheet", published["sheet"].pk, "-f", "md", "-o", str(out))
    client.force_login(viewer)
    url = reverse("claims:factsheet_version_export", args=[published["sheet"].pk, 1, "md"])
    assert client.get(url).content == out.read_bytes()


def test_the_demo_desk_has_a_published_fact_sheet_once(db):
    load_demo(password="demo-password-for-tests")
    load_demo(password="demo-password-for-tests")
    sheet = FactSheet.objects.get()
    version = FactSheetVersion.objects.get(sheet=sheet)
    content = load_content(version)
    entries = [e for s in content["sections"] for e in s["entries"]]
    assert len(entries) >= 5
    assert all(e["mentions"] and e["mentions"][0]["quote"] for e in entries)
    assert any(e["verdict"]["value"] != "unverified" for e in entries)
