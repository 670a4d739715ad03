# Sourced by ./gradelock and the scripts under docs/: find_jdk prints the home of the first JDK 21 or newer
# it finds (GRADELOCK_JAVA_HOME, JAVA_HOME and the javac on PATH first, then the usual install folders).

java_major() { # prints the feature version of the JDK at $1 (17, 21, 25, ...), or nothing
  local home="$1"
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_jdk() { # the first JDK 21+ among the usual places, JAVA_HOME and the javac on PATH first
  local candidates=() javac_path
  [ -n "${GRADELOCK_JAVA_HOME:-}" ] && candidates+=("$GRADELOCK_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if javac_path="$(command -v javac 2>/dev/null)"; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$javac_path")")")")
  fi
  local dir
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  local home major
  for home in "${candidates[@]}"; do
    major="$(java_major "$home")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

no_jdk_message="needs a JDK 21 or newer and found none (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm, ~/.jdks, SDKMAN); install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME"
