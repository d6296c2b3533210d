# Sourced by ./mvnw and ./oxistore: points JAVA_HOME at a JDK 25 or newer, or stops with a message.
# Order: JAVA_HOME if it is 25+, then the usual install locations (newest first).
oxistore_java_major() {
  # prints the feature version of the JDK at $1 (e.g. 25), or nothing
  [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

oxistore_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(oxistore_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  for d in $(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/*3[0-9]* \
               /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
               /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -r); do
    v=$(oxistore_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME="$d"; return 0; fi
  done
  echo "error: OxiStore needs a JDK 25 or newer, and none was found." >&2
  echo "       Looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*25*, /opt/java, ~/.sdkman." >&2
  echo "       Install one (e.g. 'apt-get install temurin-25-jdk' from Adoptium, or SDKMAN 'sdk install java 25-tem')" >&2
  echo "       and set JAVA_HOME to it." >&2
  return 1
}
