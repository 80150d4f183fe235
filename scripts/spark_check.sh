#!/usr/bin/env bash
# Proves the README's Spark example: `rdd.pipe("gap-check - ...")` in Spark local mode gives,
# record for record, the reports of a direct `gap-check - --format ndjson` run.
#
#   bash scripts/spark_check.sh            (GAP_CHECK_BIN=... to use another binary)
#
# Installs what is missing: a headless JRE from Debian's packages and pyspark from PyPI
# (about 400 MB). The input is every text and Markdown resume under fixtures/ as NDJSON
# records {"id", "text"}, split into several partitions so that several gap-check processes
# each take a share. Exits 1 if any record differs.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${GAP_CHECK_BIN:-target/debug/gap-check}
if [ ! -x "$BIN" ]; then
  cargo build --quiet
fi
BIN=$(realpath "$BIN")

if ! command -v java >/dev/null 2>&1; then
  echo "spark_check: installing a headless JRE from Debian's packages..." >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! python3 -c "import pyspark" >/dev/null 2>&1; then
  echo "spark_check: installing pyspark from PyPI..." >&2
  python3 -m pip install --quiet --disable-pip-version-check pyspark
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The records: one per fixture text/Markdown resume, in sorted order.
python3 - "$WORK/texts.ndjson" <<'EOF'
import json, sys
from pathlib import Path
files = sorted(p for d in ("fixtures/resumes", "fixtures/eval", "fixtures/holdout")
               for p in Path(d).iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for p in files:
        out.write(json.dumps({"id": str(p), "text": p.read_text(encoding="utf-8", errors="replace")}) + "\n")
EOF

COMMAND="$BIN - --target lead-ml --format ndjson --as-of 2026-11-01"
$COMMAND <"$WORK/texts.ndjson" >"$WORK/direct.ndjson" 2>/dev/null

# Local mode, bound to loopback only (by default Spark binds to the host's own address).
export SPARK_LOCAL_IP=127.0.0.1
PYTHONWARNINGS=ignore python3 - "$WORK" "$COMMAND" <<'EOF'
import json, sys
from pyspark.sql import SparkSession

work, command = sys.argv[1], sys.argv[2]
spark = (SparkSession.builder.master("local[2]").appName("gap-check-spark-check")
         .config("spark.sql.files.maxPartitionBytes", "32k")   # several partitions, several processes
         .config("spark.driver.host", "127.0.0.1")
         .config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")

# The README's example, with a local file for the bucket.
texts = spark.read.json(f"{work}/texts.ndjson").select("id", "text").toJSON()
reports = texts.pipe(command)
partitions = reports.getNumPartitions()
via_spark = [json.loads(line) for line in reports.collect()]
spark.stop()

with open(f"{work}/direct.ndjson", encoding="utf-8") as f:
    direct = [json.loads(line) for line in f]
if len(via_spark) != len(direct):
    sys.exit(f"spark_check: {len(via_spark)} records through Spark, {len(direct)} direct")
for spark_record, direct_record in zip(via_spark, direct):
    if spark_record != direct_record:
        sys.exit(f"spark_check: the record for {direct_record['input']['path']} differs "
                 f"(Spark gave the one for {spark_record['input']['path']})")
ok = sum("error" not in r for r in direct)
print(f"spark_check: {len(direct)} records ({ok} reports) through rdd.pipe over {partitions} partitions "
      f"equal the direct `gap-check - --format ndjson` run, record for record, in order")
EOF
