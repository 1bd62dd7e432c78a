"""The peer for reading IATI activity XML: Python's standard library
streaming the same file (ElementTree.iterparse), counting the activities
and the distinct participating organisations. It builds no graph, so it is
a floor for what any Python reader of the file pays, not a like-for-like
tool. Prints: seconds activities organisations.

Usage: python3 scripts/peer_iati.py FILE.xml
"""

import sys
import time
import xml.etree.ElementTree as ET


def main(path):
    t = time.perf_counter()
    activities, orgs = 0, set()
    for _, el in ET.iterparse(path):
        if el.tag == "participating-org":
            orgs.add(el.get("ref") or (el.findtext("narrative") or ""))
        elif el.tag == "iati-activity":
            activities += 1
            el.clear()
    print(f"{time.perf_counter() - t:.3f} {activities} {len(orgs)}")


if __name__ == "__main__":
    main(sys.argv[1])
