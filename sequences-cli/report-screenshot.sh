#!/usr/bin/env bash
# A sample `sequences series report` page and a screenshot of it in headless Chromium (Debian's
# chromium), to look at the report as a reader sees it. Needs the CLI's jar (./mvnw -pl
# sequences-cli -am package) and chromium. Writes target/report-sample/{report.html,report.png}.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/sequences.jar
out=target/report-sample
rm -rf "$out" && mkdir -p "$out"
url="jdbc:h2:file:$PWD/$out/sample"
java -cp "$jar" report-sample/ReportSample.java "$url"
java -jar "$jar" series report invoices --output "$out/report.html" --url "$url" || true
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1000 \
  --screenshot="$PWD/$out/report.png" "file://$PWD/$out/report.html" 2>/dev/null
echo "$out/report.html, $out/report.png"
