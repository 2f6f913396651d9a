# Sourced by ./chipmix, ./test and .ci/run. Finds a JDK 21 or newer and Maven.
# Order: $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* (newest first).
# On success exports JAVA_HOME and puts its bin first on PATH; on failure prints
# what is missing and how to get it, and returns non-zero.

chipmix_java_major() {
  # Prints the feature version of the JDK at $1 (a JAVA_HOME), or nothing.
  local home=$1
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  local v
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  [ -n "$v" ] || return 1
  echo "${v%%.*}"
}

chipmix_find_jdk() {
  local min=21 candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r c; do candidates+=("$c"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  fi
  for c in "${candidates[@]}"; do
    major=$(chipmix_java_major "$c") || continue
    if [ "$major" -ge "$min" ] 2>/dev/null; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven 3.8/3.9 calls sun.misc.Unsafe, which JDK 24+ warns about on every run.
      if [ "$major" -ge 24 ]; then
        case " ${MAVEN_OPTS:-} " in
          *sun-misc-unsafe-memory-access*) ;;
          *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
        esac
      fi
      return 0
    fi
  done
  {
    echo "chipmix: no JDK $min or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm/*)."
    echo "  Install one, for example: apt-get install openjdk-21-jdk-headless (or any Temurin/OpenJDK 21+),"
    echo "  then run again or set JAVA_HOME to its folder."
  } >&2
  return 1
}

chipmix_find_maven() {
  if command -v mvn >/dev/null 2>&1; then return 0; fi
  {
    echo "chipmix: Maven (mvn) not found on PATH; it is needed to build chipmix."
    echo "  Install it, for example: apt-get install maven (3.8 or newer)."
  } >&2
  return 1
}
