"""Build each addon's README.rst and static/description/index.html from its
readme/*.md fragments (a small stand-in for oca-gen-addon-readme).

Run: python scripts/gen_readme.py          (writes them)
     python scripts/gen_readme.py --check  (fails when one is not what it would write)
"""

import ast
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def inline_html(text):
    text = html.escape(text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)


def inline_rst(text):
    return re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)


def blocks(markdown):
    """Yield (kind, payload): ("p", text), ("ul", [items]), ("code", text)."""
    para, items, code = [], [], None
    for line in markdown.splitlines():
        if code is not None:
            if line.startswith("```"):
                yield "code", "\n".join(code)
                code = None
            else:
                code.append(line)
            continue
        if line.startswith("```") or line.startswith("- ") or not line.strip():
            if para:
                yield "p", " ".join(para)
                para = []
        if line.startswith("```") or (not line.startswith("- ") and not line.startswith("  ")):
            if items:
                yield "ul", items
                items = []
        if line.startswith("```"):
            code = []
        elif line.startswith("- "):
            items.append(line[2:].strip())
        elif line.startswith("  ") and items:
            items[-1] += " " + line.strip()
        elif line.strip():
            para.append(line.strip())
    if para:
        yield "p", " ".join(para)
    if items:
        yield "ul", items


def to_html(markdown):
    out = []
    for kind, payload in blocks(markdown):
        if kind == "p":
            out.append(f"<p>{inline_html(payload)}</p>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in payload) + "</ul>")
        else:
            out.append(f"<pre><code>{html.escape(payload)}</code></pre>")
    return "\n".join(out)


def to_rst(markdown):
    out = []
    for kind, payload in blocks(markdown):
        if kind == "p":
            out.append(inline_rst(payload))
        elif kind == "ul":
            out.append("\n".join(f"- {inline_rst(i)}" for i in payload))
        else:
            body = "\n".join(f"    {line}" if line else "" for line in payload.splitlines())
            out.append(f".. code-block:: python\n\n{body}")
    return "\n\n".join(out)


def generate():
    """{path: text} of every generated file."""
    out = {}
    for manifest in sorted(ROOT.glob("*/__manifest__.py")):
        addon = manifest.parent
        meta = ast.literal_eval(manifest.read_text().split("\n", 2)[2])
        name, summary = meta["name"], meta["summary"]
        body = [f"<h1>{html.escape(name)}</h1>", f"<p><em>{html.escape(summary)}</em></p>"]
        rst = ["=" * len(name), name, "=" * len(name), "", f"*{summary}*", ""]
        for fname, title in SECTIONS:
            fragment = addon / "readme" / fname
            if not fragment.exists():
                continue
            if title:
                body.append(f"<h2>{title}</h2>")
                rst += [title, "=" * len(title), ""]
            body.append(to_html(fragment.read_text()))
            rst += [to_rst(fragment.read_text()), ""]
        body.append(f"<p>License: {meta['license']}</p>")
        rst += ["License", "=======", "", meta["license"], ""]
        page = (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>'
            f"<title>{html.escape(name)}</title></head>\n"
            '<body style="font-family: sans-serif; max-width: 60em; margin: auto">\n'
            + "\n".join(body)
            + "\n</body></html>\n"
        )
        out[addon / "static" / "description" / "index.html"] = page
        out[addon / "README.rst"] = "\n".join(rst)
    return out


def main(check=False):
    stale = []
    for path, text in generate().items():
        if path.exists() and path.read_text() == text:
            continue
        if check:
            stale.append(str(path.relative_to(ROOT)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        sys.exit(
            "generated from readme/*.md, not up to date: "
            + ", ".join(stale)
            + "\nFix: python scripts/gen_readme.py (edit the readme/*.md fragments, "
            "never README.rst or static/description/index.html)"
        )
    if check:
        print("README: every generated README.rst and index.html up to date")


if __name__ == "__main__":
    main(check="--check" in sys.argv[1:])
