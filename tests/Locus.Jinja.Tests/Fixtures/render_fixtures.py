#!/usr/bin/env python3
"""Renders every chat template in templates/ against every scenario in scenarios/ with real Jinja2,
configured the way Hugging Face transformers configures it for apply_chat_template, and writes the
outputs to expected/ so the C# interpreter (Locus.Jinja) can be checked byte for byte.

Environment (mirrors transformers' _compile_jinja_template):
  ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
  filters["tojson"]   = json.dumps(x, ensure_ascii=False, indent=..., separators=..., sort_keys=...)
  globals["raise_exception"](msg) raises TemplateError(msg)
  globals["strftime_now"](fmt) formats a FIXED instant, 2026-01-02 03:04:05 UTC (reproducible output)
  {% generation %} ... {% endgeneration %} renders its body (transformers' AssistantTracker).
Context: the scenario's messages, tools (only when the scenario declares them), add_generation_prompt,
plus the per-template keys in template_context.json (bos_token, eos_token, and any extra variables a
template expects, e.g. firefunction's functions/datetime); "default" applies to templates not listed.

Snippets: snippets.json lists small templates (one language feature each) with their context; their outputs
(or "<ExceptionType>: <message>" errors) go to expected/snippets.json.

Output: expected/<template>.<scenario>.txt holds the rendered text (UTF-8, no newline translation);
when Jinja2 raises, expected/<template>.<scenario>.error.txt holds "<ExceptionType>: <message>" instead.

Rerun:  python3 tests/Locus.Jinja.Tests/Fixtures/render_fixtures.py   (needs python3-jinja2, tested with 3.1.6)
"""
import json
import os
import sys
from datetime import datetime, timezone

import jinja2
from jinja2 import nodes
from jinja2.exceptions import TemplateError
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


class GenerationTag(Extension):
    """transformers' AssistantTracker, reduced to what rendering needs: the body is output unchanged."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(fmt):
    return FIXED_NOW.strftime(fmt)


def make_env():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[GenerationTag, loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def render_snippets(env):
    """snippets.json: small templates exercising one language feature each; outputs go to expected/snippets.json."""
    with open(os.path.join(HERE, "snippets.json"), encoding="utf-8") as f:
        snippets = json.load(f)
    results, errors = {}, 0
    for snippet in snippets:
        try:
            results[snippet["name"]] = {"output": env.from_string(snippet["template"]).render(**snippet["context"])}
        except Exception as e:
            results[snippet["name"]] = {"error": f"{type(e).__name__}: {e}"}
            errors += 1
    with open(os.path.join(HERE, "expected", "snippets.json"), "w", encoding="utf-8", newline="") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return errors


def main():
    env = make_env()
    with open(os.path.join(HERE, "template_context.json"), encoding="utf-8") as f:
        extra = json.load(f)
    templates = sorted(n[: -len(".jinja")] for n in os.listdir(os.path.join(HERE, "templates")) if n.endswith(".jinja"))
    scenarios = sorted(n[: -len(".json")] for n in os.listdir(os.path.join(HERE, "scenarios")) if n.endswith(".json"))
    out_dir = os.path.join(HERE, "expected")
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        os.remove(os.path.join(out_dir, old))
    errors = 0
    for name in templates:
        with open(os.path.join(HERE, "templates", name + ".jinja"), encoding="utf-8", newline="") as f:
            template = env.from_string(f.read())
        for scenario in scenarios:
            with open(os.path.join(HERE, "scenarios", scenario + ".json"), encoding="utf-8") as f:
                context = json.load(f)
            context.update(extra.get(name, extra["default"]))
            try:
                text, suffix = template.render(**context), ".txt"
            except Exception as e:  # recorded: the C# test expects the interpreter to raise as well
                text, suffix = f"{type(e).__name__}: {e}", ".error.txt"
                errors += 1
            with open(os.path.join(out_dir, f"{name}.{scenario}{suffix}"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
    errors += render_snippets(env)
    print(f"{len(templates)} templates x {len(scenarios)} scenarios rendered ({errors} raised) with Jinja2 {jinja2.__version__}")


if __name__ == "__main__":
    sys.exit(main())
