#!/usr/bin/env python3
"""Turns one recorded request (recorder.py's JSON) into a structure-only fixture: every prompt, system text, tool and
parameter description becomes a short neutral placeholder; ids and uuids become fixed fake ones; field names, nesting,
types, counts, enum values, tool names, headers' names, query and numbers stay. Usage: sanitize.py RECORDED OUT."""
import json, re, sys

TEXT_KEYS = {"text", "description", "instructions", "title"}
SECRET_HEADERS = {"authorization", "x-api-key", "cookie"}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HEX = re.compile(r"\b[0-9a-f]{32,}\b")
ids = {}

def fake_uuid(m):
    return ids.setdefault(m.group(0), f"00000000-0000-4000-8000-{len(ids) + 1:012d}")

def scrub_ids(s):
    return HEX.sub(lambda m: "0" * len(m.group(0)), UUID.sub(fake_uuid, s))

def walk(o, key, counter):
    if isinstance(o, dict):
        return {k: walk(v, k, counter) for k, v in o.items()}
    if isinstance(o, list):
        return [walk(v, key, counter) for v in o]
    if isinstance(o, str):
        if key in TEXT_KEYS and o != "say hi":
            counter[0] += 1
            return f"Placeholder {key} {counter[0]}."
        if o.startswith("{") and o.endswith("}"):  # JSON carried as a string (metadata.user_id, turn metadata)
            try:
                return json.dumps(walk(json.loads(o), key, counter), separators=(",", ":"))
            except ValueError:
                pass
        return scrub_ids(o)
    return o

def main(src, dst):
    e = json.load(open(src))
    counter = [0]
    headers = {k: ("<redacted>" if k in SECRET_HEADERS else walk(v, k, counter)) for k, v in e["headers"].items()
               if k not in ("host", "content-length")}
    out = {"method": e["method"], "path": e["path"], "query": e["query"], "headers": headers, "body": walk(e["body"], None, counter)}
    json.dump(out, open(dst, "w"), indent=1, ensure_ascii=False)
    open(dst, "a").write("\n")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
