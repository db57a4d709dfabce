#!/usr/bin/env python3
"""Regenerates tests/corpus/broken/: scenario files that are each wrong in one way.

Each file starts with "# expect: CODE@LINE:COL" (or just CODE), the problem the loader must report
and where it is. Positions are computed here from the text, independently of the loader. For the
YAML syntax error the position is the parser's own (yaml-cpp reports where it gave up).
Run from anywhere: python3 tests/corpus/make_broken.py
"""
import os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "broken"))

BASE = """format: 1
id: corpus-base
title: Corpus base
customer:
  name: Ana Lopez
  mood: 40
start: hello
nodes:
  - id: hello
    say:
      - text: Where is my parcel?
        emotion: angry
    choices:
      - text: I'm sorry. When did you order it?
        next: details
        mood: +10
        tags: [apologise, ask_question]
        feedback: An apology and a question.
      - text: Not my department.
        next: gone
        mood: -20
        tags: [brush_off]
        feedback: A brush-off.
  - id: details
    say:
      - text: Last Monday.
        emotion: upset
    choices:
      - text: I'll send a new one today by courier, or refund you. Which would you prefer?
        next: fixed
        mood: +20
        tags: [offer_choice]
        feedback: A choice of remedies.
      - text: It will turn up.
        next: gone
        mood: -10
        tags: [dismiss]
        feedback: Playing it down.
endings:
  - id: fixed
    type: recovered
    title: Fixed
  - id: gone
    type: lost
    title: Gone
"""
def pos(text, needle, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    return line, col

files = {}
def expect(name, body, code, at=None, nth=0):
    if at is not None:
        l, c = pos(body, at, nth)
        head = f"# expect: {code}@{l+1}:{c}\n"   # +1: the header line itself
    else:
        head = f"# expect: {code}\n"
    files[name] = head + body

def mut(name, old, new, code, at=None, nth=0):
    assert old in BASE, old
    expect(name, BASE.replace(old, new, 1), code, at, nth)

mut("unknown-key-typo", "    choices:\n      - text: I'm", "    chioces:\n      - text: I'm", "unknown-key", at="chioces")
mut("wrong-type-mood", "  mood: 40", "  mood: abc", "wrong-type", at="abc")
mut("wrong-type-choice-mood", "mood: +10", "mood: lots", "wrong-type", at="lots")
mut("out-of-range-choice-mood", "mood: +20", "mood: +250", "out-of-range", at="+250")
mut("out-of-range-patience", "  mood: 40", "  mood: 40\n  patience: 99\n  walkout: gone", "out-of-range", at="99")
mut("dangling-next", "next: fixed", "next: fixd", "unknown-target", at="fixd")
mut("duplicate-node-id", "  - id: details", "  - id: hello", "duplicate-id", at="hello\n    say:\n      - text: Last")
mut("duplicate-ending-id", "  - id: gone\n    type: lost", "  - id: fixed\n    type: lost", "duplicate-id", at="fixed\n    type: lost")
mut("duplicate-choice-id", "      - text: It will", "      - id: hello#1\n        text: It will", "duplicate-id", at="hello#1")
mut("unknown-tag", "[offer_choice]", "[offer_choise]", "unknown-tag", at="offer_choise")
mut("unknown-emotion", "emotion: upset", "emotion: livid", "unknown-emotion", at="livid")
mut("bad-ending-type", "type: recovered", "type: recoverd", "bad-value", at="recoverd")
mut("duplicate-key", "  mood: 40", "  mood: 40\n  mood: 45", "duplicate-key", at="mood: 45")
mut("patience-without-walkout", "  mood: 40", "  mood: 40\n  patience: 2", "missing-walkout", at="2\n")
mut("timer-without-timeout", "    choices:\n      - text: I'm", "    timer: 10\n    choices:\n      - text: I'm", "timer-without-timeout", at="10\n")
mut("bad-start", "start: hello", "start: helo", "unknown-target", at="helo")
mut("missing-required", "title: Corpus base\n", "", "missing-field", at="format")
mut("nodes-not-list", BASE[BASE.index("nodes:"):BASE.index("endings:")], "nodes: hello\n", "wrong-type", at="hello\nendings")
mut("tab-indent", "    say:\n      - text: Where", "\tsay:\n      - text: Where", "tab-indent", at="\tsay")
mut("yaml-syntax-unclosed-flow", "tags: [apologise, ask_question]", "tags: [apologise, ask_question", "yaml-syntax")
island = """  - id: island
    say:
      - text: Nobody gets here.
    choices:
      - text: One.
        next: fixed
        feedback: One.
      - text: Two.
        next: gone
        feedback: Two.
endings:
"""
mut("unreachable-node", "endings:\n", island, "unreachable", at="island")
loop = """  - id: loop
    say:
      - text: Round and round.
    choices:
      - text: Again.
        next: loop
        feedback: Again.
      - text: Wait.
        next: loop
        feedback: Wait.
endings:
"""
body = BASE.replace("        next: fixed\n", "        next: loop\n", 1).replace("endings:\n", loop, 1)
expect("dead-end-loop", body, "dead-end", at="loop\n    say")
body = BASE.replace("  - id: details\n", "  - id: details\n    mood_routes:\n      - below: 50\n        next: hello\n", 1)
body = body.replace("  - id: hello\n", "  - id: hello\n    mood_routes:\n      - below: 30\n        next: details\n", 1)
expect("mood-route-loop", body, "route-loop", at="details\n    say")

files["top-level-list"] = "# expect: wrong-type@2:1\n- format: 1\n- id: x\n"
files["scalar-top-level"] = "# expect: wrong-type@2:1\njust a sentence\n"
files["comments-only"] = "# expect: empty\n# nothing but comments\n"
files["deep-nesting"] = "# expect: too-deep@2:71\nnodes: " + "[" * 2000 + "\n"
bomb = 'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
prev = "a"
for n in "bcdefghi":
    bomb += f"{n}: &{n} [" + ",".join(["*" + prev] * 9) + "]\n"
    prev = n
files["alias-bomb"] = "# expect: too-large@16:8\n" + bomb + "format: 1\nid: bomb\ntitle: Bomb\ncustomer: {name: A}\nstart: n\nnodes: *i\nendings: *i\n"
ch = 'spare: &c {text: Hi, next: e, tags: [apologise], feedback: F}\n'
files["alias-budget"] = ("# expect: too-large\nformat: 1\nid: budget\ntitle: Budget\ncustomer: {name: A}\nstart: n\n" + ch +
    "nodes:\n  - &n {id: n, choices: [" + ",".join(["*c"] * 500) + "]}\n" + "  - *n\n" * 2000 +
    "endings: [{id: e, type: recovered, title: T}]\n")
files["self-alias"] = "# expect: wrong-type@7:8\nformat: 1\nid: self\ntitle: Self\ncustomer: {name: A}\nstart: n\nnodes: &x [*x]\nendings: &y [*y]\n"
files["huge-string"] = "# expect: wrong-type@2:8\ntitle: [" + "x" * 30000 + "]\n"
# yaml-cpp gives up on the unclosed "[" at the next key, line 19; the loader reports the bracket.
files["yaml-syntax-unclosed-flow"] = files["yaml-syntax-unclosed-flow"].replace("# expect: yaml-syntax\n", "# expect: yaml-syntax@18:15\n", 1)
for name, body in files.items():
    open(name + ".yaml", "w").write(body)
open("empty.yaml", "w").write("")
open("binary-garbage.yaml", "wb").write(b"# expect: binary@2:4\nid:\x00\x01\x02\xff\xfe garbage\n")
open("invalid-utf8.yaml", "wb").write(b"# expect: encoding@2:8\ntitle: \xc3\x28 broken\n")
open("control-chars.yaml", "wb").write(b"# expect: binary@2:5\ntitl\x07e: x\n")
