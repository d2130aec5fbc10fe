# Sourced by the bench scripts: sets JAVA_BIN to a JDK 21+ java (JAVA, JAVA_HOME, PATH, then
# /usr/lib/jvm, the first that qualifies) or exits with a message.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
for candidate in "${JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
    JAVA_BIN=$candidate
    break
  fi
done
[ -n "${JAVA_BIN:-}" ] || { echo "no JDK 21+ found; set JAVA=/path/to/java" >&2; exit 1; }
