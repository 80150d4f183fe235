#!/usr/bin/env python3
"""Builds taxonomy/technologies.toml, the technology tier of the taxonomy, from O*NET 29.2
Technology Skills and the hand curation in scripts/technologies.curation.toml.

usage: python3 scripts/build_technologies.py [--onet DIR] [--core FILE] [--curation FILE] [--out FILE]

Defaults (relative to the repository root): --onet ../shared/data/onet,
--core taxonomy/skills.toml, --curation scripts/technologies.curation.toml,
--out taxonomy/technologies.toml. Python 3.11+ standard library only; the output depends only
on the inputs (no dates, sorted), so tests/technologies.rs regenerates it and compares.

What it does:
- Each curated product names its O*NET product (`onet`, checked to exist; its commodity code
  gives the category unless the curation sets one) and the O*NET products merged into it
  (`merges`: "Bash" and "UNIX Shell" are shell scripting), or is an addition O*NET lacks.
- The pool of O*NET products it must account for is every product flagged Hot Technology or
  In Demand for a computer or mathematical occupation (SOC 15-*). Each is curated, listed in
  [first_tier] (it is a skill of taxonomy/skills.toml under another name), excluded with a
  reason, or found in skills.toml by its name (then mapped to that skill's id and skipped);
  anything else is an error, so a new O*NET release cannot slip products in unreviewed.
- A technology never shadows the first tier: no id or name may be a first-tier skill's,
  and no alias may be one of skills.toml's ids, names or aliases (case-insensitively, also once spaces, hyphens and dots are removed).
- Ordinary words ([words].common) may never be a case-insensitive alias; as an exact-case
  alias they need `needs_context` (count only in a skills list or beside another skill).
"""
import argparse
import csv
import json
import os
import re
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ONET_FILE = "Technology Skills.txt"
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ABBREVIATION = re.compile(r"^[A-Z0-9][A-Z0-9/.+#-]+$")


class CurationError(Exception):
    pass


def load_toml(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def compact(text):
    """The form detect.rs compares spacing variants by: lower case, no spaces, hyphens, dots, underscores."""
    return re.sub(r"[ \-._]", "", text.lower())


def read_onet(onet_dir):
    """Product name -> its commodity (code, title: the one most of its rows give, the lowest
    code on a tie), and whether it is hot or in demand for an SOC 15-* occupation."""
    products = {}
    with open(os.path.join(onet_dir, ONET_FILE), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            p = products.setdefault(row["Example"].strip(), {"codes": {}, "titles": {}, "pool": False})
            code = row["Commodity Code"]
            p["codes"][code] = p["codes"].get(code, 0) + 1
            p["titles"][code] = row["Commodity Title"]
            hot = row["Hot Technology"] == "Y" or row["In Demand"] == "Y"
            if hot and row["O*NET-SOC Code"].startswith("15-"):
                p["pool"] = True
    for p in products.values():
        p["code"] = min(p["codes"], key=lambda c: (-p["codes"][c], c))
        p["title"] = p["titles"][p["code"]]
    return products


def core_names(core):
    """Every first-tier id, name and alias in lower case -> skill id; and compact forms."""
    names, compacts = {}, {}
    for skill in core["skill"]:
        for text in [skill["id"], skill["name"], *skill.get("aliases", []), *skill.get("exact", [])]:
            names.setdefault(text.lower(), skill["id"])
            if len(compact(text)) >= 6:
                compacts.setdefault(compact(text), skill["id"])
    return names, compacts


def name_forms(product):
    """How an O*NET product name may appear among first-tier aliases: as given, without
    "software", its trailing abbreviation alone or dropped, without the vendor's name."""
    name = re.sub(r"\s+software$", "", product)
    words = name.split()
    forms = [product, name]
    if len(words) > 1 and ABBREVIATION.match(words[-1]):
        forms += [words[-1], " ".join(words[:-1])]
    if len(words) > 1:
        forms.append(" ".join(words[1:]))
        if len(words) > 2 and ABBREVIATION.match(words[-1]):
            forms.append(" ".join(words[1:-1]))
    return [f.lower() for f in forms]


def build(onet_dir, core_path, curation_path):
    onet = read_onet(onet_dir)
    core = load_toml(core_path)
    cur = load_toml(curation_path)
    core_ids = {s["id"] for s in core["skill"]}
    core_lower, core_compact = core_names(core)
    core_display = {s["name"].lower() for s in core["skill"]} | core_ids
    categories = dict(core["categories"])
    new_categories = cur.get("categories", {})
    for cid in new_categories:
        if cid in categories:
            raise CurationError(f"category '{cid}' is already defined in skills.toml")
    categories.update(new_categories)
    commodity = cur.get("commodity", {})
    for code, cat in commodity.items():
        if cat not in categories:
            raise CurationError(f"[commodity] {code}: unknown category '{cat}'")
    common = {w.lower() for w in cur.get("words", {}).get("common", [])}

    def product(name, where):
        if name not in onet:
            raise CurationError(f"{where}: '{name}' is not a product of O*NET {ONET_FILE}")
        return onet[name]

    first_tier = {}
    for name, sid in cur.get("first_tier", {}).items():
        product(name, "[first_tier]")
        if sid not in core_ids:
            raise CurationError(f"[first_tier] '{name}': '{sid}' is not a skill of skills.toml")
        first_tier[name] = sid
    excluded = {}
    for name, reason in cur.get("exclude", {}).items():
        product(name, "[exclude]")
        if not reason.strip():
            raise CurationError(f"[exclude] '{name}' gives no reason")
        excluded[name] = reason

    skills, seen_ids, alias_owner, curated_onet = [], set(), {}, set()
    for entry in cur.get("products", {}).get("list", []):
        sid = entry.get("id", "")
        where = f"product '{sid}'"
        unknown = set(entry) - {"id", "name", "onet", "category", "aliases", "exact", "needs_context", "implies",
                                "core_overlap", "merges"}
        if unknown:
            raise CurationError(f"{where}: unknown field(s) {sorted(unknown)}")
        if not KEBAB.match(sid):
            raise CurationError(f"{where}: id is not kebab-case")
        if sid in core_ids:
            raise CurationError(f"{where}: the id is a skill of skills.toml; list the product under [first_tier]")
        if sid in seen_ids:
            raise CurationError(f"{where}: defined twice")
        seen_ids.add(sid)
        name = entry.get("name") or ""
        if not name:
            raise CurationError(f"{where}: no name")
        source = None
        if "merges" in entry and "onet" not in entry:
            raise CurationError(f"{where}: merges O*NET products but names no onet product")
        if "onet" in entry:
            source = entry["onet"]
            p = product(source, where)
            if source in curated_onet:
                raise CurationError(f"{where}: O*NET product '{source}' is curated twice")
            if source in excluded or source in first_tier:
                raise CurationError(f"{where}: O*NET product '{source}' is also excluded or mapped to the first tier")
            curated_onet.add(source)
            overlap = next((core_lower[f] for f in name_forms(source) if f in core_lower), None)
            if overlap != entry.get("core_overlap"):
                raise CurationError(
                    f"{where}: the O*NET name '{source}' is in skills.toml as '{overlap}'; set core_overlap = "
                    f"\"{overlap}\" and claim only names that skills.toml does not"
                    if overlap
                    else f"{where}: core_overlap is set but '{source}' is not in skills.toml"
                )
            category = entry.get("category") or commodity.get(p["code"])
            if not category:
                raise CurationError(f"{where}: commodity {p['code']} ({p['title']}) maps to no category; set one")
            source = (source, p["code"], p["title"])
        else:
            category = entry.get("category")
            if not category:
                raise CurationError(f"{where}: an addition (no onet) needs a category")
        if category not in categories:
            raise CurationError(f"{where}: unknown category '{category}'")
        merges = entry.get("merges", [])
        for merged in merges:
            product(merged, f"{where} merges")
            if merged in curated_onet or merged in excluded or merged in first_tier:
                raise CurationError(f"{where}: O*NET product '{merged}' is curated twice")
            curated_onet.add(merged)
        aliases, exact = entry.get("aliases", []), entry.get("exact", [])
        needs_context = entry.get("needs_context", False)
        if not aliases and not exact:
            raise CurationError(f"{where}: no alias")
        if needs_context and not exact:
            raise CurationError(f"{where}: needs_context applies to exact aliases, and there are none")
        if name.lower() in core_display:
            raise CurationError(f"{where}: the name '{name}' is a skill of skills.toml")
        for alias in [*aliases, *exact]:
            low = alias.lower()
            if low in core_lower:
                raise CurationError(
                    f"{where}: '{alias}' is '{core_lower[low]}' in skills.toml; a technology may not claim it"
                )
            if len(compact(alias)) >= 6 and compact(alias) in core_compact:
                raise CurationError(
                    f"{where}: '{alias}' is a spacing variant of '{core_compact[compact(alias)]}' in skills.toml"
                )
        for alias in aliases:
            if alias.lower() in common:
                raise CurationError(f"{where}: '{alias}' is an ordinary word; make it an exact alias with needs_context")
        for alias in exact:
            if alias.lower() in common and not needs_context:
                raise CurationError(f"{where}: '{alias}' is an ordinary word; it needs needs_context = true")
        for alias in [*aliases, *exact]:
            owner = alias_owner.setdefault(alias.lower(), sid)
            if owner != sid:
                raise CurationError(f"{where}: alias '{alias}' is also claimed by '{owner}'")
        skills.append(
            {
                "id": sid,
                "name": name,
                "category": category,
                "aliases": aliases,
                "exact": exact,
                "needs_context": needs_context,
                "implies": entry.get("implies", []),
                "source": source,
                "merges": merges,
            }
        )
    for s in skills:
        for implied in s["implies"]:
            if (implied not in seen_ids and implied not in core_ids) or implied == s["id"]:
                raise CurationError(f"product '{s['id']}': implies '{implied}', which is neither a technology nor a skill of skills.toml")

    # The O*NET pool: every product must be accounted for.
    mapped, undecided = dict(first_tier), []
    for name in sorted(n for n, p in onet.items() if p["pool"]):
        if name in curated_onet or name in excluded or name in first_tier:
            continue
        hit = next((core_lower[f] for f in name_forms(name) if f in core_lower), None)
        if hit:
            mapped[name] = hit
        else:
            undecided.append(name)
    if undecided:
        raise CurationError(
            "O*NET hot technologies neither curated, mapped to the first tier nor excluded: " + "; ".join(undecided)
        )
    order = {c: i for i, c in enumerate(categories)}
    skills.sort(key=lambda s: (order[s["category"]], s["id"]))
    pool = [n for n, p in onet.items() if p["pool"]]
    counts = {
        "pool": len(pool),
        "curated": sum(1 for n in pool if n in curated_onet),
        "mapped": sum(1 for n in pool if n in mapped),
        "excluded": sum(1 for n in pool if n in excluded),
    }
    return render(skills, new_categories, mapped, counts)


def q(text):
    return json.dumps(text, ensure_ascii=False)


def qlist(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def render(skills, new_categories, mapped, counts):
    from_onet = sum(1 for s in skills if s["source"])
    out = [
        "# GENERATED by scripts/build_technologies.py from O*NET 29.2 Technology Skills and",
        "# scripts/technologies.curation.toml. Do not edit: change the curation and run",
        "#     python3 scripts/build_technologies.py",
        "# (tests/technologies.rs fails when this file differs from the generator's output).",
        "#",
        "# Contains data from the O*NET 29.2 Database, U.S. Department of Labor, Employment and",
        "# Training Administration (USDOL/ETA), CC BY 4.0 (https://www.onetcenter.org/license_db.html),",
        "# modified: products selected, renamed, merged, given aliases and mapped to our categories.",
        "#",
        "# The technology tier: tools a resume names, reported in skills[] with tier = \"technology\",",
        "# never required by a role. Format: see taxonomy/README.md.",
        f"# {len(skills)} technologies: {from_onet} from O*NET products, {len(skills) - from_onet} additions O*NET lacks.",
        f"# Of O*NET's {counts['pool']} hot or in-demand technologies of computer and mathematical occupations,",
        f"# {counts['curated']} are here, {counts['mapped']} are skills of skills.toml and {counts['excluded']} are excluded",
        "# (reasons in the curation file). O*NET products that are skills of skills.toml, by id:",
    ]
    by_id = {}
    for name, sid in mapped.items():
        by_id.setdefault(sid, []).append(name)
    line = "#"
    for sid in sorted(by_id):
        item = f" {sid}: {', '.join(sorted(by_id[sid], key=str.lower))};"
        if len(line) + len(item) > 100 and line != "#":
            out.append(line)
            line = "#"
        line += item
    if line != "#":
        out.append(line)
    out += ["", "[categories]"]
    out += [f"{q(cid)} = {q(name)}" for cid, name in new_categories.items()]
    for s in skills:
        out.append("")
        if s["source"]:
            name, code, title = s["source"]
            out.append(f"# O*NET: {name} ({code} {title})")
            if s["merges"]:
                out.append(f"# merged: {'; '.join(s['merges'])}")
        else:
            out.append("# addition: not in O*NET")
        out += [
            "[[skill]]",
            f"id = {q(s['id'])}",
            f"name = {q(s['name'])}",
            f"category = {q(s['category'])}",
            f"aliases = {qlist(s['aliases'])}",
            f"exact = {qlist(s['exact'])}",
            f"needs_context = {'true' if s['needs_context'] else 'false'}",
            "fuzzy = false",
            f"implies = {qlist(s['implies'])}",
        ]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--onet", default=os.path.join(ROOT, "..", "shared", "data", "onet"))
    ap.add_argument("--core", default=os.path.join(ROOT, "taxonomy", "skills.toml"))
    ap.add_argument("--curation", default=os.path.join(ROOT, "scripts", "technologies.curation.toml"))
    ap.add_argument("--out", default=os.path.join(ROOT, "taxonomy", "technologies.toml"))
    args = ap.parse_args()
    try:
        text = build(args.onet, args.core, args.curation)
    except (CurationError, OSError, tomllib.TOMLDecodeError, KeyError) as e:
        print(f"build_technologies: {e}", file=sys.stderr)
        return 1
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
