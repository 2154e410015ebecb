#!/usr/bin/env python3
"""Records every request (method, path, query, headers with auth redacted, body) as one JSON file each and answers
minimally: Anthropic messages -> a short text reply (SSE when streamed), count_tokens -> a fixed count, Responses -> a
short text reply. Never returns tool calls."""
import json, os, sys, time, itertools
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qsl

OUT = sys.argv[2] if len(sys.argv) > 2 else "rec"
os.makedirs(OUT, exist_ok=True)
seq = itertools.count(1)
SECRET = {"authorization", "x-api-key", "cookie", "proxy-authorization"}

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def record(self):
        n = self.headers.get("content-length")
        body = self.rfile.read(int(n)) if n else b""
        u = urlsplit(self.path)
        try: parsed = json.loads(body) if body else None
        except Exception: parsed = body.decode("utf-8", "replace")
        entry = {"n": next(seq), "method": self.command, "path": u.path, "query": dict(parse_qsl(u.query, keep_blank_values=True)),
                 "headers": {k.lower(): ("<redacted>" if k.lower() in SECRET else v) for k, v in self.headers.items()},
                 "body": parsed}
        with open(os.path.join(OUT, f"{entry['n']:03d}-{self.command}-{u.path.strip('/').replace('/', '_')}.json"), "w") as f:
            json.dump(entry, f, indent=1)
        return u.path, parsed
    def send(self, code, obj, ctype="application/json"):
        data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
        self.send_response(code); self.send_header("content-type", ctype); self.send_header("content-length", str(len(data)))
        self.end_headers(); self.wfile.write(data)
    def do_HEAD(self): self.record(); self.send_response(200); self.send_header("content-length", "0"); self.end_headers()
    def do_GET(self):
        path, _ = self.record()
        if path.endswith("/models"):
            self.send(200, {"object": "list", "data": [{"type": "model", "id": "recorder-model", "object": "model", "display_name": "Recorder", "created_at": "2025-01-01T00:00:00Z"}], "has_more": False})
        else: self.send(404, {"type": "error", "error": {"type": "not_found_error", "message": "not recorded"}})
    def do_POST(self):
        path, body = self.record()
        body = body if isinstance(body, dict) else {}
        if path.endswith("/messages/count_tokens"): return self.send(200, {"input_tokens": 10})
        if path.endswith("/messages"): return self.anthropic(body)
        if path.endswith("/responses"): return self.openai_responses(body)
        self.send(404, {"error": {"message": "not recorded", "type": "invalid_request_error"}})
    def sse(self, events):
        data = b"".join((f"event: {e}\n" if e else "").encode() + b"data: " + json.dumps(d).encode() + b"\n\n" for e, d in events)
        self.send(200, data, "text/event-stream")
    def anthropic(self, body):
        model = body.get("model", "m")
        msg = {"id": "msg_rec", "type": "message", "role": "assistant", "model": model, "content": [], "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 10, "output_tokens": 0}}
        if not body.get("stream"):
            msg.update(content=[{"type": "text", "text": "hi"}], stop_reason="end_turn", usage={"input_tokens": 10, "output_tokens": 1})
            return self.send(200, msg)
        self.sse([("message_start", {"type": "message_start", "message": msg}),
                  ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
                  ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "hi"}}),
                  ("content_block_stop", {"type": "content_block_stop", "index": 0}),
                  ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None}, "usage": {"output_tokens": 1}}),
                  ("message_stop", {"type": "message_stop"})])
    def openai_responses(self, body):
        now = int(time.time()); model = body.get("model", "m")
        item = {"id": "msg_rec", "type": "message", "role": "assistant", "status": "completed", "content": [{"type": "output_text", "text": "hi", "annotations": []}]}
        resp = {"id": "resp_rec", "object": "response", "created_at": now, "status": "completed", "model": model, "output": [item],
                "usage": {"input_tokens": 10, "output_tokens": 1, "total_tokens": 11, "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 0}}}
        if not body.get("stream"): return self.send(200, resp)
        start = dict(resp, status="in_progress", output=[], usage=None)
        part = {"type": "output_text", "text": "", "annotations": []}
        self.sse([("response.created", {"type": "response.created", "sequence_number": 0, "response": start}),
                  ("response.output_item.added", {"type": "response.output_item.added", "sequence_number": 1, "output_index": 0, "item": dict(item, status="in_progress", content=[])}),
                  ("response.content_part.added", {"type": "response.content_part.added", "sequence_number": 2, "item_id": "msg_rec", "output_index": 0, "content_index": 0, "part": part}),
                  ("response.output_text.delta", {"type": "response.output_text.delta", "sequence_number": 3, "item_id": "msg_rec", "output_index": 0, "content_index": 0, "delta": "hi"}),
                  ("response.output_text.done", {"type": "response.output_text.done", "sequence_number": 4, "item_id": "msg_rec", "output_index": 0, "content_index": 0, "text": "hi"}),
                  ("response.content_part.done", {"type": "response.content_part.done", "sequence_number": 5, "item_id": "msg_rec", "output_index": 0, "content_index": 0, "part": dict(part, text="hi")}),
                  ("response.output_item.done", {"type": "response.output_item.done", "sequence_number": 6, "output_index": 0, "item": item}),
                  ("response.completed", {"type": "response.completed", "sequence_number": 7, "response": resp})])

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
