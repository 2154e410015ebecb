#!/usr/bin/env python3
"""Extracts the conversion cases from llama.cpp's tests/test-json-schema-to-grammar.cpp into llama-cases.json.

Usage: extract_cases.py <llama.cpp source root> > llama-cases.json
Each case: name, status (SUCCESS/FAILURE), schema (the JSON text) and grammar (the expected GBNF, lines trimmed).
"""
import json
import re
import sys

source = open(sys.argv[1] + "/tests/test-json-schema-to-grammar.cpp", encoding="utf-8").read()
# Only the table inside test_all(); the hand-built cases after main() use the builder API, not a schema.
body = source[source.index("static void test_all"):source.index("int main()")]
# A schema or grammar is a raw string R"""(...)""" or, for short ones, a plain "..." literal.
text = r'(?:R"""\((.*?)\)"""|"((?:[^"\\]|\\.)*)")'
case_re = re.compile(r'test\(\{\s*(SUCCESS|FAILURE),\s*"((?:[^"\\]|\\.)*)",\s*' + text + r',\s*' + text + r'\s*\}\);', re.S)


def unescape(s):
    return s.encode().decode("unicode_escape")


cases = []
for m in case_re.finditer(body):
    status, name, raw_schema, plain_schema, raw_grammar, plain_grammar = m.groups()
    schema = raw_schema if raw_schema is not None else unescape(plain_schema)
    grammar = raw_grammar if raw_grammar is not None else unescape(plain_grammar)
    lines = [line.strip() for line in grammar.strip().splitlines()]
    cases.append({"name": unescape(name), "status": status,
                  "schema": schema.strip(), "grammar": [line for line in lines if line]})
expected = body.count("    test({")
if len(cases) != expected:
    sys.exit(f"parsed {len(cases)} of {expected} cases")
json.dump(cases, sys.stdout, indent=2, ensure_ascii=False)
sys.stdout.write("\n")
