#!/usr/bin/python3
"""Changes address books through EDS's own client library, as another application would.

Reads one JSON command per line on stdin and answers one JSON line on stdout:
  {"op": "add", "book": UID, "name": "Ada Lovelace", "tel": "+44..."}  -> {"uid": ..., "t0": ms}
  {"op": "modify", "book": UID, "uid": ..., "name": ..., "tel": ...}    -> {"uid": ..., "t0": ms}
  {"op": "remove", "book": UID, "uid": ...}                             -> {"uid": ..., "t0": ms}
  {"op": "create-book", "name": "Work"}                                 -> {"uid": ...}
  {"op": "remove-book", "book": UID}                                    -> {}
t0 is the wall-clock time just before the change was asked for, to measure how fast it arrives elsewhere.
"""
import json
import sys
import time

import gi

gi.require_version("EBook", "1.2")
gi.require_version("EBookContacts", "1.2")
gi.require_version("EDataServer", "1.2")
from gi.repository import EBook, EBookContacts, EDataServer  # noqa: E402

# connect_sync waits its whole timeout with a positive value and hangs with 0; this means "do not wait".
NO_WAIT = 0xFFFFFFFF
FLAGS = EBookContacts.BookOperationFlags.NONE

registry = EDataServer.SourceRegistry.new_sync(None)
clients = {}


def client(book_uid):
    if book_uid not in clients:
        source = registry.ref_source(book_uid)
        if source is None:
            raise LookupError("no source " + book_uid)
        clients[book_uid] = EBook.BookClient.connect_sync(source, NO_WAIT, None)
    return clients[book_uid]


def fill(contact, cmd):
    if "name" in cmd:
        contact.set_property("full-name", cmd["name"])
        parts = cmd["name"].split(" ", 1)
        name = EBookContacts.ContactName.new()
        name.given = parts[0]
        name.family = parts[1] if len(parts) > 1 else ""
        contact.set_property("name", name)
    if "tel" in cmd:
        contact.set_property("mobile-phone", cmd["tel"])


def run(cmd):
    op = cmd["op"]
    if op == "add":
        contact = EBookContacts.Contact.new()
        fill(contact, cmd)
        t0 = time.time() * 1000
        ok, uid = client(cmd["book"]).add_contact_sync(contact, FLAGS, None)
        return {"uid": uid, "t0": t0}
    if op == "modify":
        book = client(cmd["book"])
        ok, contact = book.get_contact_sync(cmd["uid"], None)
        fill(contact, cmd)
        t0 = time.time() * 1000
        book.modify_contact_sync(contact, FLAGS, None)
        return {"uid": cmd["uid"], "t0": t0}
    if op == "remove":
        t0 = time.time() * 1000
        client(cmd["book"]).remove_contact_by_uid_sync(cmd["uid"], FLAGS, None)
        return {"uid": cmd["uid"], "t0": t0}
    if op == "create-book":
        source = EDataServer.Source.new(None, None)
        source.set_display_name(cmd["name"])
        source.set_parent("local-stub")
        source.get_extension(EDataServer.SOURCE_EXTENSION_ADDRESS_BOOK).set_backend_name("local")
        registry.commit_source_sync(source, None)
        return {"uid": source.get_uid()}
    if op == "remove-book":
        clients.pop(cmd["book"], None)
        registry.ref_source(cmd["book"]).remove_sync(None)
        return {}
    raise ValueError("unknown op " + op)


print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    if not line.strip():
        continue
    try:
        answer = run(json.loads(line))
    except Exception as err:  # the test reads the reason
        answer = {"error": str(err)}
    print(json.dumps(answer), flush=True)
