#!/usr/bin/env python3
"""Writes a large synthetic IATI 2.03 activity file, for measuring
`coopgraph import --from iati` and `--data FILE.xml` (docs/performance.md).

    scripts/iati_big.py OUT.xml [MEGABYTES]     # default 100

The records are shaped like real ones (English and French narratives,
participating organisations with and without refs, recipient countries,
budgets, a dozen transactions, parent activities) but every organisation
and activity is invented ("Generated organisation 17"); the file is not
data and is not committed. Seeded, so the same size gives the same bytes.
"""
import random
import sys

COUNTRIES = ["BF", "BO", "CI", "KH", "ML", "NI", "VN", "KE", "LR", "RS", "TR", "UA",
             "MD", "GE", "AL", "BA", "MK", "ME", "XK", "ET", "TZ", "UG", "ZA", "IN"]
ORG_TYPES = ["10", "11", "15", "21", "22", "40", "60", "70", "80", "90"]


def org(rng, n_orgs, role):
    k = rng.randrange(n_orgs)
    t = ORG_TYPES[k % len(ORG_TYPES)]
    ref = f' ref="XX-GEN-{k}"' if k % 3 else ""
    return (f'  <participating-org{ref} role="{role}" type="{t}">'
            f'<narrative xml:lang="en">Generated organisation {k}</narrative>'
            f'<narrative xml:lang="fr">Organisation générée {k}</narrative></participating-org>\n'), k


def activity(rng, i, n_orgs):
    ident = f"XX-GEN-1-{i:07d}"
    year = 2000 + i % 24
    parts = [
        f' <iati-activity last-updated-datetime="2024-01-01T00:00:00Z" xml:lang="en" default-currency="EUR">\n',
        f"  <iati-identifier>{ident}</iati-identifier>\n",
        '  <reporting-org ref="XX-GEN-1" type="10"><narrative>Generated publisher</narrative></reporting-org>\n',
        f'  <title><narrative>Generated activity {i}</narrative>'
        f'<narrative xml:lang="fr">Activité générée {i}</narrative></title>\n',
        f"  <description type=\"1\"><narrative>A generated activity, number {i}, for measuring the reader; "
        + "it describes nothing. " * 8 + "</narrative></description>\n",
        '  <participating-org ref="XX-GEN-1" role="1" type="10"><narrative>Generated publisher</narrative></participating-org>\n',
    ]
    implementers = []
    for role in ["4", "4", "4", "2", "3"]:
        text, k = org(rng, n_orgs, role)
        parts.append(text)
        if role == "4":
            implementers.append(k)
    parts += [
        '  <activity-status code="2"/>\n',
        f'  <activity-date iso-date="{year}-01-15" type="1"/>\n',
        f'  <activity-date iso-date="{year}-02-01" type="2"/>\n',
        f'  <activity-date iso-date="{year + 3}-12-31" type="3"/>\n',
    ]
    for c in rng.sample(COUNTRIES, 3):
        parts.append(f'  <recipient-country code="{c}" percentage="33.3"/>\n')
    parts.append('  <recipient-region code="298" vocabulary="1" percentage="0.1"/>\n')
    for y in range(3):
        parts.append(f'  <budget type="1" status="2"><period-start iso-date="{year + y}-01-01"/>'
                     f'<period-end iso-date="{year + y}-12-31"/>'
                     f'<value currency="EUR" value-date="{year}-01-01">{rng.randrange(10**5, 10**7)}</value></budget>\n')
    parts.append(f'  <transaction><transaction-type code="2"/><transaction-date iso-date="{year}-02-01"/>'
                 f'<value value-date="{year}-02-01">{rng.randrange(10**6, 10**8)}</value></transaction>\n')
    for t in range(12):
        k = implementers[t % len(implementers)]
        ref = f' ref="XX-GEN-{k}"' if k % 3 else ""
        day = f"{year + t // 4}-{1 + (t * 3) % 12:02d}-{1 + t:02d}"
        parts.append(
            f'  <transaction><transaction-type code="3"/><transaction-date iso-date="{day}"/>'
            f'<value value-date="{day}">{rng.randrange(1000, 10**6)}.{rng.randrange(100):02d}</value>'
            f'<provider-org ref="XX-GEN-1"><narrative>Generated publisher</narrative></provider-org>'
            f'<receiver-org{ref}><narrative>Generated organisation {k}</narrative></receiver-org></transaction>\n')
    if i % 10:
        parts.append(f'  <related-activity ref="XX-GEN-1-{i - i % 10:07d}" type="1"/>\n')
    parts.append(" </iati-activity>\n")
    return "".join(parts)


def main():
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 100
    limit = int(megabytes * 1_000_000)
    rng = random.Random(13)
    n_orgs = 5000
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        head = '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n'
        f.write(head)
        written += len(head.encode())
        i = 0
        while written < limit:
            a = activity(rng, i, n_orgs)
            f.write(a)
            written += len(a.encode())
            i += 1
        f.write("</iati-activities>\n")
    print(f"{out}: {i} activities, {written / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
