# Sourced by ./test (and so by .ci/run). Finds the headless browser that the web UI's
# end-to-end test drives: Debian's Chromium and its ChromeDriver, never a downloaded build.
# When they are missing and this shell may install packages (root with apt-get), it installs
# them; otherwise it prints what is missing and how to get it, and returns non-zero.

chipmix_find_browser() {
  local chromium=${CHIPMIX_CHROMIUM:-/usr/bin/chromium} driver=${CHIPMIX_CHROMEDRIVER:-/usr/bin/chromedriver}
  if [ -x "$chromium" ] && [ -x "$driver" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "chipmix: installing Debian's chromium and chromium-driver for the browser test (once)..." >&2
    local log
    log=$(mktemp)
    if (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver) >"$log" 2>&1; then
      rm -f "$log"
      [ -x "$chromium" ] && [ -x "$driver" ] && return 0
    else
      tail -n 20 "$log" >&2
      rm -f "$log"
    fi
  fi
  {
    echo "chipmix: the web UI's browser test needs $chromium and $driver, which are missing."
    echo "  Install them, for example: sudo apt-get install chromium chromium-driver (Debian/Ubuntu),"
    echo "  or point CHIPMIX_CHROMIUM and CHIPMIX_CHROMEDRIVER at an installed Chromium and its matching driver."
  } >&2
  return 1
}
